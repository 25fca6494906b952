// Building classified errors for what the engine itself decides (expressions, definitions,
// timeouts, cancellation); HTTP failures are classified in http/classify.ts.
import { ExpressionError, type ClassifiedError, type ErrorCategory } from '@brook/wdl';

export function classified(code: string, category: ErrorCategory, message: string, remedy: string[] = [], extra: Partial<ClassifiedError> = {}): ClassifiedError {
  return { code, category, message, remedy: { summary: remedy[0] ?? message, steps: remedy.slice(1) }, ...extra };
}

export function definitionError(message: string, code = 'InvalidDefinition'): ClassifiedError {
  return classified(code, 'definition', message, ['Fix the flow definition where the message points, save it, then resubmit the run.', 'Open the flow, correct the action named in the message.', 'Save the flow and resubmit the run.']);
}

export function expressionFailure(actionName: string, where: string, error: unknown): ClassifiedError {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ExpressionError ? error.code : 'InvalidTemplate';
  const position = error instanceof ExpressionError && error.position !== undefined ? ` (at character ${error.position + 1})` : '';
  return classified(code, 'expression', `Unable to process template language expressions in action '${actionName}' ${where}${position}: ${message}`, [
    `An expression in action '${actionName}' could not be evaluated.`,
    `Open the flow and check the expressions of '${actionName}' ${where}.`,
    'Save the flow and resubmit the run.',
  ]);
}

export function timeoutError(actionName: string, what = 'the action'): ClassifiedError {
  return classified('ActionTimedOut', 'timeout', `The execution of ${what} '${actionName}' did not finish within its time limit.`, [
    `Action '${actionName}' ran out of time.`,
    `Raise the action's limit.timeout, or check why the service answered slowly.`,
    'Resubmit the run.',
  ]);
}

export function cancelledError(actionName: string, why: string): ClassifiedError {
  return classified('Cancelled', 'cancelled', `Action '${actionName}' was cancelled: ${why}.`, [`Action '${actionName}' was cancelled.`]);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
