// @brook/server — Fastify: REST API, webhook triggers, sessions, schedules, notifications; serves the portal.
export { loadConfig, testConfig, ConfigError, type BrookConfig, type BrookEnvironment } from './config/config.js';
export { createServer, type BrookServer, type ServerOptions } from './app/create-server.js';
export { openPlatform, type Platform, type PlatformOptions, type BackgroundService } from './app/platform.js';
export { createLogger } from './app/logger.js';
export { hashPassword, verifyPassword } from './accounts/passwords.js';
export type { ServerContext } from './app/context.js';

// A client of the REST API (the `brook` command uses it)
export { BrookClient, BrookApiError, clientOptionsFromEnv, describeApiError, type BrookClientOptions } from './client/brook-client.js';
export { formatTable, formatDuration, formatTime } from './client/table.js';
