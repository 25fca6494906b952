// Benchmark: runs/s and latency of the 5-action flow (InitializeVariable, Compose, If
// with a SetVariable per branch, Compose) persisted to SQLite, 1, 8 and 64 runs in flight.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunStore, migrateToLatest, openDatabase } from '@brook/store';
import { benchFiveActionFlow, table } from './_engine-bench.mjs';
import { writeSection } from './_report.mjs';

const dir = mkdtempSync(join(tmpdir(), 'brook-bench-sqlite-'));
const rows = [];
try {
  for (const [inFlight, total] of [[1, 2000], [8, 6000], [64, 20000]]) {
    const database = openDatabase({ url: join(dir, `bench-${inFlight}.db`) });
    await migrateToLatest(database.db, database.dialect);
    const result = await benchFiveActionFlow(database, createRunStore(database), { inFlight, total });
    rows.push({ inFlight, ...result });
    console.log(`SQLite, ${inFlight} in flight: ${result.rate.toFixed(0)} runs/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${result.cpuPerRunUs.toFixed(0)} µs CPU per run`);
    await database.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const best = rows.find((r) => r.inFlight === 64);
writeSection(
  'Engine: the 5-action flow on SQLite',
  `Method: \`scripts/bench/engine-sqlite.mjs\`. One process; a closed loop keeps N runs in flight, each created
and executed in-process (\`runToCompletion\`) on a SQLite file (WAL, synchronous=NORMAL). The flow is
InitializeVariable → Compose → If (SetVariable in each branch, one of them Skipped) → Compose: 7 action
records per run, each committed before its dependents start. Latency is from creating the run to its
last checkpoint. Warm-up runs are not counted. The machine is shared, so wall-clock numbers vary with its
load; CPU per run is the steadier figure.

${table(rows)}

Target: at least 3,000 runs/s with 64 in flight — ${best && best.rate >= 3000 ? 'met' : 'not met on this run'} (${best ? best.rate.toFixed(0) : '?'} runs/s).`,
);
