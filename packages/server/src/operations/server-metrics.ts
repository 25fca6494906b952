// What Brook reports to Prometheus: runs by status and the queue depth (from the
// database, so every process reports the whole installation), and from this process the
// latency of actions, runs and HTTP requests.
import type { EngineEvent } from '@brook/engine';
import type { ServerContext } from '../app/context.js';
import { Counter, gauge, Histogram } from './metrics.js';

const FINAL = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped']);

export class ServerMetrics {
  readonly actionDuration = new Histogram('brook_action_duration_seconds', 'Time from start to end of actions run in this process, by type and status.');
  readonly runDuration = new Histogram('brook_run_duration_seconds', 'Time from creation to end of runs finished in this process, by status.');
  readonly runsFinished = new Counter('brook_runs_finished_total', 'Runs finished in this process, by status.');
  readonly httpDuration = new Histogram('brook_http_request_duration_seconds', 'HTTP requests answered by this process, by method, route and status class.');
  private readonly started = Date.now();

  constructor(private readonly context: Pick<ServerContext, 'database'>) {}

  /** The engine event listener. */
  readonly onEvent = (event: EngineEvent): void => {
    if (event.type === 'action') {
      const { action } = event;
      if (action.startedAt !== null && action.endedAt !== null && FINAL.has(action.status)) {
        this.actionDuration.observe((action.endedAt - action.startedAt) / 1000, { type: action.type.toLowerCase(), status: action.status });
      }
    } else if (event.type === 'run' && FINAL.has(event.run.status) && event.run.endedAt !== null) {
      this.runsFinished.inc({ status: event.run.status });
      this.runDuration.observe((event.run.endedAt - event.run.createdAt) / 1000, { status: event.run.status });
    }
  };

  async render(): Promise<string> {
    const { db } = this.context.database;
    const byStatus = await db.selectFrom('runs').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const queued = await db
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['Waiting', 'Running'])
      .where('suspended', '=', 0)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', Date.now())]))
      .executeTakeFirstOrThrow();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    return [
      gauge('brook_runs', 'Runs in the database, by status.', byStatus.map((row) => ({ labels: { status: row.status }, value: Number(row.n) }))),
      gauge('brook_queue_depth', 'Runs waiting for a worker to claim them.', [{ value: Number(queued.n) }]),
      this.runsFinished.render(),
      this.runDuration.render(),
      this.actionDuration.render(),
      this.httpDuration.render(),
      gauge('process_resident_memory_bytes', 'Resident memory of this process.', [{ value: memory.rss }]),
      gauge('process_cpu_seconds_total', 'CPU time of this process.', [{ value: (cpu.user + cpu.system) / 1e6 }]),
      gauge('process_start_time_seconds', 'When this process started (Unix time).', [{ value: Math.floor(this.started / 1000) }]),
    ].join('\n\n') + '\n';
  }
}
