// LISTEN on one channel with a dedicated connection, so idle workers wake as soon as
// another process creates or frees work. Connects on first use and reconnects after a
// failure; a wait always ends by its timeout, so a lost connection only slows wake-ups.
import pg from 'pg';
import { WorkSignal } from './work-signal.js';

export class PostgresListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private readonly signal = new WorkSignal();

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {}

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', () => this.signal.notify());
      client.on('error', () => {
        this.client = null;
        void client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`listen ${this.channel}`);
        if (this.closed) await client.end();
        else this.client = client;
      } catch {
        await client.end().catch(() => undefined);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  async wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    const waiting = this.signal.wait(timeoutMs, signal);
    void this.connect();
    await waiting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = null;
    this.signal.notify();
    if (client) await client.end().catch(() => undefined);
  }
}
