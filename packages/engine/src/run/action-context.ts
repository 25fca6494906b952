// The context an action handler gets: its host and evaluation helpers, its abort signal
// (the run's switch plus its own limit.timeout, made only when a handler asks for it), and
// the means to save state, sleep, and run or skip nested containers.
import type { ActionRecord } from '../ports.js';
import type { ActionPlan } from '../definition/plan.js';
import type { ActionContext } from '../actions/types.js';
import { ActionFailure } from '../actions/types.js';
import { EngineHost } from '../expressions/engine-host.js';
import { evaluateTemplate } from '../expressions/evaluate.js';
import type { Frame } from './frame.js';
import type { RunContext } from './run-context.js';
import { runContainer, skipContainer } from './schedule.js';
import { expressionFailure } from './errors.js';
import { SECURE, secureSettings } from './secure.js';

export interface ContextWithTimeout extends ActionContext {
  timedOut?: boolean;
}

export function makeContext(run: RunContext, action: ActionPlan, frame: Frame, record: ActionRecord, previous: ActionRecord | undefined, timeoutMs: number | undefined): ActionContext {
  const host = new EngineHost(run, frame, record.key);
  let signal: AbortSignal | undefined;
  const ctx: ContextWithTimeout = {
    run,
    action,
    frame,
    key: record.key,
    get signal(): AbortSignal {
      if (!signal) {
        if (timeoutMs === undefined) {
          signal = run.abortController.signal;
        } else {
          const timeout = new AbortController();
          const timer = setTimeout(() => {
            ctx.timedOut = true;
            timeout.abort();
          }, timeoutMs - (run.deps.clock.now() - (record.startedAt ?? 0)));
          timer.unref?.();
          signal = AbortSignal.any([run.abortController.signal, timeout.signal]);
        }
      }
      return signal;
    },
    previousState: previous?.state ?? null,
    previousInputs: previous?.inputs ?? null,
    startedAt: record.startedAt ?? run.deps.clock.now(),
    host,
    evaluate(value: unknown, where = 'inputs'): unknown {
      try {
        return evaluateTemplate(value, host);
      } catch (error) {
        throw new ActionFailure(expressionFailure(action.name, where, error));
      }
    },
    evaluateWithItem(value: unknown, item: unknown, where = 'inputs'): unknown {
      try {
        return evaluateTemplate(value, host.withItem(item));
      } catch (error) {
        throw new ActionFailure(expressionFailure(action.name, where, error));
      }
    },
    saveState(state: unknown, inputs?: unknown): void {
      record.state = state;
      if (inputs !== undefined) record.inputs = inputs;
      run.checkpointLater([{ ...record, inputs: secureSettings(action).inputs ? SECURE : record.inputs }]);
    },
    sleep(until: number | null, wake?: Promise<void>) {
      return run.sleep(until, ctx.signal, wake);
    },
    runContainer: (container, childFrame) => runContainer(run, container, childFrame),
    skipContainer: (container, childFrame, code, message) => skipContainer(run, container, childFrame, code, message),
  };
  return ctx;
}
