// `brook serve`: the portal, the API and in-process workers on BROOK_HOST:BROOK_PORT.
import type { Command } from 'commander';
import { ConfigError, createServer, loadConfig } from '@brook/server';

/** Closes `close` once on SIGINT/SIGTERM; a second signal exits at once. */
export function closeOnSignals(close: () => Promise<void>, log: (message: string) => void, farewell = 'finishing requests and letting running actions checkpoint'): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting now.`);
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: ${farewell}…`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export function reportStartFailure(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`brook: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the portal and the API, with workers in this process (configuration: BROOK_* variables, see docs/operating.md)')
    .option('-p, --port <port>', 'port to listen on (BROOK_PORT, default 7420)')
    .option('--host <host>', 'address to listen on (BROOK_HOST, default 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      try {
        const config = loadConfig({ ...process.env, ...(options.port ? { BROOK_PORT: options.port } : {}), ...(options.host ? { BROOK_HOST: options.host } : {}) });
        const server = await createServer(config);
        const url = await server.listen();
        const where = config.database === 'postgres' ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
        console.log(`Brook is serving ${url} (${where}). Press Ctrl+C to stop.`);
        closeOnSignals(() => server.close(), (message) => console.log(message));
      } catch (error) {
        reportStartFailure(error);
      }
    });
}
