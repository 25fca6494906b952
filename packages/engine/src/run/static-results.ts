// Static results (runtimeConfiguration.staticResult): an action opted in returns the
// mock named in the definition's staticResults instead of executing.
import type { ActionOutcome } from '../actions/types.js';
import type { ActionPlan } from '../definition/plan.js';
import type { RunContext } from './run-context.js';
import { classified } from './errors.js';

export function staticResultOutcome(run: RunContext, action: ActionPlan): ActionOutcome | null {
  const setting = action.definition.runtimeConfiguration?.staticResult;
  if (!setting || String(setting.staticResultOptions ?? '').toLowerCase() !== 'enabled') return null;
  const result = run.plan.definition.staticResults?.[setting.name];
  if (!result) return null;
  const status = String(result.status ?? 'Succeeded');
  const outputs = result.outputs ?? null;
  if (status.toLowerCase() === 'succeeded') return { kind: 'done', status: 'Succeeded', code: 'OK', inputs: null, outputs };
  const errors = Array.isArray(outputs?.errors) ? outputs.errors : [];
  const first = (errors[0] ?? {}) as { code?: string; message?: string };
  const error = classified(first.code ?? 'ActionFailed', 'server', first.message ?? `The static result '${setting.name}' of action '${action.name}' is a failure.`, [
    `Action '${action.name}' returned its static result '${setting.name}'.`,
    'Turn off the static result in the action settings to call the service.',
  ]);
  return { kind: 'done', status: status.toLowerCase() === 'timedout' ? 'TimedOut' : 'Failed', code: error.code, error, inputs: null, outputs };
}
