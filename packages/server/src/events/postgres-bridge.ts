// Across processes on PostgreSQL: a worker that runs a Response action says so with
// NOTIFY, and the `brook serve` process holding the caller's HTTP request hears it with
// LISTEN and answers at once (instead of at its next look at the run).
import pg from 'pg';
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

/** Listens for Response events of other processes; reconnects after a failure. */
export class ResponseListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onResponse: (notice: ResponseNotice) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== RESPONSE_CHANNEL || !message.payload) return;
      try {
        this.onResponse(JSON.parse(message.payload) as ResponseNotice);
      } catch {
        this.logger.warn({ payload: message.payload.slice(0, 100) }, 'an unreadable response notice was ignored');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'the response listener lost its connection; reconnecting');
      void client.end().catch(() => undefined);
      this.scheduleRestart();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${RESPONSE_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'the response listener could not connect; retrying');
      void client.end().catch(() => undefined);
      this.scheduleRestart();
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private scheduleRestart(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), 1000);
    this.retry.unref();
  }
}
