export { startPostgresCluster, findPostgresBinaries, freePort, type PostgresCluster } from './postgres-cluster.js';
export { createTestDatabase } from './postgres.js';
