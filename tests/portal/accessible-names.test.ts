// Every button, link, field, menu and dialog of the portal has an accessible name, and every
// page a title of its own: the test walks each page (and opens each menu, panel and dialog)
// at desktop and phone width and asks Chromium's accessibility tree which controls a screen
// reader could not name.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useOrdersJourney } from './support/orders-journey.js';
import { unnamedControls } from './support/accessible-names.js';
import { apiOf } from './support/api.js';
import { ADMIN, createAdmin, ordersFlow } from './support/steps.js';

const journey = useOrdersJourney('accessible-names');

/** A flow with nesting (If, Foreach, Scope, Switch), so the graph's cards are walked too. */
function nestedFlow(): object {
  const base = ordersFlow() as { actions: Record<string, unknown> };
  return {
    ...base,
    actions: {
      ...base.actions,
      Check: {
        type: 'If',
        expression: { greater: ["@length(body('Get_orders'))", 0] },
        actions: { Each: { type: 'Foreach', foreach: "@body('Get_orders')", actions: { Note: { type: 'Compose', inputs: '@item()' } } } },
        else: { actions: { Route: { type: 'Switch', expression: 'a', cases: { A: { case: 'a', actions: { Inner: { type: 'Scope', actions: {} } } } }, default: { actions: {} } } } },
        runAfter: { Count: ['Succeeded'] },
      },
    },
  };
}

interface State {
  name: string;
  path: string;
  /** What to wait for once the page is there. */
  ready: (page: Page) => Promise<unknown>;
  /** What a person clicks to open a menu, panel or dialog on it. */
  open?: (page: Page) => Promise<unknown>;
}

describe('accessible names', () => {
  it('the check itself finds a control without a name', async () => {
    const { page } = journey.browser;
    await page.goto(journey.brook.url);
    await page.getByRole('heading', { name: 'Welcome to Brook' }).waitFor();
    await page.evaluate(() => {
      const probe = document.createElement('button');
      probe.className = 'unnamed-probe';
      document.body.append(probe);
    });
    const found = await unnamedControls(page);
    expect(found.some((entry) => entry.includes('unnamed-probe'))).toBe(true);
    await page.evaluate(() => document.querySelector('.unnamed-probe')?.remove());
  });

  it('every control of every page has one, at desktop and at phone width', async () => {
    const { page, screenshot } = journey.browser;
    const unnamed: string[] = [];
    const check = async (where: string) => {
      for (const entry of await unnamedControls(page)) unnamed.push(`${where}: ${entry}`);
    };

    await page.goto(journey.brook.url);
    await page.getByRole('heading', { name: 'Welcome to Brook' }).waitFor();
    await check('setup');
    await createAdmin(page, journey.brook.url);

    // A connection, a flow that uses it, a run that worked and one that its password broke.
    const api = await apiOf(page, journey.brook.url);
    const connection = await api('POST', '/connections', {
      name: 'Orders API',
      connectorId: 'http',
      authType: 'basic',
      parameters: { baseUrl: journey.service.url, verifyPath: '/me', username: 'svc-orders' },
      secrets: { password: 'first-Passw0rd' },
    });
    const flow = (await api('POST', '/flows', { name: 'Sync orders', definition: nestedFlow(), connections: { orders: connection.id } })) as { id: string; triggers: { callbackUrl: string }[] };
    const hook = flow.triggers[0]?.callbackUrl ?? '';
    const call = async () => ((await (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { runId: string }).runId;
    await call();
    journey.service.password = 'second-Passw0rd';
    const failed = await call();
    await expect.poll(async () => ((await api('GET', `/runs/${failed}`)) as { status: string }).status, { timeout: 20_000 }).toBe('Failed');

    const heading = (name: string | RegExp) => (p: Page) => p.getByRole('heading', { name, level: 1 }).waitFor();
    const states: State[] = [
      { name: 'flows', path: '/flows', ready: heading('Flows') },
      { name: 'import', path: '/flows', ready: heading('Flows'), open: (p) => p.getByRole('button', { name: 'Import' }).click() },
      { name: 'new-flow', path: '/flows', ready: heading('Flows'), open: (p) => p.getByRole('button', { name: 'New flow' }).click() },
      { name: 'flow', path: `/flows/${flow.id}`, ready: (p) => p.getByRole('heading', { name: 'How it starts' }).waitFor() },
      { name: 'flow-menu', path: `/flows/${flow.id}`, ready: heading('Sync orders'), open: (p) => p.getByRole('button', { name: 'More actions' }).click() },
      { name: 'definition', path: `/flows/${flow.id}/definition`, ready: (p) => p.getByText('No problems found').waitFor() },
      { name: 'flow-runs', path: `/flows/${flow.id}/runs`, ready: (p) => p.locator(`a[href="/runs/${failed}"]`).first().waitFor() },
      { name: 'runs', path: '/runs?status=Failed', ready: (p) => p.locator(`a[href="/runs/${failed}"]`).first().waitFor() },
      { name: 'runs-selected', path: '/runs', ready: heading('All runs'), open: (p) => p.locator('tbody input[type=checkbox]').first().check() },
      { name: 'run', path: `/runs/${failed}`, ready: (p) => p.getByRole('region', { name: 'Why it failed' }).first().waitFor() },
      { name: 'connections', path: '/settings/connections', ready: heading('Connections') },
      { name: 'connection-menu', path: '/settings/connections', ready: heading('Connections'), open: (p) => p.getByRole('button', { name: 'Actions for Orders API' }).click() },
      { name: 'new-connection', path: '/settings/connections', ready: heading('Connections'), open: (p) => p.getByRole('button', { name: 'New connection' }).click() },
      { name: 'verify', path: `/settings/connections?verify=${String(connection.id)}`, ready: (p) => p.getByRole('dialog', { name: /Verify password/ }).waitFor() },
      { name: 'profile', path: '/settings/profile', ready: heading('Profile and API tokens') },
      { name: 'users', path: '/settings/users', ready: heading('Users') },
      { name: 'add-user', path: '/settings/users', ready: heading('Users'), open: (p) => p.getByRole('button', { name: 'Add a user' }).click() },
      { name: 'settings-menu', path: '/flows', ready: heading('Flows'), open: (p) => p.getByRole('button', { name: 'Settings' }).click() },
      { name: 'notifications', path: '/flows', ready: heading('Flows'), open: (p) => p.getByRole('button', { name: /^Notifications/ }).click() },
      { name: 'not-found', path: '/nowhere', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
    ];

    for (const viewport of [{ width: 1280, height: 860 }, { width: 360, height: 780 }]) {
      await page.setViewportSize(viewport);
      for (const state of states) {
        await page.goto(new URL(state.path, journey.brook.url).href);
        await state.ready(page);
        if (state.open) {
          await state.open(page);
          await page.locator('[role=menu], dialog[open], [role=dialog], .bulk-bar').first().waitFor();
        }
        await check(`${state.name} at ${viewport.width} px`);
        // Each page says what it is in its title too (tabs, history, screen readers).
        const title = await page.title();
        if (!/^.+ · Brook$/.test(title)) unnamed.push(`${state.name}: the page title is "${title}"`);
        if (viewport.width === 360) await screenshot(state.name);
      }
    }

    // Signed out: the sign-in page.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await check('sign-in with an error');
    await screenshot('sign-in-error');

    expect(unnamed).toEqual([]);
  }, 180_000);
});
