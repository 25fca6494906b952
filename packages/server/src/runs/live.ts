// Live run updates over Server-Sent Events. Events come from the engine's event sink in
// this process; a slow poll of the run covers runs executed by workers in other processes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngineEvent } from '@brook/engine';
import type { RunRecord } from '@brook/store';
import type { ServerContext } from '../app/context.js';
import type { Caller } from '../accounts/caller.js';
import type { RunViews } from './views.js';

const HEARTBEAT_MS = 15_000;
const POLL_MS = 2_000;
const FINAL = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped']);

/** The streams open in this process, so a shutdown can end them (they would hold it up forever). */
export class OpenStreams {
  private readonly streams = new Set<SseStream>();

  add(stream: SseStream): void {
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.close();
  }

  get size(): number {
    return this.streams.size;
  }
}

export class SseStream {
  private closed = false;
  private readonly closers: (() => void)[] = [];

  constructor(request: FastifyRequest, private readonly reply: FastifyReply, open?: OpenStreams) {
    reply.hijack();
    open?.add(this);
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    reply.raw.write('retry: 3000\n\n');
    const heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.onClose(() => clearInterval(heartbeat));
    request.raw.on('close', () => this.close());
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  onClose(closer: () => void): void {
    if (this.closed) closer();
    else this.closers.push(closer);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const closer of this.closers.splice(0)) closer();
    this.reply.raw.end();
  }

  private write(text: string): void {
    if (!this.closed) this.reply.raw.write(text);
  }
}

/** Streams one run: `run` (RunSummary), `action` (ActionRecord) and a final `end`. */
export async function streamRun(context: ServerContext, views: RunViews, run: RunRecord, stream: SseStream): Promise<void> {
  let lastStatus = run.status;
  const sendRun = async (record: RunRecord): Promise<void> => {
    const [summary] = await views.summaries([record]);
    stream.send('run', summary);
    lastStatus = record.status;
    if (FINAL.has(record.status)) {
      stream.send('end', { status: record.status });
      stream.close();
    }
  };
  const onEvent = (event: EngineEvent): void => {
    if (stream.isClosed) return;
    if (event.type === 'run' && event.run.id === run.id) void sendRun(event.run).catch(() => stream.close());
    if (event.type === 'action' && event.runId === run.id) stream.send('action', views.action(event.action));
  };
  stream.onClose(context.events.subscribe(onEvent));
  const poll = setInterval(() => {
    void context.runStore.getRun(run.id).then((current) => {
      if (current && current.status !== lastStatus && !stream.isClosed) return sendRun(current);
      return undefined;
    }, () => undefined);
  }, POLL_MS);
  poll.unref();
  stream.onClose(() => clearInterval(poll));
  await sendRun(run);
}

/**
 * Streams every run change the caller may see, as `run` events. On PostgreSQL, where
 * workers in other processes run flows, the newest runs are also compared every
 * POLL_MS so their changes show too.
 */
export function streamAllRuns(context: ServerContext, views: RunViews, caller: Caller, stream: SseStream): void {
  const visible = new Map<string, { ok: boolean; at: number }>();
  const canSee = async (flowId: string): Promise<boolean> => {
    const cached = visible.get(flowId);
    if (cached && context.now() - cached.at < 10_000) return cached.ok;
    const ok = await context.flowGuard.canSee(caller, flowId);
    visible.set(flowId, { ok, at: context.now() });
    return ok;
  };
  const onEvent = (event: EngineEvent): void => {
    if (event.type !== 'run' || stream.isClosed) return;
    void (async () => {
      if (!(await canSee(event.run.flowId))) return;
      const [summary] = await views.summaries([event.run]);
      stream.send('run', summary);
    })().catch(() => undefined);
  };
  stream.onClose(context.events.subscribe(onEvent));
  if (context.database.dialect !== 'postgres') return;
  const seen = new Map<string, string>();
  let first = true;
  const poll = setInterval(() => {
    void (async () => {
      const flowIds = await context.flowGuard.visibleFlowIds(caller);
      const page = await context.runQueries.listRuns({ ...(flowIds !== undefined ? { flowIds } : {}), limit: 100 });
      const changed = page.items.filter((run) => seen.get(run.id) !== run.status);
      for (const run of page.items) seen.set(run.id, run.status);
      if (seen.size > 5000) for (const id of [...seen.keys()].slice(0, seen.size - 1000)) seen.delete(id);
      if (first) {
        first = false;
        return;
      }
      if (changed.length > 0 && !stream.isClosed) for (const summary of await views.summaries(changed)) stream.send('run', summary);
    })().catch(() => undefined);
  }, POLL_MS);
  poll.unref();
  stream.onClose(() => clearInterval(poll));
}
