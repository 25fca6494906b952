// The words of each notice: what broke, why, and the link that fixes it.
import type { ClassifiedError } from '@brook/wdl';
import type { Notice } from './outboxes.js';

export function flowFailingNotice(flow: { id: string; name: string }, run: { id: string; failedAction: string | null; error: ClassifiedError | null }): Notice {
  const where = run.failedAction ? ` at the action '${run.failedAction}'` : '';
  const why = (run.error?.message ?? 'no reason was recorded').replace(/[.\s]+$/, '');
  const remedy = run.error?.remedy;
  return {
    kind: 'flow-failing',
    title: `Flow '${flow.name}' is failing`,
    message: `A run of '${flow.name}' failed${where}: ${why}. You will not be told again until the flow succeeds.`,
    link: `/runs/${run.id}`,
    details: remedy ? [remedy.summary, ...remedy.steps.map((step, index) => `${index + 1}. ${step}`)] : [],
  };
}

/** A status reason without its closing advice ("… Verify password."), which the notice gives itself. */
function reasonWithoutAdvice(reason: string, fixLabel: string): string {
  const trimmed = reason.trim();
  const advice = `${fixLabel}.`;
  const withoutAdvice = trimmed.toLowerCase().endsWith(advice.toLowerCase()) ? trimmed.slice(0, -advice.length) : trimmed;
  return withoutAdvice.replace(/[.\s]+$/, '');
}

export function connectionUnauthenticatedNotice(connection: { id: string; name: string }, reason: string | null, fixLabel: string): Notice {
  const said = reason ? reasonWithoutAdvice(reason, fixLabel) : '';
  return {
    kind: 'connection-unauthenticated',
    title: `Connection '${connection.name}' is not authenticated`,
    message: `The service rejected the credentials of the connection '${connection.name}'${said ? ` (${said})` : ''}. Flows that use it will fail until its credentials are verified.`,
    link: `/settings/connections?focus=${encodeURIComponent(connection.id)}`,
    details: [
      'Open Settings (the gear icon), then Connections.',
      `Next to '${connection.name}', click ${fixLabel} and follow the instructions.`,
      'Then resubmit the runs that failed because of it, from the connection or from each run.',
    ],
  };
}

export function flowTurnedOffNotice(flow: { id: string; name: string }, days: number): Notice {
  return {
    kind: 'flow-turned-off',
    title: `Flow '${flow.name}' was turned off`,
    message: `Every run of '${flow.name}' has failed for ${days} days, so Brook turned it off. Fix the cause, then turn it on again.`,
    link: `/flows/${flow.id}`,
  };
}

export interface DigestLine {
  flowId: string;
  flowName: string;
  failed: number;
  lastRunId: string;
}

export function digestNotice(lines: readonly DigestLine[], day: string): Notice {
  const total = lines.reduce((sum, line) => sum + line.failed, 0);
  return {
    kind: 'digest',
    title: `${total} failed run${total === 1 ? '' : 's'} on ${day}`,
    message: `In the 24 hours before this digest, ${total} run${total === 1 ? '' : 's'} of ${lines.length} flow${lines.length === 1 ? '' : 's'} failed.`,
    link: '/runs?status=Failed',
    details: lines.map((line) => `${line.flowName}: ${line.failed} failed (latest: /runs/${line.lastRunId})`),
  };
}
