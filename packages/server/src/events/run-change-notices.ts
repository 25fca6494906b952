// Across processes on PostgreSQL: each process announces the run and action changes its
// workers commit with NOTIFY, so a `brook serve` elsewhere streams them to the portal at
// once. Changes are gathered for a few milliseconds and sent as a few small notices (one
// per batch, not one per change), in the order they happened; receivers read the records.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { BrookDatabase, RunStatus } from '@brook/store';
import type { EventHub } from './hub.js';

export const RUN_CHANGES_CHANNEL = 'brook_run_changes';
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD_BYTES = 7000;
const GATHER_MS = 20;

/** One change: a run (id, flow, status) or an action record (run id, action key). */
export type RunChange = ['r', string, string, RunStatus] | ['a', string, string];

export interface RunChangeNotice {
  /** The process that sent it (it ignores its own). */
  origin: string;
  changes: RunChange[];
}

/** Splits changes into notices that each fit a NOTIFY payload, keeping their order. */
export function encodeRunChanges(origin: string, changes: readonly RunChange[], maxBytes = MAX_PAYLOAD_BYTES): string[] {
  const head = `{"origin":${JSON.stringify(origin)},"changes":[`;
  const payloads: string[] = [];
  let parts: string[] = [];
  let size = Buffer.byteLength(head) + 2;
  for (const change of changes) {
    const part = JSON.stringify(change);
    const bytes = Buffer.byteLength(part) + 1;
    if (bytes + Buffer.byteLength(head) + 2 > maxBytes) continue; // an action key that long cannot travel; its run's change still does
    if (size + bytes > maxBytes && parts.length > 0) {
      payloads.push(`${head}${parts.join(',')}]}`);
      parts = [];
      size = Buffer.byteLength(head) + 2;
    }
    parts.push(part);
    size += bytes;
  }
  if (parts.length > 0) payloads.push(`${head}${parts.join(',')}]}`);
  return payloads;
}

/** Reads a notice of RUN_CHANGES_CHANNEL; throws on a payload that is not one. */
export function parseRunChanges(payload: string): RunChangeNotice {
  const notice = JSON.parse(payload) as Partial<RunChangeNotice>;
  if (typeof notice.origin !== 'string' || !Array.isArray(notice.changes)) throw new Error('not a run change notice');
  return { origin: notice.origin, changes: notice.changes.filter((change) => Array.isArray(change) && (change[0] === 'r' || change[0] === 'a')) };
}

/** Announces the run and action events of this process's engine; flush() sends what is gathered. */
export class RunChangePublisher {
  /** Keyed so that a later change of the same run or action replaces the earlier one and moves to the end. */
  private pending = new Map<string, RunChange>();
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    hub: EventHub,
    private readonly database: BrookDatabase,
    private readonly origin: string,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = hub.subscribe((event) => {
      if (event.type === 'run') this.add(`r${event.run.id}`, ['r', event.run.id, event.run.flowId, event.run.status]);
      else if (event.type === 'action') this.add(`a${event.runId}\u0000${event.action.key}`, ['a', event.runId, event.action.key]);
    });
  }

  private add(key: string, change: RunChange): void {
    this.pending.delete(key);
    this.pending.set(key, change);
    this.timer ??= setTimeout(() => void this.flush(), GATHER_MS);
  }

  /** Sends what has been gathered; resolves when every notice so far has been sent. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    if (changes.length > 0) {
      this.sending = this.sending.then(async () => {
        try {
          for (const payload of encodeRunChanges(this.origin, changes)) await sql`select pg_notify(${RUN_CHANGES_CHANNEL}, ${payload})`.execute(this.database.db);
        } catch (error) {
          this.logger.warn({ err: error }, 'could not announce run changes to other processes');
        }
      });
    }
    return this.sending;
  }

  /** Stops gathering and sends the rest. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.flush();
  }
}
