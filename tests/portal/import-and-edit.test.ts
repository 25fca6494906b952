// A maker brings a Power Automate export package: the portal imports it, says which
// connections still need choosing, draws its nested definition as a readable graph (no card
// on another), and the JSON editor shows a mistake where it is before it can be saved.
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession } from '@brook/testkit';
import { startBrook, type RunningBrook } from './support/brook.js';
import { createAdmin } from './support/steps.js';

let brook: RunningBrook;
let browser: BrowserSession;

beforeAll(async () => {
  brook = await startBrook();
  browser = await launchChromium({ artifactsDir: 'test-artifacts/portal/import-and-edit' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await brook?.close();
});

const FLOW = '8a1b2c3d-0000-4000-8000-0000000000aa';
const send = (runAfter: Record<string, string[]> = {}) => ({
  type: 'OpenApiConnection',
  inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_office365', connectionName: 'shared_office365', operationId: 'SendEmailV2' }, parameters: { 'emailMessage/To': 'ops@example.com' } },
  runAfter,
});

/** Scope › Until › Foreach › If › Switch, and four branches in parallel after the trigger. */
const definition = {
  $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
  contentVersion: '1.0.0.0',
  parameters: { $connections: { defaultValue: {}, type: 'Object' } },
  triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object' } } } },
  actions: {
    Read_a: { type: 'Compose', inputs: 'a', runAfter: {} },
    Read_b: { type: 'Compose', inputs: 'b', runAfter: {} },
    Read_c: { type: 'Compose', inputs: 'c', runAfter: {} },
    Read_d: { type: 'Compose', inputs: 'd', runAfter: {} },
    Try: {
      type: 'Scope',
      runAfter: { Read_a: ['Succeeded'], Read_b: ['Succeeded'], Read_c: ['Succeeded'], Read_d: ['Succeeded'] },
      actions: {
        Poll: {
          type: 'Until',
          expression: '@equals(1, 1)',
          limit: { count: 3, timeout: 'PT1M' },
          actions: {
            Each_order: {
              type: 'Foreach',
              foreach: '@createArray(1, 2)',
              actions: {
                Big_order: {
                  type: 'If',
                  expression: { greater: ['@item()', 1] },
                  actions: {
                    By_region: {
                      type: 'Switch',
                      expression: 'eu',
                      cases: { Europe: { case: 'eu', actions: { Tell_Europe: send() } }, America: { case: 'us', actions: { Tell_America: send() } } },
                      default: { actions: { Tell_everyone: send() } },
                    },
                  },
                  else: { actions: { Note_small: { type: 'Compose', inputs: 'small', runAfter: {} } } },
                },
              },
            },
          },
        },
      },
    },
    Report_failure: { ...send({ Try: ['Failed', 'TimedOut'] }) },
    Done: { type: 'Compose', inputs: 'done', runAfter: { Try: ['Succeeded'] } },
  },
};

function exportPackage(): Buffer {
  const flow = {
    name: FLOW,
    id: `/providers/Microsoft.Flow/flows/${FLOW}`,
    type: 'Microsoft.Flow/flows',
    properties: {
      displayName: 'Route big orders',
      definition,
      connectionReferences: { shared_office365: { connectionName: 'shared-office365-1', source: 'Embedded', id: '/providers/Microsoft.PowerApps/apis/shared_office365', tier: 'NotSpecified' } },
    },
  };
  const json = (value: unknown) => strToU8(JSON.stringify(value));
  return Buffer.from(
    zipSync({
      'manifest.json': json({ schema: '1.0', details: { displayName: 'Route big orders' }, resources: {} }),
      'Microsoft.Flow/flows/manifest.json': json({ packageSchemaVersion: '1.0', flowAssets: { assetPaths: [FLOW] } }),
      [`Microsoft.Flow/flows/${FLOW}/definition.json`]: json(flow),
    }),
  );
}

describe('a Power Automate package', () => {
  it('is imported, drawn as a readable graph, and its definition is checked before saving', async () => {
    const { page, screenshot } = browser;
    await createAdmin(page, brook.url);

    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a flow' });
    await dialog.getByLabel('Choose a file').setInputFiles({ name: 'RouteBigOrders_20250101.zip', mimeType: 'application/zip', buffer: exportPackage() });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const open = dialog.getByRole('button', { name: 'Open Route big orders' });
    const overview = page.getByRole('heading', { name: 'How it starts' });
    await open.or(overview).waitFor();
    await screenshot('imported');
    if (await open.isVisible()) await open.click();
    await overview.waitFor();
    await page.getByRole('heading', { name: 'Route big orders', level: 1 }).waitFor();

    // The connection it needs is named, and says it is not chosen yet.
    await page.getByLabel('shared_office365', { exact: true }).waitFor();
    await page.getByText('Not set: actions using it fail.').first().waitFor();
    await page.getByRole('img', { name: /^Last 28 days: 0 runs succeeded/ }).waitFor();

    // Every action is a card, containers hold theirs, and no card lies on another.
    const graph = page.getByRole('group', { name: 'Graph of Route big orders' });
    for (const name of ['Try, Scope', 'Poll, Until', 'Each_order, Foreach', 'Big_order, If', 'By_region, Switch', 'Tell_Europe, OpenApiConnection', 'Note_small, Compose', 'Read_d, Compose']) {
      await graph.getByRole('img', { name }).waitFor();
    }
    await graph.getByText('Failed, TimedOut').waitFor();
    const boxes = await graph.locator('.graph-card').evaluateAll((cards) => cards.map((card) => ({ name: card.getAttribute('data-action') ?? card.textContent ?? '', ...card.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number } })));
    expect(boxes.length).toBe(16);
    const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).map((b) => `${a.name} / ${b.name}`));
    expect(overlapping).toEqual([]);
    // The four parallel reads sit side by side on one row.
    const reads = boxes.filter((box) => box.name.startsWith('Read_'));
    expect(new Set(reads.map((box) => box.y)).size).toBe(1);
    await screenshot('graph');

    // A typo in a runAfter: the editor marks it where it is, lists it with its line, and Save waits.
    await page.getByRole('link', { name: 'Definition', exact: true }).click();
    await page.getByText('No problems found').waitFor();
    const broken = { ...definition, actions: { ...definition.actions, Done: { ...definition.actions.Done, runAfter: { Tri: ['Succeeded'] } } } };
    await page.getByRole('textbox', { name: 'Definition of Route big orders, JSON' }).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify(broken, null, 2));
    const problem = page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /'Done' runs after 'Tri'/ });
    await problem.waitFor();
    await expect(page.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
    await expect(page.locator('.cm-lintRange-error').count()).resolves.toBeGreaterThan(0);
    const line = Number(/Line (\d+)/.exec((await problem.textContent()) ?? '')?.[1]);
    const lineOfTypo = JSON.stringify(broken, null, 2).split('\n').findIndex((text) => text.includes('"Tri"')) + 1;
    expect(line).toBe(lineOfTypo);
    await problem.click();
    await expect.poll(() => page.locator('.cm-activeLine').textContent()).toContain('"Tri"');
    await screenshot('problem-in-place');

    // Fixed (and Done says something else), it saves as a new version.
    const fixed = { ...definition, actions: { ...definition.actions, Done: { ...definition.actions.Done, inputs: 'finished' } } };
    await page.getByRole('textbox', { name: 'Definition of Route big orders, JSON' }).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify(fixed, null, 2));
    await page.getByText('No problems found').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await screenshot('saved');
  }, 120_000);
});
