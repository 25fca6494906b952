// Benchmarks without a database: the engine's own cost per action (a MemoryRunStore that
// keeps records without copying them), and a Foreach over 10,000 items 50 at a time, in
// memory and persisted to SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, MemoryRunStore } from '@brook/engine';
import { createRunStore, FlowRepository, migrateToLatest, openDatabase } from '@brook/store';
import { closedLoop } from './_engine-flows.mjs';
import { writeSection } from './_report.mjs';

function chain(length, inputs) {
  const actions = {};
  for (let i = 0; i < length; i += 1) actions[`Step_${i}`] = { type: 'Compose', inputs, ...(i > 0 ? { runAfter: { [`Step_${i - 1}`]: ['Succeeded'] } } : {}) };
  return { triggers: { manual: { type: 'Request' } }, actions };
}

async function perAction(definition, label, actionsPerRun, runs, inFlight) {
  const store = new MemoryRunStore(false);
  store.addFlowVersion('chain', definition);
  const engine = createEngine({ store });
  const go = () => engine.runToCompletion({ flowId: 'chain', flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: { n: 3 } } });
  await closedLoop(50, 8, go);
  const cpu0 = process.cpuUsage();
  const result = await closedLoop(runs, inFlight, go);
  const cpu = process.cpuUsage(cpu0);
  const perActionUs = (cpu.user + cpu.system) / (runs * actionsPerRun);
  const wallUs = (result.seconds * 1e6) / (runs * actionsPerRun);
  console.log(`${label}: ${perActionUs.toFixed(1)} µs CPU per action (${wallUs.toFixed(1)} µs wall)`);
  return { label, perActionUs, wallUs };
}

const foreachFlow = {
  triggers: { manual: { type: 'Request' } },
  actions: {
    Total: { type: 'InitializeVariable', inputs: { variables: [{ name: 'total', type: 'Integer', value: 0 }] } },
    Each: {
      type: 'Foreach',
      foreach: '@range(0, 10000)',
      runtimeConfiguration: { concurrency: { repetitions: 50 } },
      runAfter: { Total: ['Succeeded'] },
      actions: {
        Double: { type: 'Compose', inputs: '@mul(item(), 2)' },
        Add: { type: 'IncrementVariable', inputs: { name: 'total', value: "@outputs('Double')" }, runAfter: { Double: ['Succeeded'] } },
      },
    },
  },
};

async function foreach(label, store, flowId) {
  const engine = createEngine({ store });
  const started = performance.now();
  const result = await engine.runToCompletion({ flowId, flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: null } });
  const seconds = (performance.now() - started) / 1000;
  if (result.run.status !== 'Succeeded' || result.run.variables.total?.value !== 99_990_000) throw new Error(`Foreach run ended ${result.run.status}`);
  console.log(`Foreach 10,000 × 2 actions, ${label}: ${seconds.toFixed(2)} s (${(20_000 / seconds).toFixed(0)} actions/s)`);
  return { label, seconds, records: result.actions.length, flushes: engine.stats.flushes };
}

const overhead = [
  await perAction(chain(50, { fixed: 'value', n: 1 }), '50 chained Compose actions, constant inputs', 50, 400, 64),
  await perAction(chain(50, "@add(triggerBody()?['n'], 1)"), '50 chained Compose actions, one expression each', 50, 400, 64),
];

const memoryStore = new MemoryRunStore(false);
memoryStore.addFlowVersion('each', foreachFlow);
const loops = [await foreach('in memory', memoryStore, 'each')];
const dir = mkdtempSync(join(tmpdir(), 'brook-bench-foreach-'));
try {
  const database = openDatabase({ url: join(dir, 'foreach.db') });
  await migrateToLatest(database.db, database.dialect);
  const flow = await new FlowRepository(database.db).createFlow({ name: 'each', definition: foreachFlow });
  loops.push(await foreach('on SQLite', createRunStore(database), flow.id));
  await database.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const worst = Math.max(...overhead.map((o) => o.perActionUs));
writeSection(
  'Engine: per-action overhead and a 10,000-item Foreach',
  `Method: \`scripts/bench/engine-memory.mjs\`. Per-action overhead: runs of 50 chained Compose actions, 64 runs in
flight, on a MemoryRunStore that keeps records without copying them, so what is measured is the engine: the
scheduler, the record, the expression host, the group committer. CPU time of the process divided by actions.

| flow | CPU per action | wall per action |
|---|---:|---:|
${overhead.map((o) => `| ${o.label} | ${o.perActionUs.toFixed(1)} µs | ${o.wallUs.toFixed(1)} µs |`).join('\n')}

Target: under 50 µs per action in memory — ${worst < 50 ? 'met' : 'not met on this run'}.

Foreach over 10,000 items, \`repetitions: 50\`, two actions per iteration (Compose, IncrementVariable), one run:

| store | time | actions/s | records | transactions |
|---|---:|---:|---:|---:|
${loops.map((l) => `| ${l.label} | ${l.seconds.toFixed(2)} s | ${(20_000 / l.seconds).toFixed(0)} | ${l.records} | ${l.flushes} |`).join('\n')}`,
);
