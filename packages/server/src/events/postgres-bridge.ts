// Across processes on PostgreSQL: a worker that runs a Response action says so with
// NOTIFY, and the `brook serve` process holding the caller's HTTP request hears it with
// LISTEN and answers at once (instead of at its next look at the run).
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { BrookDatabase, RunResponse } from '@brook/store';
import type { EventHub } from './hub.js';

export const RESPONSE_CHANNEL = 'brook_run_responses';
/** NOTIFY payloads must stay under 8000 bytes; larger responses are read from the run. */
const MAX_INLINE_PAYLOAD = 7000;

export interface ResponseNotice {
  runId: string;
  /** The response itself when it is small, saving the listener a read. */
  response?: RunResponse;
}

/** Publishes this process's Response events; returns the unsubscribe function. */
export function publishResponses(hub: EventHub, database: BrookDatabase, logger: Logger): () => void {
  return hub.subscribe((event) => {
    if (event.type !== 'response') return;
    const full = JSON.stringify({ runId: event.runId, response: event.response } satisfies ResponseNotice);
    const payload = Buffer.byteLength(full) <= MAX_INLINE_PAYLOAD ? full : JSON.stringify({ runId: event.runId } satisfies ResponseNotice);
    sql`select pg_notify(${RESPONSE_CHANNEL}, ${payload})`.execute(database.db).catch((error: unknown) => logger.warn({ err: error }, 'could not announce a response'));
  });
}

/** Reads a notice of RESPONSE_CHANNEL (see NoticeListener); throws on a payload that is not one. */
export function parseResponseNotice(payload: string): ResponseNotice {
  const notice = JSON.parse(payload) as Partial<ResponseNotice>;
  if (typeof notice.runId !== 'string') throw new Error('a response notice without a run id');
  return notice as ResponseNotice;
}
