import type { ErrorCategory } from '../api/types';

/** The words for an error category, as a person would say them. */
export function categoryLabel(category: ErrorCategory): string {
  switch (category) {
    case 'authentication':
      return 'Authentication';
    case 'permission':
      return 'Permission';
    case 'not_found':
      return 'Not found';
    case 'throttled':
      return 'Throttled';
    case 'server':
      return 'Server error';
    case 'timeout':
      return 'Timeout';
    case 'network':
      return 'Network';
    case 'expression':
      return 'Expression';
    case 'definition':
      return 'Invalid definition';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** One sentence on what the category means, shown above the remedy. */
export function categoryMeaning(category: ErrorCategory): string {
  switch (category) {
    case 'authentication':
      return 'The service did not accept the credentials of the connection.';
    case 'permission':
      return 'The credentials work, but they are not allowed to do this.';
    case 'not_found':
      return 'What the action points at does not exist (any more).';
    case 'throttled':
      return 'The service asked Brook to slow down.';
    case 'server':
      return 'The service failed on its side; this is often temporary.';
    case 'timeout':
      return 'The call took longer than allowed.';
    case 'network':
      return 'Brook could not reach the service.';
    case 'expression':
      return 'An expression could not be evaluated with the data of this run.';
    case 'definition':
      return 'The flow definition has a mistake.';
    case 'cancelled':
      return 'The run was cancelled before this action finished.';
  }
}
