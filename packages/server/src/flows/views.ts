// Builds the API's FlowSummary and Flow from the engine's flow records and the platform's
// ownership, settings and run history.
import { collectConnectionReferences, type WorkflowDefinition } from '@brook/wdl';
import type { FlowRecord, RunStatus } from '@brook/store';
import type { ServerContext } from '../app/context.js';
import { callbackUrl } from '../hooks/signature.js';
import { isRecurrenceTrigger, isRequestTrigger, triggersOf } from './definitions.js';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

export interface FlowSummaryView {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  owner: { id: string; name: string };
  coOwners: { id: string; name: string }[];
  version: number;
  triggerType: string | null;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
  runsLast7Days: number;
  failuresLast7Days: number;
  createdAt: string;
  updatedAt: string;
}

export interface FlowView extends FlowSummaryView {
  definition: WorkflowDefinition;
  connectionReferences: { name: string; connectorId: string | null; connectionId: string | null }[];
  triggers: { name: string; type: string; method: string | null; relativePath: string | null; callbackUrl: string | null; nextRunAt: string | null }[];
}

const lastSegment = (id: string | undefined): string | null => (id ? (id.split('/').filter(Boolean).pop() ?? null) : null);

export class FlowViews {
  constructor(private readonly context: Pick<ServerContext, 'platform' | 'flows' | 'database' | 'config' | 'now'>) {}

  async summaries(flows: readonly FlowRecord[]): Promise<FlowSummaryView[]> {
    if (flows.length === 0) return [];
    const { platform, database, now } = this.context;
    const ids = flows.map((flow) => flow.id);
    const access = await platform.flowAccess.listForFlows(ids);
    const people = new Map((await platform.users.findMany(access.map((entry) => entry.userId))).map((user) => [user.id, user]));
    const since = now() - 7 * DAY_MS;
    const counts = await database.db
      .selectFrom('runs')
      .select((eb) => ['flow_id', 'status', eb.fn.countAll<number>().as('n')])
      .where('flow_id', 'in', ids)
      .where('created_at', '>=', since)
      .groupBy(['flow_id', 'status'])
      .execute();
    const versions = await Promise.all(flows.map((flow) => this.context.flows.getVersion(flow.id, flow.currentVersion)));
    const lastRuns = await Promise.all(
      ids.map((id) =>
        database.db.selectFrom('runs').select(['id', 'status', 'created_at', 'started_at']).where('flow_id', '=', id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
      ),
    );
    return flows.map((flow, index) => {
      const entries = access.filter((entry) => entry.flowId === flow.id);
      const ownerId = entries.find((entry) => entry.role === 'owner')?.userId ?? flow.ownerId ?? '';
      const person = (id: string) => ({ id, name: people.get(id)?.name ?? 'Unknown user' });
      const mine = counts.filter((row) => row.flow_id === flow.id);
      const last = lastRuns[index];
      const firstTrigger = triggersOf(versions[index]?.definition ?? {})[0];
      return {
        id: flow.id,
        name: flow.name,
        description: flow.description,
        enabled: flow.enabled,
        owner: person(ownerId),
        coOwners: entries.filter((entry) => entry.role === 'co-owner').map((entry) => person(entry.userId)),
        version: flow.currentVersion,
        triggerType: firstTrigger?.type ?? null,
        lastRun: last ? { id: last.id, status: last.status as RunStatus, startedAt: iso(Number(last.started_at ?? last.created_at)) } : null,
        runsLast7Days: mine.reduce((sum, row) => sum + Number(row.n), 0),
        failuresLast7Days: mine.filter((row) => row.status === 'Failed').reduce((sum, row) => sum + Number(row.n), 0),
        createdAt: iso(flow.createdAt),
        updatedAt: iso(flow.updatedAt),
      };
    });
  }

  async detail(flow: FlowRecord): Promise<FlowView> {
    const [summary] = await this.summaries([flow]);
    const version = await this.context.flows.getVersion(flow.id, flow.currentVersion);
    const definition = version?.definition ?? {};
    const settings = await this.context.platform.flowSettings.get(flow.id);
    const timers = await this.context.database.db.selectFrom('timers').select(['trigger_name', 'fire_at']).where('kind', '=', 'schedule').where('flow_id', '=', flow.id).execute();
    return {
      ...summary!,
      definition,
      connectionReferences: connectionReferencesOf(definition, version?.connections ?? {}),
      triggers: triggersOf(definition).map((trigger) => {
        const timer = timers.find((row) => row.trigger_name === trigger.name);
        return {
          name: trigger.name,
          type: trigger.type,
          method: trigger.method,
          relativePath: trigger.relativePath,
          callbackUrl: isRequestTrigger(trigger) && settings ? callbackUrl(this.context.config.publicUrl, settings.triggerKey, flow.id, trigger.name) : null,
          nextRunAt: isRecurrenceTrigger(trigger) && flow.enabled && timer ? iso(Number(timer.fire_at)) : null,
        };
      }),
    };
  }
}

/** One entry per connection reference the definition uses, with the connection its version maps it to. */
export function connectionReferencesOf(definition: WorkflowDefinition, connections: Record<string, string>): FlowView['connectionReferences'] {
  const seen = new Map<string, FlowView['connectionReferences'][number]>();
  for (const use of collectConnectionReferences(definition)) {
    if (seen.has(use.name)) continue;
    seen.set(use.name, { name: use.name, connectorId: lastSegment(use.apiIds[0]), connectionId: connections[use.name] ?? null });
  }
  for (const [name, connectionId] of Object.entries(connections)) {
    if (!seen.has(name)) seen.set(name, { name, connectorId: null, connectionId });
  }
  return [...seen.values()];
}
