// One conformance suite for the run store, run against SQLite (a real file) and
// PostgreSQL (the test cluster). Both must behave the same to the engine.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrookDatabase } from '../database.js';
import { migrateToLatest } from '../migrations/index.js';
import { createRunStore, FlowRepository, RunQueries, type SqlRunStore } from './index.js';
import type { ActionRecord, NewRun } from './records.js';

const definition = { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions: { Compose: { type: 'Compose', inputs: 1 } } };

function action(runId: string, key: string, overrides: Partial<ActionRecord> = {}): ActionRecord {
  return {
    runId,
    key,
    name: key.split('#')[0] ?? key,
    type: 'Compose',
    scopePath: [],
    iterationPath: [],
    status: 'Succeeded',
    code: 'OK',
    inputs: { a: 1 },
    outputs: { b: [1, 2] },
    error: null,
    attempts: [{ startedAt: 1, endedAt: 2, status: 'Succeeded', code: 'OK', error: null }],
    startedAt: 1,
    endedAt: 2,
    connectionId: null,
    resubmitted: false,
    trackedProperties: null,
    seq: 0,
    state: null,
    ...overrides,
  };
}

export function describeRunStore(dialect: string, open: () => Promise<BrookDatabase>, cleanup: () => Promise<void> = async () => undefined): void {
  describe(`run store on ${dialect}`, () => {
    let database: BrookDatabase;
    let store: SqlRunStore;
    let flows: FlowRepository;
    let queries: RunQueries;
    let flowId: string;
    let clock = 1_000_000;
    const tick = (): number => (clock += 1000);
    const newRun = (overrides: Partial<NewRun> = {}): NewRun => ({ flowId, flowVersion: 1, triggerName: 'manual', triggerOutputs: { body: { n: 1 } }, createdAt: tick(), ...overrides });

    beforeAll(async () => {
      database = await open();
      await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
      store = createRunStore(database);
      flows = new FlowRepository(database.db);
      queries = new RunQueries(database.db);
      flowId = (await flows.createFlow({ name: 'Orders', definition, ownerId: 'usr_1' })).id;
    });

    afterAll(async () => {
      await store.close();
      await database.close();
      await cleanup();
    });

    it('keeps flow versions and knows the current one', async () => {
      const flow = await flows.createFlow({ name: 'Versioned', definition });
      expect(flow.currentVersion).toBe(1);
      const second = await flows.saveVersion(flow.id, { ...definition, description: 'second' }, 'usr_2');
      expect(second?.version).toBe(2);
      expect((await store.getCurrentFlowVersion(flow.id))?.definition.description).toBe('second');
      expect((await store.getFlowVersion(flow.id, 1))?.definition).toEqual(definition);
      expect((await flows.listVersions(flow.id)).map((v) => v.version)).toEqual([2, 1]);
      expect(await flows.saveVersion('flow_missing', definition)).toBeNull();
      await flows.updateFlow(flow.id, { enabled: false, name: 'Renamed' });
      expect(await flows.getFlow(flow.id)).toMatchObject({ enabled: false, name: 'Renamed', currentVersion: 2 });
      expect(await flows.deleteFlow(flow.id)).toBe(true);
      expect(await store.getCurrentFlowVersion(flow.id)).toBeNull();
    });

    it('keeps the connection mapping of each version; a revision merges into it and adds a version only for a change', async () => {
      const flow = await flows.createFlow({ name: 'Mapped', definition, connections: { orders: 'con_a' } });
      expect((await store.getFlowVersion(flow.id, 1))?.connections).toEqual({ orders: 'con_a' });
      const remapped = await flows.reviseVersion(flow.id, { connections: { orders: 'con_b', mail: 'con_m' } }, 'usr_2');
      expect(remapped).toMatchObject({ created: true, version: { version: 2, definition, connections: { orders: 'con_b', mail: 'con_m' }, createdBy: 'usr_2' } });
      // The same mapping again (keys in another order) and the same definition: no version.
      const same = await flows.reviseVersion(flow.id, { definition: structuredClone(definition), connections: { mail: 'con_m', orders: 'con_b' } });
      expect(same).toMatchObject({ created: false, version: { version: 2 } });
      // A new definition keeps the mapping.
      const edited = await flows.reviseVersion(flow.id, { definition: { ...definition, description: 'v3' } });
      expect(edited?.version).toMatchObject({ version: 3, connections: { orders: 'con_b', mail: 'con_m' } });
      expect((await flows.saveVersion(flow.id, definition))?.connections).toEqual({ orders: 'con_b', mail: 'con_m' });
      expect((await flows.saveVersion(flow.id, definition, null, Date.now(), { orders: 'con_c' }))?.connections).toEqual({ orders: 'con_c' });
      expect((await flows.listVersions(flow.id)).map((v) => [v.version, v.connections])).toEqual([
        [5, { orders: 'con_c' }],
        [4, { orders: 'con_b', mail: 'con_m' }],
        [3, { orders: 'con_b', mail: 'con_m' }],
        [2, { orders: 'con_b', mail: 'con_m' }],
        [1, { orders: 'con_a' }],
      ]);
      expect((await store.getCurrentFlowVersion(flow.id))?.connections).toEqual({ orders: 'con_c' });
      expect(await flows.reviseVersion('flow_missing', { connections: { orders: 'con_a' } })).toBeNull();
    });

    it('revises one flow from many callers at once without losing a mapping', async () => {
      const flow = await flows.createFlow({ name: 'Busy', definition });
      const revised = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((ref) => flows.reviseVersion(flow.id, { connections: { [ref]: `con_${ref}` } })));
      expect(revised.map((r) => r?.version.version).sort()).toEqual([2, 3, 4, 5, 6]);
      expect((await flows.getCurrentVersion(flow.id))?.connections).toEqual({ a: 'con_a', b: 'con_b', c: 'con_c', d: 'con_d', e: 'con_e' });
    });

    it('creates a run once per id, with copied action records', async () => {
      const first = await store.createRun(newRun({ id: 'run_fixed', copiedActions: [action('x', 'A', { resubmitted: true })] }));
      const again = await store.createRun(newRun({ id: 'run_fixed', triggerOutputs: 'other' }));
      expect(again.triggerOutputs).toEqual(first.triggerOutputs);
      expect(first).toMatchObject({ status: 'Waiting', flowId, flowVersion: 1, triggerName: 'manual', leaseOwner: null, cancelRequested: false });
      const loaded = await store.loadRun('run_fixed');
      expect(loaded?.actions).toEqual([action('run_fixed', 'A', { resubmitted: true })]);
      await store.requestCancel('run_fixed', tick());
    });

    it('claims a run for one owner until its lease expires', async () => {
      const run = await store.createRun(newRun());
      const now = tick();
      const claimed = await store.claimRuns('worker-a', 100, 30_000, now);
      expect(claimed.map((r) => r.id)).toContain(run.id);
      expect(await store.claimRuns('worker-b', 100, 30_000, now + 1)).toEqual([]);
      const renewal = await store.renewLeases('worker-a', [run.id, 'run_unknown'], 30_000, now + 10_000);
      expect(renewal).toEqual({ lost: ['run_unknown'], cancelRequested: [] });
      const later = await store.claimRuns('worker-b', 100, 30_000, now + 40_001);
      expect(later.map((r) => r.id)).toEqual([run.id]);
      expect((await store.renewLeases('worker-a', [run.id], 30_000, now + 40_002)).lost).toEqual([run.id]);
      await store.checkpoint([{ runId: run.id, leaseOwner: 'worker-b', actions: [], run: { status: 'Succeeded', release: true } }]);
    });

    it('creates a run already claimed by its creator', async () => {
      const run = await store.createRun(newRun({ claim: { owner: 'creator', leaseMs: 60_000 } }));
      expect(run.leaseOwner).toBe('creator');
      expect((await store.claimRuns('other', 100, 1000, run.createdAt + 1)).map((r) => r.id)).not.toContain(run.id);
      await store.checkpoint([{ runId: run.id, leaseOwner: 'creator', actions: [], run: { status: 'Succeeded', release: true } }]);
    });

    it('writes many runs in one checkpoint and skips runs whose lease moved on', async () => {
      const mine = await store.createRun(newRun({ claim: { owner: 'me', leaseMs: 60_000 } }));
      const theirs = await store.createRun(newRun({ claim: { owner: 'them', leaseMs: 60_000 } }));
      const variables = { counter: { name: 'Counter', type: 'Integer' as const, value: 3 } };
      const result = await store.checkpoint([
        { runId: mine.id, leaseOwner: 'me', actions: [action(mine.id, 'A', { status: 'Running', code: null, outputs: null })], variables, run: { status: 'Running', startedAt: 5 } },
        { runId: theirs.id, leaseOwner: 'me', actions: [action(theirs.id, 'A')] },
        { runId: mine.id, leaseOwner: 'me', actions: [action(mine.id, 'A'), action(mine.id, 'B#0.2', { iterationPath: [0, 2], scopePath: ['Loop', 'Inner'], seq: 1 })] },
      ]);
      expect(result.rejected).toEqual([theirs.id]);
      const loaded = await store.loadRun(mine.id);
      expect(loaded?.run).toMatchObject({ status: 'Running', startedAt: 5, variables });
      expect(loaded?.actions).toEqual([action(mine.id, 'A'), action(mine.id, 'B#0.2', { iterationPath: [0, 2], scopePath: ['Loop', 'Inner'], seq: 1 })]);
      expect((await store.loadRun(theirs.id))?.actions).toEqual([]);
      expect(await store.getAction(mine.id, 'B#0.2')).toMatchObject({ iterationPath: [0, 2] });
      expect(await store.getAction(mine.id, 'missing')).toBeNull();

      const error = { code: 'Unauthorized', category: 'authentication' as const, message: 'no', status: 401, connectionId: 'con_1', remedy: { summary: 's', steps: [] } };
      await store.checkpoint([
        {
          runId: mine.id,
          leaseOwner: 'me',
          actions: [],
          run: { status: 'Failed', endedAt: 9, error, failedAction: 'A', connectionIds: ['con_1'], outputs: { o: 1 }, response: { statusCode: 500, headers: {}, body: 'x' }, release: true },
        },
      ]);
      const finished = await store.getRun(mine.id);
      expect(finished).toMatchObject({ status: 'Failed', endedAt: 9, error, failedAction: 'A', connectionIds: ['con_1'], outputs: { o: 1 }, leaseOwner: null });
      expect(finished?.response).toEqual({ statusCode: 500, headers: {}, body: 'x' });
      const byConnection = await queries.listRuns({ connectionId: 'con_1' });
      expect(byConnection.items.map((r) => r.id)).toEqual([mine.id]);
      expect((await queries.listRuns({ category: 'authentication' })).items.map((r) => r.id)).toEqual([mine.id]);
      await store.checkpoint([{ runId: theirs.id, leaseOwner: 'them', actions: [], run: { status: 'Succeeded', release: true } }]);
    });

    it('sleeps a run until its timer is due, or until it is woken', async () => {
      const run = await store.createRun(newRun({ claim: { owner: 'me', leaseMs: 60_000 } }));
      const now = tick();
      await store.checkpoint([{ runId: run.id, leaseOwner: 'me', actions: [action(run.id, 'Wait', { status: 'Running', state: { until: now + 5000 } })], run: { suspend: { until: now + 5000 } } }]);
      expect(await store.getRun(run.id)).toMatchObject({ suspended: true, wakeAt: now + 5000, leaseOwner: null });
      expect((await store.claimRuns('w', 100, 1000, now + 100_000)).map((r) => r.id)).not.toContain(run.id);
      expect(await store.wakeDueRuns(now + 4999, 10)).toBe(0);
      expect(await store.wakeDueRuns(now + 5000, 10)).toBe(1);
      expect(await store.wakeDueRuns(now + 5000, 10)).toBe(0);
      const claimed = await store.claimRuns('w', 100, 1000, now + 5001);
      expect(claimed.map((r) => r.id)).toEqual([run.id]);

      await store.checkpoint([{ runId: run.id, leaseOwner: 'w', actions: [], run: { suspend: { until: null } } }]);
      expect(await store.wakeDueRuns(now + 10_000_000, 10)).toBe(0);
      await store.wakeRun(run.id, 'Wait', { callback: { body: 'hi' } });
      expect((await store.getAction(run.id, 'Wait'))?.state).toEqual({ callback: { body: 'hi' } });
      const again = await store.claimRuns('w2', 100, 1000, now + 5002);
      expect(again.map((r) => r.id)).toEqual([run.id]);
      await store.checkpoint([{ runId: run.id, leaseOwner: 'w2', actions: [], run: { status: 'Succeeded', release: true } }]);
    });

    it('cancels a waiting run at once and flags a running one', async () => {
      const waiting = await store.createRun(newRun());
      expect(await store.requestCancel(waiting.id, tick())).toMatchObject({ status: 'Cancelled', cancelRequested: true });
      const running = await store.createRun(newRun({ claim: { owner: 'me', leaseMs: 60_000 } }));
      await store.checkpoint([{ runId: running.id, leaseOwner: 'me', actions: [], run: { status: 'Running' } }]);
      expect(await store.requestCancel(running.id, running.createdAt + 1)).toMatchObject({ status: 'Running', cancelRequested: true });
      expect((await store.renewLeases('me', [running.id], 1000, running.createdAt + 2)).cancelRequested).toEqual([running.id]);
      expect(await store.requestCancel('run_nope', tick())).toBeNull();
      await store.checkpoint([{ runId: running.id, leaseOwner: 'me', actions: [], run: { status: 'Cancelled', release: true } }]);
    });

    it('fires a schedule once even when two workers race for it', async () => {
      const key = `schedule:${flowId}:Recurrence`;
      await store.upsertScheduleTimer({ key, flowId, triggerName: 'Recurrence', fireAt: 5000 });
      expect(await store.dueScheduleTimers(4999, 10)).toEqual([]);
      expect(await store.dueScheduleTimers(5000, 10)).toEqual([{ key, flowId, triggerName: 'Recurrence', fireAt: 5000 }]);
      const fire = (): Promise<unknown> => store.fireScheduleTimer(key, 5000, 65_000, newRun({ triggerName: 'Recurrence' }));
      const [a, b] = await Promise.all([fire(), fire()]);
      expect([a, b].filter((r) => r !== null)).toHaveLength(1);
      expect(await store.dueScheduleTimers(65_000, 10)).toEqual([{ key, flowId, triggerName: 'Recurrence', fireAt: 65_000 }]);
      expect(await store.fireScheduleTimer(key, 65_000, null, newRun({ triggerName: 'Recurrence' }))).not.toBeNull();
      expect(await store.dueScheduleTimers(10_000_000, 10)).toEqual([]);
      await store.upsertScheduleTimer({ key, flowId, triggerName: 'Recurrence', fireAt: 1 });
      await store.deleteScheduleTimers(flowId);
      expect(await store.dueScheduleTimers(10_000_000, 10)).toEqual([]);
    });

    it('never claims one run for two workers that claim at the same moment', async () => {
      const created = await Promise.all(Array.from({ length: 30 }, () => store.createRun(newRun())));
      const now = tick();
      const claims = await Promise.all(['a', 'b', 'c'].map((owner) => store.claimRuns(owner, 20, 60_000, now)));
      const ids = claims.flat().map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const run of created) expect(ids).toContain(run.id);
      for (const [index, owner] of ['a', 'b', 'c'].entries()) {
        await store.checkpoint(claims[index]!.map((r) => ({ runId: r.id, leaseOwner: owner, actions: [], run: { status: 'Succeeded' as const, release: true } })));
      }
    });

    it('lists runs newest first, page by page, and links resubmissions', async () => {
      const flow = await flows.createFlow({ name: 'Listed', definition });
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await store.createRun(newRun({ flowId: flow.id }))).id);
      const resubmit = await store.createRun(newRun({ flowId: flow.id, resubmittedFrom: ids[0], resubmitMode: 'run' }));
      const first = await queries.listRuns({ flowId: flow.id, limit: 4 });
      expect(first.items.map((r) => r.id)).toEqual([resubmit.id, ...ids.slice(2).reverse()]);
      const second = await queries.listRuns({ flowId: flow.id, limit: 4, cursor: first.nextCursor });
      expect(second.items.map((r) => r.id)).toEqual([ids[1], ids[0]]);
      expect(second.nextCursor).toBeNull();
      expect((await queries.resubmittedAs([ids[0]!, ids[1]!])).get(ids[0]!)).toEqual([resubmit.id]);
      expect((await queries.listRuns({ flowIds: [] })).items).toEqual([]);
      expect((await queries.listRuns({ runIds: [ids[3]!, ids[1]!, 'run_missing'] })).items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
      expect((await queries.listRuns({ runIds: [] })).items).toEqual([]);
      const days = await queries.countByDay(0, flow.id);
      expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(6);
    });
  });
}
