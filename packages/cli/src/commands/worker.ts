// `brook worker`: runs flows, schedules, bulk jobs and notifications without serving
// HTTP, against the PostgreSQL database of a Brook installation. Start as many as needed,
// on any machines; they share the work through the database.
import type { Command } from 'commander';
import { ConfigError, loadConfig, openPlatform } from '@brook/server';
import { closeOnSignals, reportStartFailure } from './serve.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('run flows without serving HTTP, against PostgreSQL (BROOK_DATABASE_URL); start any number of them')
    .option('--concurrency <runs>', 'runs executed at once (BROOK_WORKER_CONCURRENCY, default 64)')
    .action(async (options: { concurrency?: string }) => {
      try {
        const config = loadConfig({ ...process.env, ...(options.concurrency ? { BROOK_WORKER_CONCURRENCY: options.concurrency } : {}) });
        if (config.database !== 'postgres') {
          throw new ConfigError([
            'BROOK_DATABASE_URL: `brook worker` shares work with other processes through PostgreSQL; set BROOK_DATABASE_URL=postgres://… (with SQLite, `brook serve` runs the workers itself).',
          ]);
        }
        const platform = await openPlatform({ ...config, workers: Math.max(1, config.workers) });
        await platform.start();
        console.log(`Brook worker ${platform.engine.workerId} is running ${config.workerConcurrency} runs at a time. Press Ctrl+C to stop.`);
        closeOnSignals(() => platform.close(), (message) => console.log(message), 'letting running actions checkpoint, then handing their runs back');
      } catch (error) {
        reportStartFailure(error);
      }
    });
}
