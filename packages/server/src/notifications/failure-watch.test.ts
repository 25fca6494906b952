// Two processes share the causes that keep a failing flow from being announced twice.
// Each looks at open causes only now and then when a run succeeds, so a success seen by
// the other process must still count: the next failure is announced again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord, RunStatus } from '@brook/store';
import { testConfig } from '../config/config.js';
import { openPlatform, type Platform } from '../app/platform.js';
import { failingFlow } from '../testing/definitions.js';
import { FailureWatch } from './failure-watch.js';
import { Notifier } from './notifier.js';

describe('a failing flow announced across processes', () => {
  let dataDir: string;
  let platform: Platform;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'brook-failure-watch-'));
    platform = await openPlatform(testConfig(dataDir, { workers: 0 }));
  });
  afterAll(async () => {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One process's view: its own notifier (and its cache of open causes) over the shared database. */
  const processView = () => {
    const { context } = platform;
    const logger = pino({ level: 'silent' });
    const notifier = new Notifier({ platform: context.platform, outboxes: [], logger, now: Date.now, publicUrl: () => 'http://brook.example.org' });
    return { notifier, watch: new FailureWatch({ platform: context.platform, flows: context.flows, runs: context.runQueries, notifier, logger, now: Date.now }) };
  };

  it('announces the failure again after a success that the other process saw', async () => {
    const { context } = platform;
    const owner = await context.platform.users.create({ email: 'owner@example.org', name: 'Owner', role: 'maker', passwordHash: 'x' });
    const flow = await context.flows.createFlow({ name: 'Shared', definition: failingFlow(), ownerId: owner.id });
    await context.platform.flowAccess.setOwner(flow.id, owner.id);
    const finished = async (status: RunStatus, at: number): Promise<RunRecord> => {
      const run = await context.runStore.createRun({ flowId: flow.id, flowVersion: flow.currentVersion, triggerName: 'manual', triggerOutputs: {}, createdAt: at });
      await context.runStore.claimRuns('test', 10, 60_000, Date.now());
      await context.runStore.checkpoint([{ runId: run.id, leaseOwner: 'test', actions: [], run: { status, startedAt: at, endedAt: at, release: true } }]);
      return (await context.runStore.getRun(run.id))!;
    };
    const announced = async () => (await context.platform.notifications.listForUser(owner.id)).filter((n) => n.kind === 'flow-failing').length;
    const first = processView();
    const second = processView();
    const settle = () => Promise.all([first.watch.idle(), second.watch.idle()]);

    second.watch.observe(await finished('Succeeded', Date.now()));
    await settle();
    first.watch.observe(await finished('Failed', Date.now()));
    await settle();
    expect(await announced()).toBe(1);
    first.watch.observe(await finished('Failed', Date.now()));
    await settle();
    expect(await announced()).toBe(1);

    // The second process, having looked at open causes before the first opened this one, sees the fix.
    second.watch.observe(await finished('Succeeded', Date.now() + 1));
    await settle();
    first.watch.observe(await finished('Failed', Date.now() + 2));
    await settle();
    expect(await announced()).toBe(2);
  });
});
