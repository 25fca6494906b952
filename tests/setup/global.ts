// Starts the services that integration tests share: one PostgreSQL cluster per test run.
// Each test file makes its own database in it (see tests/support/postgres.ts).
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from '../../packages/testkit/src/postgres-cluster.js';

import '../../packages/testkit/src/provided-context.js';

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.BROOK_TEST_POSTGRES_URL) {
    project.provide('postgresUrl', process.env.BROOK_TEST_POSTGRES_URL);
    return;
  }
  cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
}

export function teardown(): void {
  cluster?.stop();
}
