// One action heals the backlog: after the password is verified, the connection offers to
// resubmit every run it broke, as one job whose progress the page shows. Done at phone width,
// and from the Settings menu on with the keyboard alone.
import { describe, expect, it } from 'vitest';
import { useOrdersJourney } from './support/orders-journey.js';
import { callTrigger, createAdmin, focusedName, readTriggerUrl, createConnection, importFlow, mapConnection, openConnections, ordersFlow, tabTo } from './support/steps.js';

// At phone width: the journey must work on the smallest screen too.
const journey = useOrdersJourney('resubmit-all', { width: 360, height: 780 });

describe('the runs a connection broke', () => {
  it('are resubmitted all at once after the connection is verified', async () => {
    const { page, screenshot } = journey.browser;
    await createAdmin(page, journey.brook.url);
    await openConnections(page);
    await createConnection(page, {
      name: 'Orders API',
      connector: 'HTTP',
      authentication: 'User name and password',
      fields: { 'Base URL': journey.service.url, 'Verify path (optional)': '/me', 'User name': 'svc-orders', Password: 'first-Passw0rd' },
    });
    const card = page.getByRole('article', { name: 'Orders API' });
    await card.getByText('Connected').waitFor();
    await importFlow(page, 'Sync orders', ordersFlow());
    await mapConnection(page, 'orders', 'Orders API');
    const hook = await readTriggerUrl(page);

    journey.service.password = 'second-Passw0rd';
    const failed = [await callTrigger(hook, { batch: 1 }), await callTrigger(hook, { batch: 2 }), await callTrigger(hook, { batch: 3 })];

    // All runs, filtered to the failures of this connection.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByLabel('Status').selectOption('Failed');
    for (const id of failed) await page.locator(`a[href="/runs/${id}"]`).first().waitFor({ timeout: 20_000 });
    await screenshot('failed-runs');

    // This time with the keyboard: the gear is a menu button, the arrow keys move, Enter opens.
    await page.getByRole('button', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Connections');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Settings');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await card.getByText('3 runs of 1 flow failed because of this connection', { exact: false }).waitFor();
    await screenshot('connection-broken');
    // Still the keyboard alone: Tab to Verify password, the dialog starts on the password field,
    // Enter verifies, the focus moves on to Done.
    await tabTo(page, 'Verify password');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Verify password/ });
    await dialog.waitFor();
    await expect.poll(() => focusedName(page)).toBe('Password');
    await page.keyboard.type('second-Passw0rd');
    await page.keyboard.press('Enter');
    await dialog.getByText('Verified. Orders API is connected.').waitFor();
    await expect.poll(() => focusedName(page)).toBe('Done');
    await page.keyboard.press('Enter');
    // The link that opened the dialog is gone (the connection works): focus lands on its name.
    await expect.poll(() => focusedName(page)).toBe('Orders API');

    await tabTo(page, 'Resubmit the 3 affected runs');
    await page.keyboard.press('Enter');
    await screenshot('bulk-progress');
    await card.getByText('3 runs resubmitted.').waitFor({ timeout: 30_000 });
    await screenshot('bulk-done');

    // Each failed run now links to the run that replaced it, and those succeeded.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByLabel('Status').selectOption('Succeeded');
    await expect
      .poll(async () => page.getByRole('link', { name: /^Succeeded run of Sync orders/ }).count(), { timeout: 30_000 })
      .toBe(3);
    await screenshot('resubmitted-runs-succeeded');
  }, 180_000);
});
