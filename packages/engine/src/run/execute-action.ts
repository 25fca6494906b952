// The life of one action in one iteration: start (seq, time, a live event), run its
// handler under its timeout and the run's abort switch, retry what its policy allows,
// mask what must not be recorded, and checkpoint the finished record before returning
// (its dependents start only after that commit).
import { ExpressionError } from '@brook/wdl';
import type { ActionRecord, ActionStatus, AttemptRecord } from '../ports.js';
import type { ActionPlan } from '../definition/plan.js';
import type { ActionContext, ActionHandler, ActionOutcome } from '../actions/types.js';
import { ActionFailure, failed } from '../actions/types.js';
import { handlerFor } from '../actions/registry.js';
import { EngineHost } from '../expressions/engine-host.js';
import { evaluateTemplate } from '../expressions/evaluate.js';
import { parseDuration } from '../durations.js';
import type { Frame } from './frame.js';
import type { RunContext } from './run-context.js';
import { recordKey } from './keys.js';
import { cancelledError, classified, definitionError, describeError, expressionFailure, timeoutError } from './errors.js';
import { decideRetry, readRetryPolicy, RetryPolicyError } from './retry.js';
import { hiddenParts, maskSecrets, SECURE } from './secure.js';
import { makeContext, type ContextWithTimeout } from './action-context.js';
import { staticResultOutcome } from './static-results.js';
import { LeaseLostError } from './checkpoint.js';

export const PAUSED = Symbol('paused');

interface RetryState {
  retry?: { attempts: AttemptRecord[]; retryAt: number };
}

export async function runAction(run: RunContext, action: ActionPlan, frame: Frame): Promise<ActionStatus | typeof PAUSED> {
  const key = recordKey(action.name, frame.iterationPath);
  const previous = run.records.get(key);
  const clock = run.deps.clock;
  const record: ActionRecord = {
    runId: run.id,
    key,
    name: action.name,
    type: action.typeName,
    scopePath: action.scopePath,
    iterationPath: frame.iterationPath.slice(),
    status: 'Running',
    code: null,
    inputs: previous?.inputs ?? null,
    outputs: null,
    error: null,
    attempts: [],
    startedAt: previous?.startedAt ?? clock.now(),
    endedAt: null,
    connectionId: null,
    resubmitted: false,
    trackedProperties: null,
    seq: previous?.seq ?? run.takeSeq(),
    state: previous?.state ?? null,
  };
  run.deps.events?.emit({ type: 'action', runId: run.id, action: { ...record } });
  run.enter();
  let outcome: ActionOutcome;
  try {
    outcome = await execute(run, action, frame, record, previous);
  } finally {
    run.leave();
  }
  if (outcome.kind === 'paused') return PAUSED;

  const endedAt = clock.now();
  const secure = hiddenParts(action, run.tainted.has(key));
  const inputs = outcome.inputs === undefined ? null : outcome.inputs;
  const outputs = outcome.outputs === undefined ? null : outcome.outputs;
  const secrets = run.secrets;
  // A call through a connection also hides the connection's secrets.
  const hide = outcome.hide ?? (<T>(value: T): T => value);
  record.status = outcome.status;
  record.code = outcome.code;
  record.error = outcome.error ? hide(maskSecrets(outcome.error, secrets)) : null;
  record.inputs = secure.inputs ? SECURE : hide(maskSecrets(inputs, secrets));
  record.outputs = secure.outputs ? SECURE : hide(maskSecrets(outputs, secrets));
  record.connectionId = outcome.connectionId ?? outcome.error?.connectionId ?? null;
  record.endedAt = endedAt;
  record.state = null;
  if (record.attempts.length === 0) record.attempts.push({ startedAt: record.startedAt ?? endedAt, endedAt, status: record.status, code: record.code, error: record.error });
  run.remember(record, secure.inputs || secure.outputs || secrets.length > 0 || outcome.hide ? { inputs, outputs } : undefined);
  if (action.definition.trackedProperties !== undefined && !secure.inputs && !secure.outputs) {
    const tracked = trackedProperties(run, action, frame, key);
    // Secured data is never tracked: properties that read it are hidden whole.
    record.trackedProperties = run.tainted.has(key) ? SECURE : maskSecrets(tracked, secrets);
  }
  run.tainted.delete(key);

  let runUpdate;
  if (action.type === 'response' && record.status === 'Succeeded') runUpdate = { response: run.response };
  try {
    await run.checkpoint([record], runUpdate ?? undefined);
  } catch (error) {
    if (error instanceof LeaseLostError) {
      run.abort({ kind: 'lost' });
      return PAUSED;
    }
    throw error;
  }
  const events = run.deps.events;
  if (events) {
    events.emit({ type: 'action', runId: run.id, action: record });
    if (runUpdate?.response) events.emit({ type: 'response', runId: run.id, response: runUpdate.response });
  }
  return record.status;
}

function trackedProperties(run: RunContext, action: ActionPlan, frame: Frame, key: string): Record<string, unknown> | null {
  try {
    const value = evaluateTemplate(action.definition.trackedProperties, new EngineHost(run, frame, key));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function execute(run: RunContext, action: ActionPlan, frame: Frame, record: ActionRecord, previous: ActionRecord | undefined): Promise<ActionOutcome> {
  if (action.planError) return failed(definitionError(action.planError));
  const staticOutcome = staticResultOutcome(run, action);
  if (staticOutcome) return staticOutcome;
  const handler = handlerFor(action.type);
  if (!handler) {
    return failed(
      definitionError(
        `The action type '${action.typeName}' of action '${action.name}' is not supported by Brook.`,
        'ActionTypeNotSupported',
      ),
    );
  }
  const limit = action.definition.limit;
  let timeoutMs: number | undefined;
  if (!handler.container && limit?.timeout !== undefined) {
    timeoutMs = parseDuration(limit.timeout);
    if (timeoutMs === undefined) return failed(definitionError(`limit.timeout of action '${action.name}' must be an ISO 8601 duration such as PT30S; got ${JSON.stringify(limit.timeout)}.`));
  }
  const ctx = makeContext(run, action, frame, record, previous, timeoutMs);
  try {
    return await runHandler(run, action, handler, ctx, record, previous);
  } finally {
    ctx.dispose();
  }
}

/** One attempt, or attempts by the retry policy for handlers that retry. */
async function runHandler(run: RunContext, action: ActionPlan, handler: ActionHandler, ctx: ContextWithTimeout, record: ActionRecord, previous: ActionRecord | undefined): Promise<ActionOutcome> {
  if (!handler.retries) return attempt(run, handler, ctx, record);

  let policy;
  try {
    const inputs = action.definition.inputs as { retryPolicy?: unknown } | undefined;
    policy = readRetryPolicy(inputs?.retryPolicy);
  } catch (error) {
    if (error instanceof RetryPolicyError) return failed(definitionError(`Action '${action.name}': ${error.message}`));
    throw error;
  }
  const saved = (previous?.state as RetryState | null)?.retry;
  if (saved) {
    record.attempts = saved.attempts;
    const slept = await ctx.sleep(saved.retryAt);
    if (slept === 'paused') return { kind: 'paused' };
    if (slept === 'aborted') return abortedOutcome(run, action, ctx, record.inputs);
  }
  for (;;) {
    const started = run.deps.clock.now();
    const outcome = await attempt(run, handler, ctx, record);
    if (outcome.kind === 'paused') return outcome;
    // Saved state (a 202 being polled) belongs to the attempt that wrote it; a retry starts afresh.
    ctx.previousState = null;
    const error = outcome.error;
    record.attempts.push({ startedAt: started, endedAt: run.deps.clock.now(), status: outcome.status, code: outcome.code, error: error ? (outcome.hide ?? ((value) => value))(maskSecrets(error, run.secrets)) : null });
    if (outcome.status !== 'Failed' || !error || run.aborted) return outcome;
    const decision = decideRetry(policy, record.attempts.length, error);
    if (decision.outcome === 'fail') return outcome;
    const retryAt = run.deps.clock.now() + decision.delayMs;
    ctx.saveState({ retry: { attempts: record.attempts, retryAt } } satisfies RetryState, outcome.inputs);
    const slept = await ctx.sleep(retryAt);
    if (slept === 'paused') return { kind: 'paused' };
    if (slept === 'aborted') return abortedOutcome(run, action, ctx, outcome.inputs);
  }
}

/** One call of the handler, raced against the action's timeout and the run's abort switch. */
async function attempt(run: RunContext, handler: ActionHandler, ctx: ActionContext, record: ActionRecord): Promise<ActionOutcome> {
  try {
    const result = handler.run(ctx);
    if (!(result instanceof Promise)) return result;
    if (handler.container) return await result;
    return await raceAbort(result, ctx.signal, () => abortedOutcome(run, ctx.action, ctx, record.inputs));
  } catch (error) {
    if (error instanceof ActionFailure) return failed(error.error, error.inputs, error.outputs);
    if (error instanceof ExpressionError) return failed(expressionFailure(ctx.action.name, 'inputs', error));
    if (ctx.signal.aborted) return abortedOutcome(run, ctx.action, ctx, record.inputs);
    run.deps.logger.error({ err: error, runId: run.id, action: ctx.action.name }, 'action handler failed');
    return failed(classified('InternalError', 'server', `Action '${ctx.action.name}' failed inside Brook: ${describeError(error)}`, ['Brook could not run this action.', 'Resubmit the run; if it fails again, report the message to your administrator.']));
  }
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** How an action ends when its signal fired: its own timeout, or the run's cancel/Terminate/timeout. */
function abortedOutcome(run: RunContext, action: ActionPlan, ctx: ActionContext, inputs: unknown): ActionOutcome {
  if ((ctx as ContextWithTimeout).timedOut) return failed(timeoutError(action.name), inputs, undefined, 'TimedOut');
  const reason = run.abortReason;
  const why = reason?.kind === 'terminated' ? 'the run was terminated' : reason?.kind === 'timedOut' ? 'the run ran out of time' : 'the run was cancelled';
  return { kind: 'done', status: 'Cancelled', code: 'Cancelled', error: cancelledError(action.name, why), inputs };
}

