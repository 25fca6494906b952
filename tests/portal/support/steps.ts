// What a person does in the portal, step by step, shared by the journeys.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';

export const ADMIN = { name: 'Ada Lovelace', email: 'ada@example.test', password: 'correct horse battery' };

export async function createAdmin(page: Page, url: string, screenshot?: (name: string) => Promise<string>): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Welcome to Brook' }).waitFor();
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await screenshot?.('setup');
  await page.getByRole('button', { name: 'Create the admin account' }).click();
  await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
}

/** Gear icon, Settings menu, Connections: the path users know. */
export async function openConnections(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name: 'Connections' }).click();
  await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
}

export interface NewConnection {
  name: string;
  connector: string;
  authentication?: string;
  fields: Record<string, string>;
}

export async function createConnection(page: Page, connection: NewConnection): Promise<void> {
  await page.getByRole('button', { name: 'New connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'New connection' });
  await dialog.getByLabel('Connector').selectOption({ label: connection.connector });
  if (connection.authentication) await dialog.getByLabel('Authentication').selectOption({ label: connection.authentication });
  await dialog.getByLabel('Connection name').fill(connection.name);
  for (const [label, value] of Object.entries(connection.fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole('button', { name: /^Create and/ }).click();
}

/** Imports a definition the way a person does: a .json file chosen in the Import dialog. */
export async function importFlow(page: Page, name: string, definition: object): Promise<void> {
  const file = join(tmpdir(), `${name}.json`);
  writeFileSync(file, JSON.stringify(definition, null, 2));
  await page.getByRole('link', { name: 'Flows', exact: true }).click();
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a flow' });
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const open = dialog.getByRole('button', { name: /^Open / });
  const flowPage = page.getByRole('heading', { name: 'How it starts' });
  // With warnings the dialog lists them first; without, it opens the flow at once.
  await open.or(flowPage).waitFor();
  if (await open.isVisible()) await open.click();
  await flowPage.waitFor();
}

/** Reads the trigger URL on the flow page, as a person copies it to give to a caller. */
export async function readTriggerUrl(page: Page): Promise<string> {
  const url = (await page.locator('.trigger-url code').first().textContent())?.trim() ?? '';
  if (!url.startsWith('http')) throw new Error(`The flow page shows no trigger URL (got "${url}").`);
  return url;
}

/** What the caller of a flow does: POST to its trigger URL; answers the new run's id. */
export async function callTrigger(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`The trigger answered ${response.status}: ${await response.text()}`);
  const { runId } = (await response.json()) as { runId: string };
  return runId;
}

/** A definition that reads orders through the connection reference "orders". */
export function ordersFlow(): object {
  return {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { type: 'object' } } } },
    actions: {
      Get_orders: { type: 'ApiConnection', inputs: { host: { connection: { referenceName: 'orders' } }, method: 'get', path: '/orders' }, runAfter: {} },
      Count: { type: 'Compose', inputs: "@length(body('Get_orders'))", runAfter: { Get_orders: ['Succeeded'] } },
    },
    outputs: {},
  };
}

/** On the flow overview: maps the definition's connection reference to a connection. */
export async function mapConnection(page: Page, reference: string, connectionName: string): Promise<void> {
  const select = page.getByLabel(reference, { exact: true });
  await select.selectOption({ label: connectionName });
  await page.getByRole('link', { name: 'Open', exact: true }).first().waitFor();
}

/** Opens a run from the flow's run history, newest first. */
export async function openRun(page: Page, flowName: string, runId: string): Promise<void> {
  await page.goto(new URL(`/runs/${runId}`, page.url()).href);
  await page.getByRole('heading', { name: `Run of ${flowName}` }).waitFor();
}

/** What a screen reader would call the focused element: its label, aria-label or text. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return '';
    const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null;
    return (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').trim();
  });
}

/** Presses Tab until the focus is on the control with that name (a person looking for it). */
export async function tabTo(page: Page, name: string, most = 25): Promise<void> {
  for (let presses = 0; presses < most; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`${most} presses of Tab never reached "${name}"; the focus is on "${await focusedName(page)}".`);
}
