// LISTEN on PostgreSQL channels with one dedicated connection, for the notices other
// Brook processes send (Response answers, run changes). Reconnects after a failure and
// says so, since notices sent while it was away are lost: listeners then re-read.
import pg from 'pg';
import type { Logger } from 'pino';

export type NoticeHandler = (payload: string) => void;

export class NoticeListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private connectedBefore = false;

  constructor(
    private readonly url: string,
    private readonly handlers: Readonly<Record<string, NoticeHandler>>,
    private readonly logger: Logger,
    /** Called after a reconnection (not after the first connection). */
    private readonly onReconnected: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      const handler = this.handlers[message.channel];
      if (!handler || message.payload === undefined) return;
      try {
        handler(message.payload);
      } catch (error) {
        this.logger.warn({ err: error, channel: message.channel, payload: message.payload.slice(0, 100) }, 'a notice could not be handled');
      }
    });
    const lost = (error?: Error): void => {
      if (this.closed || (this.client !== client && this.client !== undefined)) return;
      this.logger.warn({ err: error }, 'the notice listener lost its connection; reconnecting');
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.scheduleRestart();
    };
    client.on('error', lost);
    // A connection the server ends (a restart, pg_terminate_backend) may end without an error.
    client.on('end', () => {
      if (this.client === client) lost();
    });
    try {
      await client.connect();
      for (const channel of Object.keys(this.handlers)) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      if (this.connectedBefore) this.onReconnected();
      this.connectedBefore = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'the notice listener could not connect; retrying');
      void client.end().catch(() => undefined);
      this.scheduleRestart();
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private scheduleRestart(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), 1000);
    this.retry.unref();
  }
}
