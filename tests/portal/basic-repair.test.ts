// The repair journey of issue 6, in a real browser against a real Brook: a flow with a
// Basic-auth connection succeeds; the service's password changes; the next run fails; the
// user goes gear icon, Settings, Connections, Verify password, back to the run, Resubmit.
import { describe, expect, it } from 'vitest';
import { useOrdersJourney } from './support/orders-journey.js';
import { callTrigger, createAdmin, readTriggerUrl, createConnection, importFlow, mapConnection, openConnections, openRun, ordersFlow } from './support/steps.js';

const journey = useOrdersJourney('basic-repair');

describe('a Basic connection whose password changed', () => {
  it('is repaired from Settings, Connections, and the failed run succeeds when resubmitted', async () => {
    const { page, screenshot } = journey.browser;
    await createAdmin(page, journey.brook.url, screenshot);
    await screenshot('flows-empty');

    await openConnections(page);
    await createConnection(page, {
      name: 'Orders API',
      connector: 'HTTP',
      authentication: 'User name and password',
      fields: { 'Base URL': journey.service.url, 'Verify path (optional)': '/me', 'User name': 'svc-orders', Password: 'first-Passw0rd' },
    });
    const card = page.getByRole('article', { name: 'Orders API' });
    await card.getByText('Connected').waitFor();
    await screenshot('connection-created');

    await importFlow(page, 'Sync orders', ordersFlow());
    await mapConnection(page, 'orders', 'Orders API');
    const hook = await readTriggerUrl(page);
    await screenshot('flow');

    const first = await callTrigger(hook, { batch: 1 });
    await openRun(page, 'Sync orders', first);
    await page.getByText('Succeeded').first().waitFor();
    await screenshot('first-run-succeeded');

    // Someone changes the password on the service: the next run fails with 401.
    journey.service.password = 'second-Passw0rd';
    const failedRunId = await callTrigger(hook, { batch: 2 });
    await openRun(page, 'Sync orders', failedRunId);
    const why = page.getByRole('region', { name: 'Why it failed' }).first();
    await why.getByText('Authentication').waitFor();
    await expect(page.getByText(/Connection Orders API is not authenticated/).first().isVisible()).resolves.toBe(true);
    await screenshot('failed-run');

    // The bell heard of it too: its notice names the connection and leads to it, ready to verify.
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const notice = page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: /^Connection 'Orders API' is not authenticated/ });
    await notice.waitFor();
    await screenshot('notifications');
    await notice.click();
    await page.waitForURL((url) => url.pathname === '/settings/connections');
    await card.getByText('This connection is not authenticated.').waitFor();
    await card.getByRole('link', { name: 'Verify password' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('article')?.textContent?.startsWith('Orders API'))).toBe(true);
    await screenshot('notification-leads-to-connection');

    // The path users know: gear icon, Settings menu, Connections.
    await page.getByRole('button', { name: 'Settings' }).click();
    await screenshot('settings-menu');
    await page.getByRole('menuitem', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await card.getByText('This connection is not authenticated.').waitFor();
    await expect(card.getByText(/1 run of 1 flow failed because of this connection/).isVisible()).resolves.toBe(true);
    await screenshot('connection-not-authenticated');

    await card.getByRole('link', { name: 'Verify password' }).click();
    const dialog = page.getByRole('dialog', { name: /Verify password/ });
    await dialog.getByLabel('Password').fill('second-Passw0rd');
    await screenshot('verify-password');
    await dialog.getByRole('button', { name: 'Verify' }).click();
    await dialog.getByText('Verified. Orders API is connected.').waitFor();
    await screenshot('verified');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await card.getByText('Connected').waitFor();

    // Back to the failed run, Resubmit, and the new run succeeds.
    await openRun(page, 'Sync orders', failedRunId);
    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    await page.getByText('Resubmitted. This is the new run').waitFor();
    await page.getByRole('heading', { name: 'Run of Sync orders' }).locator('..').getByText('Succeeded').waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain(failedRunId);
    await screenshot('resubmitted-run-succeeded');
  }, 180_000);
});
