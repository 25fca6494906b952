// Tells people when something needs them: one portal notification plus e-mail and/or
// webhook per cause. A cause ("flow F is failing") is announced once and stays quiet
// until it is resolved (the flow succeeds again, the connection verifies).
import type { Logger } from 'pino';
import type { PlatformStore } from '@brook/store';
import type { Notice, Outbox } from './outboxes.js';

export interface NotifierDeps {
  platform: PlatformStore;
  outboxes: Outbox[];
  logger: Logger;
  now: () => number;
  publicUrl: () => string;
}

const OPEN_CAUSES_REFRESH_MS = 30_000;

export class Notifier {
  private readonly deliveries = new Set<Promise<void>>();
  /** Causes open in the database as last seen, so resolving a cause that is not open costs no write. */
  private openCauses = new Set<string>();
  private openCausesAt = -Infinity;

  constructor(private readonly deps: NotifierDeps) {}

  /** Announces `cause` to each user who has not heard of it since it was last resolved; returns how many were told. */
  async raise(cause: string, userIds: readonly string[], notice: Notice): Promise<number> {
    let told = 0;
    this.openCauses.add(cause);
    for (const userId of new Set(userIds)) {
      if (!(await this.deps.platform.notifications.openCause(cause, userId, this.deps.now()))) continue;
      await this.deliver(userId, notice);
      told += 1;
    }
    return told;
  }

  /**
   * The cause is fixed: the next occurrence is announced again. Called for every
   * successful run, so it writes only when the cause may be open (causes opened by other
   * processes are seen within OPEN_CAUSES_REFRESH_MS).
   */
  async resolve(cause: string): Promise<void> {
    const now = this.deps.now();
    if (now - this.openCausesAt > OPEN_CAUSES_REFRESH_MS) {
      this.openCausesAt = now;
      this.openCauses = new Set((await this.deps.platform.notifications.openCauses()).map((open) => open.cause));
    }
    if (!this.openCauses.has(cause)) return;
    this.openCauses.delete(cause);
    await this.deps.platform.notifications.closeCause(cause);
  }

  /** Sends without de-duplication (digests, turn-off notices). */
  async send(userIds: readonly string[], notice: Notice): Promise<void> {
    for (const userId of new Set(userIds)) await this.deliver(userId, notice);
  }

  /** Resolves when every e-mail and webhook started so far has been attempted. */
  async idle(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
  }

  private async deliver(userId: string, notice: Notice): Promise<void> {
    const { platform, outboxes, logger, now, publicUrl } = this.deps;
    const user = await platform.users.findById(userId);
    if (!user) return;
    await platform.notifications.create({ userId, kind: notice.kind, title: notice.title, message: notice.message, link: notice.link }, now());
    const absoluteLink = new URL(notice.link, `${publicUrl()}/`).toString();
    for (const outbox of outboxes) {
      // Off the caller's path: a slow mail server must not hold up a run.
      const delivery = outbox.deliver(user, notice, absoluteLink).catch((error: unknown) => {
        logger.warn({ err: error, outbox: outbox.name, kind: notice.kind, userId }, 'could not deliver a notification');
      });
      this.deliveries.add(delivery);
      void delivery.finally(() => this.deliveries.delete(delivery));
    }
  }
}
