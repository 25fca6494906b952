// A worker process for the SIGKILL test: runs the runs of the given SQLite file until
// there is none left (or forever with --forever), with a short lease so a successor can
// take over quickly after a kill.
import { startWorker } from '../start-worker.js';
import { openStore } from './open-store.js';

const [file, mode] = process.argv.slice(2);
if (!file) throw new Error('usage: crash-worker.fixture.ts FILE [--forever]');
const opened = await openStore(file);
const worker = startWorker({ store: opened.store, workerId: `pid-${process.pid}`, leaseMs: 1000, concurrency: 4, pollMs: 100 });
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
