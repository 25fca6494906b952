// The context an action handler gets: its host and evaluation helpers, its abort signal
// (the run's switch plus its own limit.timeout, made only when a handler asks for it), and
// the means to save state, sleep, and run or skip nested containers.
import type { ActionRecord } from '../ports.js';
import type { ActionPlan, ContainerPlan } from '../definition/plan.js';
import type { ActionContext } from '../actions/types.js';
import { ActionFailure } from '../actions/types.js';
import { EngineHost } from '../expressions/engine-host.js';
import { evaluateTemplate } from '../expressions/evaluate.js';
import type { Frame } from './frame.js';
import type { RunContext } from './run-context.js';
import { runContainer, skipContainer } from './schedule.js';
import { expressionFailure } from './errors.js';
import { hiddenParts, maskSecrets, SECURE } from './secure.js';

export interface ContextWithTimeout extends ActionContext {
  timedOut?: boolean;
  /** Clears the action's timeout timer once it has ended. */
  dispose(): void;
}

/** A class rather than an object of closures: one allocation per action, methods shared. */
class HandlerContext implements ContextWithTimeout {
  readonly key: string;
  readonly host: EngineHost;
  previousState: unknown;
  readonly previousInputs: unknown;
  readonly startedAt: number;
  timedOut?: boolean;
  private abortSignal: AbortSignal | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly run: RunContext,
    readonly action: ActionPlan,
    readonly frame: Frame,
    private readonly record: ActionRecord,
    previous: ActionRecord | undefined,
    private readonly timeoutMs: number | undefined,
  ) {
    this.key = record.key;
    this.host = new EngineHost(run, frame, record.key);
    this.previousState = previous?.state ?? null;
    this.previousInputs = previous?.inputs ?? null;
    this.startedAt = record.startedAt ?? run.deps.clock.now();
  }

  get signal(): AbortSignal {
    if (!this.abortSignal) {
      const runSignal = this.run.abortController.signal;
      if (this.timeoutMs === undefined) {
        this.abortSignal = runSignal;
      } else {
        const timeout = new AbortController();
        this.timer = setTimeout(() => {
          this.timedOut = true;
          timeout.abort();
        }, this.timeoutMs - (this.run.deps.clock.now() - (this.record.startedAt ?? 0)));
        this.timer.unref?.();
        this.abortSignal = AbortSignal.any([runSignal, timeout.signal]);
      }
    }
    return this.abortSignal;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  evaluate(value: unknown, where = 'inputs'): unknown {
    try {
      return evaluateTemplate(value, this.host);
    } catch (error) {
      throw new ActionFailure(expressionFailure(this.action.name, where, error));
    }
  }

  evaluateWithItem(value: unknown, item: unknown, where = 'inputs'): unknown {
    try {
      return evaluateTemplate(value, this.host.withItem(item));
    } catch (error) {
      throw new ActionFailure(expressionFailure(this.action.name, where, error));
    }
  }

  noteInputs(inputs: unknown): void {
    this.record.inputs = inputs;
  }

  saveState(state: unknown, inputs?: unknown): void {
    const record = this.record;
    record.state = state;
    if (inputs !== undefined) record.inputs = inputs;
    this.run.checkpointLater([{ ...record, inputs: hiddenParts(this.action, this.run.tainted.has(this.key)).inputs ? SECURE : maskSecrets(record.inputs, this.run.secrets) }]);
  }

  sleep(until: number | null, wake?: Promise<void>): Promise<'done' | 'paused' | 'aborted'> {
    return this.run.sleep(until, this.signal, wake);
  }

  runContainer(container: ContainerPlan, childFrame: Frame) {
    return runContainer(this.run, container, childFrame);
  }

  skipContainer(container: ContainerPlan, childFrame: Frame, code: string, message: string): Promise<void> {
    return skipContainer(this.run, container, childFrame, code, message);
  }
}

export function makeContext(run: RunContext, action: ActionPlan, frame: Frame, record: ActionRecord, previous: ActionRecord | undefined, timeoutMs: number | undefined): ContextWithTimeout {
  return new HandlerContext(run, action, frame, record, previous, timeoutMs);
}
