// Benchmark: the 5-action flow on PostgreSQL, 1, 8 and 64 runs in flight. Starts a
// throwaway cluster like the tests do (fsync off: it measures the engine and the
// protocol, not the disk).
import { createRunStore, migrateToLatest, openDatabase } from '@brook/store';
import { startPostgresCluster } from '../../packages/testkit/src/postgres-cluster.ts';
import { benchFiveActionFlow, table } from './_engine-bench.mjs';
import { writeSection } from './_report.mjs';

const cluster = await startPostgresCluster();
const rows = [];
try {
  for (const [inFlight, total] of [[1, 500], [8, 2000], [64, 6000]]) {
    const database = openDatabase({ url: cluster.url, poolSize: 10 });
    await migrateToLatest(database.db, database.dialect);
    const store = createRunStore(database);
    const result = await benchFiveActionFlow(database, store, { inFlight, total });
    rows.push({ inFlight, ...result });
    console.log(`PostgreSQL, ${inFlight} in flight: ${result.rate.toFixed(0)} runs/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
    await store.close();
    await database.close();
  }
} finally {
  cluster.stop();
}
writeSection(
  'Engine: the 5-action flow on PostgreSQL',
  `Method: \`scripts/bench/engine-postgres.mjs\`. As the SQLite benchmark, on a PostgreSQL 15 cluster on the same
machine (started by the benchmark like the tests start theirs: fsync and synchronous_commit off), a pool of 10
connections. Checkpoints of all runs in flight share a transaction, and so do the runs created in one turn.
CPU per run counts this process only (PostgreSQL's own work runs in its processes).

${table(rows)}`,
);
