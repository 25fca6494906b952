// How a container action (Scope, If, Switch, Foreach, Until) ends, from how its inner
// actions ended: the status rule, or Cancelled when the run was stopped inside it.
import type { ActionContext, ActionOutcome } from './types.js';
import type { ContainerStatus } from '../run/status-rule.js';
import { classified } from '../run/errors.js';

export function containerOutcome(ctx: ActionContext, status: ContainerStatus, paused: boolean, inputs: unknown = null, outputs: unknown = null): ActionOutcome {
  const reason = ctx.run.abortReason;
  if (reason?.kind === 'lost') return { kind: 'paused' };
  if (reason && reason.kind !== 'terminated') {
    const error = classified('Cancelled', 'cancelled', `Action '${ctx.action.name}' was cancelled because the run ${reason.kind === 'timedOut' ? 'ran out of time' : 'was cancelled'}.`);
    return { kind: 'done', status: 'Cancelled', code: 'Cancelled', error, inputs, outputs };
  }
  if (paused && !reason) return { kind: 'paused' };
  switch (status) {
    case 'Succeeded':
      return { kind: 'done', status: 'Succeeded', code: 'OK', inputs, outputs };
    case 'TimedOut':
      return {
        kind: 'done',
        status: 'TimedOut',
        code: 'ActionTimedOut',
        error: classified('ActionTimedOut', 'timeout', `An action inside '${ctx.action.name}' timed out.`, [`An action inside '${ctx.action.name}' ran out of time.`]),
        inputs,
        outputs,
      };
    case 'Failed':
      return {
        kind: 'done',
        status: 'Failed',
        code: 'ActionFailed',
        error: innerError(ctx),
        inputs,
        outputs,
      };
  }
}

/** A container fails with the error of the first failed action inside it, so the cause travels up. */
function innerError(ctx: ActionContext) {
  const first = ctx.run.firstFailure;
  const message = `An action inside '${ctx.action.name}' failed${first ? `: '${first.action}': ${first.error.message}` : '.'}`;
  return { ...(first?.error ?? classified('ActionFailed', 'server', message)), code: 'ActionFailed', message };
}
