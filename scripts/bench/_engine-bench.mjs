// Shared by the engine benchmarks: the 5-action flow through a closed loop of N runs in
// flight, on a given store, reporting runs/s, latency percentiles, CPU per run and how
// many checkpoints one transaction carried.
import { createEngine } from '@brook/engine';
import { FlowRepository } from '@brook/store';
import { closedLoop, fiveActionFlow } from './_engine-flows.mjs';

export async function benchFiveActionFlow(database, store, { inFlight, total }) {
  const flow = await new FlowRepository(database.db).createFlow({ name: `bench-${inFlight}`, definition: fiveActionFlow });
  const engine = createEngine({ store });
  // Warm up: compile the plan, the expressions and the statements.
  await closedLoop(Math.min(200, total), Math.min(inFlight, 8), (i) => run(engine, flow.id, i));
  const before = { ...engine.stats };
  const cpu0 = process.cpuUsage();
  const result = await closedLoop(total, inFlight, (i) => run(engine, flow.id, i));
  const cpu = process.cpuUsage(cpu0);
  const flushes = engine.stats.flushes - before.flushes;
  const writes = engine.stats.writes - before.writes;
  return { ...result, cpuPerRunUs: (cpu.user + cpu.system) / total, runsPerTransaction: writes / Math.max(1, flushes) };
}

async function run(engine, flowId, i) {
  const result = await engine.runToCompletion({ flowId, flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: { id: `order-${i}`, qty: i % 7 } } });
  if (result.run.status !== 'Succeeded') throw new Error(`run ${result.run.id} ended ${result.run.status}`);
}

export function table(rows) {
  const lines = ['| runs in flight | runs/s | p50 latency | p99 latency | CPU per run | checkpoints per transaction |', '|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.inFlight} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.cpuPerRunUs.toFixed(0)} µs | ${r.runsPerTransaction.toFixed(1)} |`);
  }
  return lines.join('\n');
}
