// Durability: a worker killed with SIGKILL in the middle of a long run loses nothing. A
// fresh process on the same SQLite file resumes the run from its last checkpoint, and
// every action ends up recorded exactly once, as completed. The service the run calls
// looks in the database whenever a call arrives: the actions that call depends on must
// already be committed (the worker's commits are slowed down, so this fails if the
// engine ever starts a dependent before its predecessor's checkpoint is durable).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalService as serve, sendJson as json, type LocalService as TestServer } from '@brook/testkit';
import { openStore } from './open-store.js';

const fixture = fileURLToPath(new URL('./crash-worker.fixture.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'brook-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(file: string, forever: boolean): { child: ChildProcess; ready: Promise<void>; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--conditions=brook-source', '--import', 'tsx', fixture, file, ...(forever ? ['--forever'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, done };
}

describe('a worker killed mid-run', () => {
  it('is replaced by a fresh process that finishes the run, every action recorded once', async () => {
    let server: TestServer | undefined;
    const calls: string[] = [];
    const uncommitted: string[] = [];
    const file = join(dir, 'brook.db');
    const opened = await openStore(file);
    let runId = '';
    const committed = (key: string): boolean => {
      const row = opened.database.sqlite!.prepare('select status from action_records where run_id = ? and key = ?').get(runId, key) as { status: string } | undefined;
      return row?.status === 'Succeeded';
    };
    server = await serve((req, res) => {
      const [, kind, step] = /^\/(step|confirm)\/(\d+)$/.exec(req.url) ?? [];
      const i = Number(step);
      if (kind === 'step') {
        calls.push(`${req.url} ${String(req.headers['idempotency-key'])}`);
        // A sequential loop: the previous iteration is done and committed.
        if (i > 0 && !committed(`Confirm#${i - 1}`)) uncommitted.push(`Confirm#${i - 1} before ${req.url}`);
      } else {
        // Confirm runs after Add, which runs after Call.
        for (const key of [`Call#${i}`, `Add#${i}`]) if (!committed(key)) uncommitted.push(`${key} before ${req.url}`);
      }
      // Each call answers after a short pause so the run is long enough to be killed mid-way.
      setTimeout(() => json(res, 200, { step: req.url }), 10);
    });
    const steps = 15;
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Count: { type: 'InitializeVariable', inputs: { variables: [{ name: 'count', type: 'Integer', value: 0 }] } },
        Steps: {
          type: 'Foreach',
          foreach: `@range(0, ${steps})`,
          operationOptions: 'Sequential',
          runAfter: { Count: ['Succeeded'] },
          actions: {
            Call: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/step/@{item()}` } },
            Add: { type: 'IncrementVariable', inputs: { name: 'count' }, runAfter: { Call: ['Succeeded'] } },
            Confirm: { type: 'Http', inputs: { method: 'POST', uri: `${server.url}/confirm/@{item()}`, body: "@variables('count')" }, runAfter: { Add: ['Succeeded'] } },
          },
        },
        Total: { type: 'Compose', inputs: "@variables('count')", runAfter: { Steps: ['Succeeded'] } },
      },
    };
    const flow = await opened.flows.createFlow({ name: 'Long', definition });
    const run = await opened.store.createRun({ flowId: flow.id, flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: null }, createdAt: Date.now() });
    runId = run.id;

    const first = startWorker(file, true);
    await first.ready;
    // Kill it once a few steps are checkpointed.
    for (;;) {
      const done = opened.database.sqlite!.prepare("select count(*) as n from action_records where run_id = ? and name = 'Add'").get(run.id) as { n: number };
      if (done.n >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.child.kill('SIGKILL');
    await first.done;
    const atKill = (await opened.store.loadRun(run.id))!;
    expect(atKill.run.status).toBe('Running');
    expect(atKill.actions.filter((a) => a.name === 'Add').length).toBeLessThan(steps);

    const second = startWorker(file, false);
    expect(await second.done).toBe(0);

    const finished = (await opened.store.loadRun(run.id))!;
    expect(finished.run.status).toBe('Succeeded');
    const keys = finished.actions.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    const expected = ['Count', 'Steps', 'Total', ...Array.from({ length: steps }, (_, i) => [`Call#${i}`, `Add#${i}`, `Confirm#${i}`]).flat()];
    expect(keys.sort()).toEqual(expected.sort());
    expect(finished.actions.every((a) => a.status === 'Succeeded')).toBe(true);
    // Variables were checkpointed with the actions: each step counted exactly once.
    expect(finished.actions.find((a) => a.key === 'Total')?.outputs).toBe(steps);
    // At least once: every step called; a repeat (the step in flight at the kill) carries the same idempotency key.
    const byStep = new Map<string, Set<string>>();
    for (const call of calls) {
      const [path, key] = call.split(' ') as [string, string];
      byStep.set(path, (byStep.get(path) ?? new Set()).add(key));
    }
    expect(byStep.size).toBe(steps);
    for (const keysOfStep of byStep.values()) expect(keysOfStep.size).toBe(1);
    // No call went out before what it depends on was committed.
    expect(uncommitted).toEqual([]);
    await opened.close();
    await server.close();
    server = undefined;
  }, 60_000);
});
