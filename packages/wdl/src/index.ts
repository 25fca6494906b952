// @brook/wdl — the Workflow Definition Language: definitions, expressions, functions. Pure, no I/O.

// Failure vocabulary shared by every layer
export { type ErrorCategory, ERROR_CATEGORIES, type ClassifiedError, type Remedy, assertNever } from './failures.js';

// Expressions
export type { ExpressionHost } from './expressions/host.js';
export { ExpressionError, type WdlFunction, type FunctionCategory, type FunctionContext } from './functions/registry.js';

// Definitions
export type {
  WorkflowDefinition,
  ParameterDefinition,
  TriggerDefinition,
  ActionDefinition,
  RunAfterStatus,
  RetryPolicy,
  RuntimeConfiguration,
  Recurrence,
  StaticResult,
} from './definitions/types.js';
export { normalizeTypeName } from './definitions/types.js';
