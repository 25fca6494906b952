// A worker process for the SIGKILL test: runs the runs of the given SQLite file until
// there is none left (or forever with --forever), with a short lease so a successor can
// take over quickly after a kill. Its commits are slowed down (a slow disk), so an
// engine that started dependents before their predecessor's checkpoint had committed
// would be caught at it.
import { startWorker, type RunStore } from '@brook/engine';
import { openStore } from './open-store.js';

const COMMIT_DELAY_MS = 10;

const [file, mode] = process.argv.slice(2);
if (!file) throw new Error('usage: crash-worker.fixture.ts FILE [--forever]');
const opened = await openStore(file);
const store: RunStore = opened.store;
const slowStore = new Proxy(store, {
  get(target, property, receiver) {
    const value: unknown = Reflect.get(target, property, receiver);
    if (property === 'checkpoint' && typeof value === 'function') {
      return async (...args: Parameters<RunStore['checkpoint']>) => {
        await new Promise((resolve) => setTimeout(resolve, COMMIT_DELAY_MS));
        return (value as RunStore['checkpoint']).apply(target, args);
      };
    }
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  },
});
const worker = startWorker({ store: slowStore, workerId: `pid-${process.pid}`, leaseMs: 1000, concurrency: 4, pollMs: 100 });
process.stdout.write('ready\n');
if (mode !== '--forever') {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pending = opened.database.sqlite!.prepare("select count(*) as n from runs where status in ('Waiting', 'Running')").get() as { n: number };
    if (pending.n === 0) break;
  }
  await worker.stop();
  await opened.close();
  process.stdout.write('done\n');
}
