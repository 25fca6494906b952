// Terminate: ends the run at once with `runStatus` (and `runError` for Failed); actions
// in flight are cancelled and the rest are Skipped with code Terminated.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { classified } from '../run/errors.js';

const STATUSES = { failed: 'Failed', cancelled: 'Cancelled', succeeded: 'Succeeded' } as const;

export const terminateAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const status = STATUSES[String(inputs.runStatus ?? '').toLowerCase() as keyof typeof STATUSES];
    if (!status) fail(ctx, `'runStatus' must be Failed, Cancelled or Succeeded; got ${JSON.stringify(inputs.runStatus)}.`, inputs);
    let error = null;
    if (status === 'Failed') {
      const runError = (inputs.runError ?? {}) as { code?: unknown; message?: unknown };
      const code = typeof runError.code === 'string' && runError.code !== '' ? runError.code : 'Terminated';
      const message = typeof runError.message === 'string' && runError.message !== '' ? runError.message : `The run was terminated by action '${ctx.action.name}'.`;
      error = classified(code, 'definition', message, [`The flow ended itself with Terminate ('${ctx.action.name}').`, 'Read the message above; it was written by the flow.']);
    }
    ctx.run.abort({ kind: 'terminated', status, error });
    return succeeded(inputs, null);
  },
};
