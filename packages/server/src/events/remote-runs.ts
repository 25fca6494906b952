// The run and action changes that workers in other processes commit, as events for this
// process's live streams. Fed by the notices of RUN_CHANGES_CHANNEL; reads the changed
// records only when a stream watches them, once per notice however many streams do.
import type { Logger } from 'pino';
import type { ActionRecord, RunRecord } from '@brook/store';
import { parseRunChanges, type RunChange } from './run-change-notices.js';

/** A change made elsewhere, read back from the database; `resync` after notices may have been lost. */
export type RemoteRunEvent = { type: 'run'; run: RunRecord } | { type: 'action'; runId: string; action: ActionRecord } | { type: 'resync' };
export type RemoteRunListener = (event: RemoteRunEvent) => void;

export interface RemoteRunReader {
  runs(runIds: string[]): Promise<RunRecord[]>;
  action(runId: string, key: string): Promise<ActionRecord | null>;
}

export class RemoteRuns {
  private readonly all = new Set<RemoteRunListener>();
  private readonly byRun = new Map<string, Set<RemoteRunListener>>();
  /** Notices are handled one after another, so events keep their order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly origin: string,
    private readonly reader: RemoteRunReader,
    private readonly logger: Logger,
  ) {}

  /** Changes of every run (the all-runs stream filters what its caller may see). */
  watchAll(listener: RemoteRunListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  /** Changes of one run and its actions. */
  watchRun(runId: string, listener: RemoteRunListener): () => void {
    let listeners = this.byRun.get(runId);
    if (!listeners) this.byRun.set(runId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byRun.delete(runId);
    };
  }

  /** A notice's payload (NoticeListener handler). */
  readonly receive = (payload: string): void => {
    const notice = parseRunChanges(payload);
    if (notice.origin === this.origin) return;
    this.queue = this.queue.then(() => this.deliver(notice.changes)).catch((error: unknown) => this.logger.warn({ err: error }, 'could not read the run changes of another process'));
  };

  /** The notice connection came back: tell every watcher to read again what it shows. */
  readonly resync = (): void => {
    const listeners = [...this.all, ...[...this.byRun.values()].flatMap((set) => [...set])];
    for (const listener of listeners) this.call(listener, { type: 'resync' });
  };

  /** Resolves once every notice received so far has been delivered. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(changes: RunChange[]): Promise<void> {
    const runIds = new Set<string>();
    const actions: { runId: string; key: string }[] = [];
    for (const change of changes) {
      if (change[0] === 'r' && (this.all.size > 0 || this.byRun.has(change[1]))) runIds.add(change[1]);
      if (change[0] === 'a' && this.byRun.has(change[1])) actions.push({ runId: change[1], key: change[2] });
    }
    if (runIds.size === 0 && actions.length === 0) return;
    const [runs, records] = await Promise.all([
      runIds.size > 0 ? this.reader.runs([...runIds]) : Promise.resolve([]),
      Promise.all(actions.map(({ runId, key }) => this.reader.action(runId, key))),
    ]);
    const runById = new Map(runs.map((run) => [run.id, run]));
    const actionByKey = new Map(records.filter((record) => record !== null).map((record) => [`${record.runId}\u0000${record.key}`, record]));
    for (const change of changes) {
      if (change[0] === 'r') {
        const run = runById.get(change[1]);
        if (!run) continue;
        const event: RemoteRunEvent = { type: 'run', run };
        for (const listener of [...this.all, ...(this.byRun.get(run.id) ?? [])]) this.call(listener, event);
      } else {
        const action = actionByKey.get(`${change[1]}\u0000${change[2]}`);
        if (!action) continue;
        for (const listener of this.byRun.get(change[1]) ?? []) this.call(listener, { type: 'action', runId: change[1], action });
      }
    }
  }

  private call(listener: RemoteRunListener, event: RemoteRunEvent): void {
    try {
      listener(event);
    } catch (error) {
      this.logger.error({ err: error, event: event.type }, 'a remote run listener failed');
    }
  }
}
