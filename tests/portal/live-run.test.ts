// A run in progress updates by itself: its page shows each action start and finish as the
// engine reports it (no reload), and Cancel stops a run that is still waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type BrowserSession } from '@brook/testkit';
import { startBrook, type RunningBrook } from './support/brook.js';
import { apiOf } from './support/api.js';
import { callTrigger, createAdmin } from './support/steps.js';

let brook: RunningBrook;
let browser: BrowserSession;

beforeAll(async () => {
  brook = await startBrook();
  browser = await launchChromium({ artifactsDir: 'test-artifacts/portal/live-run' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await brook?.close();
});

const waitFor = (seconds: number) => ({ type: 'Wait', inputs: { interval: { count: seconds, unit: 'Second' } } });

describe('a run in progress', () => {
  it('updates live as its actions finish, and can be cancelled while it waits', async () => {
    const { page, screenshot } = browser;
    await createAdmin(page, brook.url);
    const api = await apiOf(page, brook.url);
    const flow = (await api('POST', '/flows', {
      name: 'Slow steps',
      definition: {
        triggers: { manual: { type: 'Request', kind: 'Http' } },
        actions: {
          Start: { type: 'Compose', inputs: 'go', runAfter: {} },
          Pause: { ...waitFor(3), runAfter: { Start: ['Succeeded'] } },
          Each: { type: 'Foreach', foreach: '@createArray(1, 2, 3)', actions: { Step: { type: 'Compose', inputs: '@item()' } }, runAfter: { Pause: ['Succeeded'] } },
          Done: { type: 'Compose', inputs: 'done', runAfter: { Each: ['Succeeded'] } },
        },
      },
    })) as { triggers: { callbackUrl: string }[] };
    const hook = flow.triggers[0]?.callbackUrl ?? '';

    const runId = await callTrigger(hook, {});
    await page.goto(new URL(`/runs/${runId}`, brook.url).href);
    const header = page.getByRole('heading', { name: 'Run of Slow steps' }).locator('..');
    const graph = page.getByRole('group', { name: 'Actions of this run of Slow steps' });
    await graph.getByRole('button', { name: /^Pause, Wait, Running/ }).waitFor();
    await header.getByText('Running').waitFor();
    await page.getByText(/running for \d+ s/).waitFor();
    await screenshot('running');
    // Marks this page: a reload would lose the mark.
    await page.evaluate(() => Object.assign(window, { brookTestMark: true }));

    await graph.getByRole('button', { name: /^Done, Compose, Succeeded/ }).waitFor({ timeout: 20_000 });
    await graph.getByRole('button', { name: /^Step, Compose, Succeeded, 3 times/ }).waitFor();
    await header.getByText('Succeeded').waitFor();
    await expect(page.evaluate(() => (window as unknown as { brookTestMark?: boolean }).brookTestMark)).resolves.toBe(true);
    await screenshot('finished-live');

    // A second run, cancelled while it waits.
    const second = await callTrigger(hook, {});
    await page.goto(new URL(`/runs/${second}`, brook.url).href);
    await graph.getByRole('button', { name: /^Pause, Wait, Running/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await header.getByText('Cancelled').waitFor({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Cancel', exact: true }).count()).resolves.toBe(0);
    await screenshot('cancelled');
  }, 60_000);
});
