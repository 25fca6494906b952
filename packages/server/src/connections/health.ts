// Verifies every connection on a schedule (BROOK_HEALTH_CHECK_MINUTES), so an owner hears
// that a credential stopped working before a flow does. Status changes are announced by
// the state store; tokens about to expire with no way to refresh are announced here.
import type { ConnectionManager } from '@brook/connectors';
import type { PlatformStore } from '@brook/store';
import type { Logger } from 'pino';
import type { Notifier } from '../notifications/notifier.js';

export class ConnectionHealthChecks {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: { manager: ConnectionManager; platform: PlatformStore; notifier: Notifier; logger: Logger; now: () => number },
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), Math.min(this.intervalMs, 60_000));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs the check when its time has come and no other process has taken this round. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.roundIfDue().finally(() => (this.running = undefined));
    return this.running;
  }

  async roundIfDue(): Promise<void> {
    const { platform, now } = this.deps;
    const last = await platform.values.get('health-check:last');
    if (last !== undefined && now() - Number(last) < this.intervalMs) return;
    if (!(await platform.values.compareAndSet('health-check:last', last, String(now()), now()))) return;
    await this.round();
  }

  async round(): Promise<void> {
    const { manager, platform, notifier, logger } = this.deps;
    try {
      const report = await manager.healthCheck();
      for (const result of report.results) {
        if (!result.expiringSoon) continue;
        const connection = await platform.connections.get(result.connectionId);
        if (!connection) continue;
        await notifier.raise(`connection-expiring:${connection.id}:${result.tokenExpiresAt ?? ''}`, [connection.ownerId], {
          kind: 'connection-expiring',
          title: `Connection '${connection.name}' needs a new sign-in soon`,
          message: `The sign-in of '${connection.name}' expires${result.tokenExpiresAt ? ` at ${new Date(result.tokenExpiresAt).toISOString()}` : ' soon'} and cannot be renewed by itself. Sign in again before then.`,
          link: `/settings/connections?verify=${encodeURIComponent(connection.id)}`,
        });
      }
      logger.info({ connections: report.results.length, changed: report.results.filter((r) => r.changed).length }, 'connection health check done');
    } catch (error) {
      logger.error({ err: error }, 'connection health check failed');
    }
  }
}
