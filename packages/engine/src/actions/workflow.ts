// Workflow: calls another flow (a child run) and waits for it. The child run's id is
// derived from the parent run and this action, so a resumed parent finds the same child
// instead of starting a second one. Outputs are the child's Response (or 200 and no body).
import { createHash } from 'node:crypto';
import type { ActionHandler } from './types.js';
import { failed, succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { classified, definitionError } from '../run/errors.js';
import { statusCodeName } from '../http/classify.js';

export function childRunId(parentRunId: string, key: string): string {
  return `run_${createHash('sha256').update(`${parentRunId}\u0000${key}`).digest('hex').slice(0, 22)}`;
}

export const workflowAction: ActionHandler = {
  async run(ctx) {
    const inputs = inputsObject(ctx);
    const host = (inputs.host ?? {}) as { workflow?: { id?: unknown }; workflowReferenceName?: unknown; triggerName?: unknown };
    const workflowId = typeof host.workflow?.id === 'string' ? host.workflow.id : typeof host.workflowReferenceName === 'string' ? host.workflowReferenceName : undefined;
    if (!workflowId) fail(ctx, "name the flow to call in host.workflow.id (or host.workflowReferenceName).", inputs);
    const deps = ctx.run.deps;
    if (!deps.childFlows) return failed(definitionError(`Action '${ctx.action.name}' calls the flow '${workflowId}', but no flows can be called here (brook run runs one definition).`, 'WorkflowNotFound'), inputs);
    const resolved = await deps.childFlows.resolve({ workflowId, ...(typeof host.triggerName === 'string' ? { triggerName: host.triggerName } : {}) }, { flowId: ctx.run.run.flowId, runId: ctx.run.id });
    if (!resolved) {
      return failed(classified('WorkflowNotFound', 'not_found', `Action '${ctx.action.name}' calls the flow '${workflowId}', which does not exist or cannot be used by this flow.`, [`The flow '${workflowId}' was not found.`, 'Check the flow id in the action, or share the child flow with the owner of this flow.']), inputs);
    }
    const id = childRunId(ctx.run.id, ctx.key);
    const headers = (inputs.headers ?? {}) as Record<string, unknown>;
    await deps.store.createRun({
      id,
      flowId: resolved.flowId,
      flowVersion: resolved.version,
      triggerName: resolved.triggerName,
      triggerOutputs: { headers, body: inputs.body ?? null, queries: {}, relativePathParameters: {} },
      parentRunId: ctx.run.id,
      parentActionKey: ctx.key,
      claim: { owner: deps.workerId, leaseMs: deps.leaseMs },
      createdAt: deps.clock.now(),
    });
    const child = await deps.runChild(id, ctx.signal);
    if (!child) throw new DOMException('aborted', 'AbortError');
    const outputs = child.response ? { statusCode: child.response.statusCode, headers: child.response.headers, body: child.response.body, runId: child.id } : { statusCode: 200, headers: {}, body: null, runId: child.id };
    if (child.status !== 'Succeeded' && !child.response) {
      const message = `The called flow's run ${child.id} ended ${child.status}${child.error ? `: ${child.error.message}` : '.'}`;
      return failed({ ...(child.error ?? classified('ActionFailed', 'server', message)), code: 'ActionFailed', message }, inputs, outputs);
    }
    if (outputs.statusCode >= 400) {
      return failed(classified(statusCodeName(outputs.statusCode), 'server', `The called flow answered ${outputs.statusCode}.`, ['The called flow answered with an error status.', `Open its run ${child.id} to see why.`], { status: outputs.statusCode }), inputs, outputs);
    }
    return succeeded(inputs, outputs, statusCodeName(outputs.statusCode));
  },
};
