// The run engine as the server composes it: the shared run store, the SSRF-guarded HTTP
// client of @brook/connectors, calls through stored connections, the event hub, and
// in-process workers. Also the engine side of resubmit/cancel and of schedules.
import {
  createEngine,
  nextOccurrence,
  ResubmitError,
  scheduleKey,
  type CallbackUrls,
  type ConnectionInvoker,
  type Engine,
  type HttpClient as EngineHttpClient,
  type Worker,
} from '@brook/engine';
import { classifyError, HttpCallError, type HttpClient as GuardedHttpClient } from '@brook/connectors';
import { normalizeTypeName, type WorkflowDefinition } from '@brook/wdl';
import type { ServerContext } from './context.js';
import type { BackgroundService } from './platform.js';
import type { ScheduleSync } from '../flows/service.js';
import type { ResubmitOutcome, RunEngineControl } from '../runs/control.js';

/** The engine's HTTP port over the guarded client: every outgoing call passes the network policy. */
export function guardedEngineHttp(client: GuardedHttpClient): EngineHttpClient {
  return {
    async send(request) {
      try {
        const response = await client.request({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: request.body,
          timeoutMs: request.timeoutMs,
          signal: request.signal,
          ...(request.clientCertificate ? { clientCertificate: request.clientCertificate } : {}),
        });
        return { status: response.status, headers: response.headers, body: response.body };
      } catch (error) {
        // Cancellation is the engine's to judge; everything else arrives classified.
        if (error instanceof HttpCallError && error.kind !== 'aborted') throw Object.assign(error, { classified: classifyError(error) });
        throw error;
      }
    },
  };
}

export interface EnginePorts {
  http: EngineHttpClient;
  connections?: ConnectionInvoker;
  callbackUrls?: CallbackUrls;
}

export function createServerEngine(context: ServerContext, ports: EnginePorts): Engine {
  return createEngine({
    store: context.runStore,
    http: ports.http,
    ...(ports.connections ? { connections: ports.connections } : {}),
    ...(ports.callbackUrls ? { callbackUrls: ports.callbackUrls } : {}),
    logger: context.logger,
    events: context.events,
    httpTimeoutMs: 120_000,
  });
}

/** `count` claim loops, each running up to `concurrency` runs at once; stopping lets actions checkpoint. */
export function workerService(engine: Engine, count: number, concurrency: number): BackgroundService {
  let workers: Worker[] = [];
  return {
    name: 'workers',
    start() {
      workers = Array.from({ length: count }, () => engine.startWorker({ concurrency }));
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
      workers = [];
      await engine.drain();
    },
  };
}

export class EngineRunControl implements RunEngineControl {
  constructor(private readonly engine: Engine) {}

  async resubmit(run: Parameters<RunEngineControl['resubmit']>[0], options: { fromAction?: string }): Promise<ResubmitOutcome> {
    try {
      return { ok: true, run: await this.engine.resubmit(run.id, options) };
    } catch (error) {
      if (error instanceof ResubmitError) return { ok: false, reason: error.message };
      throw error;
    }
  }

  cancel(runId: string) {
    return this.engine.cancel(runId);
  }
}

/** Keeps the timers of Recurrence triggers in step: one per trigger while the flow is on. */
export class EngineSchedules implements ScheduleSync {
  constructor(private readonly context: Pick<ServerContext, 'runStore' | 'now' | 'logger'>) {}

  async sync(flowId: string, definition: WorkflowDefinition, enabled: boolean): Promise<void> {
    await this.context.runStore.deleteScheduleTimers(flowId);
    if (!enabled) return;
    for (const [name, trigger] of Object.entries(definition.triggers ?? {})) {
      if (normalizeTypeName(trigger.type) !== 'recurrence' || !trigger.recurrence) continue;
      try {
        const next = nextOccurrence(trigger.recurrence, this.context.now());
        if (next) await this.context.runStore.upsertScheduleTimer({ key: scheduleKey(flowId, name), flowId, triggerName: name, fireAt: next.getTime() });
      } catch (error) {
        this.context.logger.warn({ err: error, flowId, trigger: name }, 'the recurrence of a trigger cannot be scheduled');
      }
    }
  }
}
