// @brook/wdl — the Workflow Definition Language: definitions, expressions, functions. Pure, no I/O.

// Failure vocabulary shared by every layer
export { type ErrorCategory, ERROR_CATEGORIES, type ClassifiedError, type Remedy, assertNever } from './failures.js';

// Expressions
export type { ExpressionHost } from './expressions/host.js';
export { ExpressionError, type WdlFunction, type FunctionCategory, type FunctionContext } from './functions/registry.js';
export { parseExpression, type ParseResult, MAX_EXPRESSION_LENGTH } from './expressions/parser.js';
export { printExpression } from './expressions/printer.js';
export type { ExpressionNode } from './expressions/ast.js';
export type { ExpressionErrorCode } from './expressions/errors.js';
export {
  evaluateExpression,
  evaluateTemplate,
  callFunction,
  containsTemplate,
  findTemplateProblems,
  type TemplateProblem,
} from './expressions/evaluate.js';
export { isTemplate, parseTemplate, type ParsedTemplate, type TemplatePart } from './expressions/template.js';
export { findTemplateCallProblems } from './expressions/call-check.js';
export { toInterpolatedString } from './expressions/stringify.js';
export { createJsonHost, type JsonContext, type JsonHostOptions } from './expressions/json-host.js';
export { functionNames } from './functions/library.js';
// Windows and IANA time zone names as flows write them (recurrence triggers use them too)
export { findTimeZone, offsetAt, type TimeZone } from './functions/time-zones.js';

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

// Definitions: validation, the action tree, connection references
export { validateDefinition, type ValidationOptions, type ValidationResult } from './definitions/validate.js';
export {
  type DefinitionProblem,
  type DefinitionProblemCode,
  DEFINITION_PROBLEM_CODES,
  type ProblemSeverity,
  hasErrors,
  sortProblems,
  escapePointerSegment,
} from './definitions/problems.js';
export { listActions, type ActionListing } from './definitions/action-tree.js';
export { collectConnectionReferences, type ConnectionReferenceUse, type ConnectionReferenceKind } from './definitions/connection-references.js';
export { KNOWN_TRIGGER_TYPES, KNOWN_ACTION_TYPES, CONTAINER_ACTION_TYPES } from './definitions/known-types.js';
export { DEFINITION_LIMITS } from './definitions/validate-limits.js';
export { isArmPlaceholder, type ArmContext } from './definitions/arm-placeholders.js';

// Import formats
export { importFlow, detectFormat, type ImportedFlow } from './import/import-flow.js';
export type { ImportFormat, ImportOptions } from './import/extracted.js';
export type { ImportedConnectionReference } from './import/connection-references.js';
