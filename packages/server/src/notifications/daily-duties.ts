// Once a day, cluster-wide: the digest of the last 24 hours' failures for each person,
// and turning off flows that have failed on every run for BROOK_AUTO_DISABLE_DAYS days
// (as Power Automate does after 14). A row in platform_values makes each day's work
// happen in one process only.
import type { Logger } from 'pino';
import type { BrookDatabase, FlowRepository, PlatformStore } from '@brook/store';
import { digestNotice, flowTurnedOffNotice, type DigestLine } from './messages.js';
import type { Notifier } from './notifier.js';

const DAY_MS = 86_400_000;

export interface DailyDutiesDeps {
  database: BrookDatabase;
  platform: PlatformStore;
  flows: FlowRepository;
  notifier: Notifier;
  logger: Logger;
  now: () => number;
  digestHourUtc: number;
  autoDisableDays: number;
  /** Stops schedules of a flow that is turned off. */
  onFlowTurnedOff?: (flowId: string) => Promise<void>;
}

export const enabledAtKey = (flowId: string): string => `flow-enabled-at:${flowId}`;

export class DailyDuties {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: DailyDutiesDeps) {}

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Does today's work if it is due and no other process has done it. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.dueWork().finally(() => (this.running = undefined));
    return this.running;
  }

  private async dueWork(): Promise<void> {
    const now = this.deps.now();
    const day = new Date(now).toISOString().slice(0, 10);
    if (new Date(now).getUTCHours() < this.deps.digestHourUtc) return;
    try {
      if (await this.claimDay('digest', day)) await this.sendDigests(now, day);
      if (await this.claimDay('auto-disable', day)) await this.turnOffFailingFlows(now);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'daily notifications failed');
    }
  }

  private async claimDay(duty: string, day: string): Promise<boolean> {
    const key = `daily:${duty}`;
    const last = await this.deps.platform.values.get(key);
    if (last !== undefined && last >= day) return false;
    return this.deps.platform.values.compareAndSet(key, last, day, this.deps.now());
  }

  /** One digest per person with failed runs of their flows in the last 24 hours. */
  async sendDigests(now: number, day: string): Promise<number> {
    const { database, platform, notifier } = this.deps;
    const rows = await database.db
      .selectFrom('runs')
      .select((eb) => ['flow_id', eb.fn.countAll<number>().as('failed'), eb.fn.max('id').as('last_run_id')])
      .where('status', '=', 'Failed')
      .where('created_at', '>=', now - DAY_MS)
      .where('created_at', '<', now)
      .groupBy('flow_id')
      .execute();
    if (rows.length === 0) return 0;
    const flowRecords = await this.deps.flows.listFlows({ ids: rows.map((row) => row.flow_id) });
    const names = new Map(flowRecords.map((flow) => [flow.id, flow.name]));
    const access = await platform.flowAccess.listForFlows(rows.map((row) => row.flow_id));
    const perUser = new Map<string, DigestLine[]>();
    for (const row of rows) {
      const line: DigestLine = { flowId: row.flow_id, flowName: names.get(row.flow_id) ?? row.flow_id, failed: Number(row.failed), lastRunId: String(row.last_run_id) };
      for (const entry of access.filter((a) => a.flowId === row.flow_id)) perUser.set(entry.userId, [...(perUser.get(entry.userId) ?? []), line]);
    }
    for (const [userId, lines] of perUser) await notifier.send([userId], digestNotice(lines, day));
    return perUser.size;
  }

  /** Turns off enabled flows whose every run since their last success (or since being turned on) failed, for `autoDisableDays`. */
  async turnOffFailingFlows(now: number): Promise<string[]> {
    const { database, platform, flows, notifier, autoDisableDays } = this.deps;
    const windowStart = now - autoDisableDays * DAY_MS;
    const candidates = await database.db
      .selectFrom('runs')
      .innerJoin('flows', 'flows.id', 'runs.flow_id')
      .select((eb) => [
        'runs.flow_id as flow_id',
        eb.fn.max(eb.case().when('runs.status', '=', 'Succeeded').then(eb.ref('runs.created_at')).end()).as('last_success'),
        eb.fn.max(eb.case().when('runs.status', '=', 'Failed').then(eb.ref('runs.created_at')).end()).as('last_failure'),
      ])
      .where('flows.enabled', '=', 1)
      .groupBy('runs.flow_id')
      .execute();
    const turnedOff: string[] = [];
    for (const candidate of candidates) {
      const lastSuccess = candidate.last_success === null ? 0 : Number(candidate.last_success);
      if (candidate.last_failure === null || lastSuccess >= windowStart) continue;
      const enabledAt = Number((await platform.values.get(enabledAtKey(candidate.flow_id))) ?? 0);
      const since = Math.max(lastSuccess, enabledAt);
      if (since >= windowStart) continue;
      const first = await database.db
        .selectFrom('runs')
        .select((eb) => eb.fn.min('created_at').as('first'))
        .where('flow_id', '=', candidate.flow_id)
        .where('status', '=', 'Failed')
        .where('created_at', '>', since)
        .executeTakeFirst();
      if (first?.first === null || first?.first === undefined || Number(first.first) > windowStart) continue;
      const flow = await flows.updateFlow(candidate.flow_id, { enabled: false }, now);
      if (!flow) continue;
      await this.deps.onFlowTurnedOff?.(flow.id);
      turnedOff.push(flow.id);
      await platform.audit.record({ actorId: null, action: 'flow.turned-off', target: `flow:${flow.id}`, detail: { reason: `failed on every run for ${autoDisableDays} days` } }, now);
      const people = (await platform.flowAccess.listForFlows([flow.id])).map((entry) => entry.userId);
      await notifier.send(people, flowTurnedOffNotice(flow, autoDisableDays));
      this.deps.logger.warn({ flowId: flow.id }, 'flow turned off after failing on every run');
    }
    return turnedOff;
  }
}
