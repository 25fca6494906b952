export { startPostgresCluster, findPostgresBinaries, freePort, type PostgresCluster } from './postgres-cluster.js';
export { createTestDatabase } from './postgres.js';
export { launchChromium, findChromium, CHROMIUM_ARGS, type BrowserSession, type LaunchOptions } from './chromium.js';
export { startLocalService, sendJson, type LocalService, type LocalServiceHandler, type RecordedRequest } from './local-service.js';
