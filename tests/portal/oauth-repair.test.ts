// The repair journey for an OAuth2 sign-in connection against a real OAuth2 provider: the
// grant is revoked at the provider, the run fails, and "Sign in again" (gear icon, Settings,
// Connections) goes through the provider's sign-in and consent and back; Resubmit succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession } from '@brook/testkit';
import type { Page } from 'playwright-core';
import { startBrook, type RunningBrook } from './support/brook.js';
import { startOAuthWorld, type OAuthWorld } from './support/oauth-world.js';
import { callTrigger, createAdmin, readTriggerUrl, createConnection, importFlow, mapConnection, openConnections, openRun, ordersFlow } from './support/steps.js';

let brook: RunningBrook;
let world: OAuthWorld;
let browser: BrowserSession;

beforeAll(async () => {
  brook = await startBrook();
  world = await startOAuthWorld(`${brook.url}/api/v1/oauth/callback`);
  browser = await launchChromium({ artifactsDir: 'test-artifacts/portal/oauth-repair' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
  await brook?.close();
});

/**
 * The provider's own pages: sign in as alice (unless its session remembers her), consent,
 * and come back to Connections with the outcome in the address.
 */
async function signInAtProvider(page: Page, screenshot: (name: string) => Promise<string>, name: string): Promise<void> {
  const atProvider = (url: URL) => url.origin === world.issuer;
  const returned = (url: URL) => url.pathname === '/settings/connections' && url.searchParams.has('oauth');
  await page.waitForURL((url) => atProvider(url) || returned(url));
  const login = page.locator('input[name=login]');
  const consent = page.getByRole('button', { name: 'Continue' });
  if (atProvider(new URL(page.url()))) {
    await login.or(consent).waitFor();
    if (await login.isVisible()) {
      await login.fill('alice');
      await page.locator('input[name=password]').fill('any password');
      await screenshot(`${name}-provider-sign-in`);
      await page.getByRole('button', { name: 'Sign-in' }).click();
    }
    await page.waitForURL((url) => returned(url) || (atProvider(url) && url.pathname.startsWith('/interaction')));
    if (!returned(new URL(page.url()))) {
      await consent.waitFor();
      await screenshot(`${name}-provider-consent`);
      await consent.click();
    }
  }
  await page.waitForURL(returned);
  await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
}

describe('an OAuth2 connection whose grant was revoked', () => {
  it('signs in again from Settings, Connections, and the failed run succeeds when resubmitted', async () => {
    const { page, screenshot } = browser;
    await createAdmin(page, brook.url);
    await openConnections(page);
    await createConnection(page, {
      name: 'Orders cloud',
      connector: 'HTTP',
      authentication: 'OAuth 2.0 sign-in',
      fields: {
        'Base URL': world.apiUrl,
        'Verify path (optional)': '/me',
        'Client ID': world.clientId,
        'Client secret (optional)': world.clientSecret,
        'Scopes (optional)': 'openid offline_access api',
        'Authorization URL': world.authorizationUrl,
        'Token URL': world.tokenUrl,
      },
    });
    await signInAtProvider(page, screenshot, 'first');
    const card = page.getByRole('article', { name: 'Orders cloud' });
    await card.getByText('Connected').waitFor();
    await screenshot('connected');

    await importFlow(page, 'Sync orders', ordersFlow());
    await mapConnection(page, 'orders', 'Orders cloud');
    const hook = await readTriggerUrl(page);
    const first = await callTrigger(hook, { batch: 1 });
    await openRun(page, 'Sync orders', first);
    await page.getByRole('heading', { name: 'Run of Sync orders' }).locator('..').getByText('Succeeded').waitFor({ timeout: 20_000 });

    world.revokeAccess();
    const failedRunId = await callTrigger(hook, { batch: 2 });
    await openRun(page, 'Sync orders', failedRunId);
    await page.getByText(/Connection Orders cloud is not authenticated/).first().waitFor({ timeout: 20_000 });
    await screenshot('failed-run');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('menuitem', { name: 'Connections' }).click();
    await card.getByText('This connection is not authenticated.').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot('connection-not-authenticated');
    await card.getByRole('button', { name: 'Sign in again' }).click();
    await signInAtProvider(page, screenshot, 'again');
    await page.getByText('Signed in: the service granted access').waitFor();
    await card.getByText('Connected').waitFor();
    await screenshot('signed-in-again');

    await openRun(page, 'Sync orders', failedRunId);
    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    await page.getByText('Resubmitted. This is the new run').waitFor();
    await page.getByRole('heading', { name: 'Run of Sync orders' }).locator('..').getByText('Succeeded').waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain(failedRunId);
    await screenshot('resubmitted-run-succeeded');
  }, 180_000);
});
