// Live run updates over Server-Sent Events. Events come from the engine's event sink in
// this process and, on PostgreSQL, from the notices of workers in other processes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngineEvent } from '@brook/engine';
import type { RunRecord } from '@brook/store';
import type { ServerContext } from '../app/context.js';
import type { Caller } from '../accounts/caller.js';
import type { RunViews } from './views.js';
import type { RemoteRunEvent, RemoteRuns } from '../events/remote-runs.js';

const HEARTBEAT_MS = 15_000;
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
export async function streamRun(context: ServerContext, views: RunViews, remote: RemoteRuns, runId: string, stream: SseStream): Promise<void> {
  // Sends one after another, so an action's change never overtakes the run's end.
  let sending: Promise<void> = Promise.resolve();
  const send = (work: () => Promise<void> | void): void => {
    sending = sending.then(() => (stream.isClosed ? undefined : work())).catch(() => stream.close());
  };
  const sendRun = async (record: RunRecord): Promise<void> => {
    const [summary] = await views.summaries([record]);
    if (stream.isClosed) return;
    stream.send('run', summary);
    if (FINAL.has(record.status)) {
      stream.send('end', { status: record.status });
      stream.close();
    }
  };
  const reread = async (): Promise<void> => {
    const current = await context.runStore.getRun(runId);
    if (current) await sendRun(current);
    else stream.close();
  };
  const onEvent = (event: EngineEvent | RemoteRunEvent): void => {
    if (stream.isClosed) return;
    if (event.type === 'run' && event.run.id === runId) send(() => sendRun(event.run));
    else if (event.type === 'action' && event.runId === runId) send(() => stream.send('action', views.action(event.action)));
    else if (event.type === 'resync') send(reread);
  };
  // Watch first, then read: a change made in between is sent rather than missed.
  stream.onClose(context.events.subscribe(onEvent));
  stream.onClose(remote.watchRun(runId, onEvent));
  send(reread);
  await sending;
}

/**
 * Streams every run change the caller may see, as `run` events: those of this process's
 * workers, and on PostgreSQL those that workers in other processes announce.
 */
export function streamAllRuns(context: ServerContext, views: RunViews, remote: RemoteRuns, caller: Caller, stream: SseStream): void {
  const visible = new Map<string, { ok: boolean; at: number }>();
  const canSee = async (flowId: string): Promise<boolean> => {
    const cached = visible.get(flowId);
    if (cached && context.now() - cached.at < 10_000) return cached.ok;
    const ok = await context.flowGuard.canSee(caller, flowId);
    visible.set(flowId, { ok, at: context.now() });
    return ok;
  };
  let sending: Promise<void> = Promise.resolve();
  const onEvent = (event: EngineEvent | RemoteRunEvent): void => {
    if (event.type !== 'run' || stream.isClosed) return;
    const { run } = event;
    sending = sending
      .then(async () => {
        if (stream.isClosed || !(await canSee(run.flowId))) return;
        const [summary] = await views.summaries([run]);
        stream.send('run', summary);
      })
      .catch(() => undefined);
  };
  stream.onClose(context.events.subscribe(onEvent));
  stream.onClose(remote.watchAll(onEvent));
}
