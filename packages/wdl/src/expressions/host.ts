// What an expression may ask of the world it runs in. The engine implements this for a
// run; `brook expr` implements it from a JSON context. The function library derives the
// rest (triggerOutputs, triggerBody, outputs, body, formDataValue, …) from these.

export interface ExpressionHost {
  /** Workflow parameter value; throw an ExpressionError when it is not defined. */
  parameters(name: string): unknown;
  /** Variable value (names are case-insensitive); throw when not initialized. */
  variables(name: string): unknown;
  /** The whole trigger record: { name, inputs, outputs, startTime, endTime, status, code, … }. */
  trigger(): unknown;
  /** The record of a named action anywhere in the definition: { name, inputs, outputs, status, code, startTime, endTime, error? }. */
  actions(name: string): unknown;
  /** The current action's record (only in trackedProperties, Until conditions, webhook unsubscribe). */
  action(): unknown;
  /** Current element of the innermost repeating construct (Foreach, Select, Query, Table). */
  item(): unknown;
  /** Current element of the named enclosing Foreach. */
  items(loopName: string): unknown;
  /** Current iteration index of the named enclosing Until/Foreach (0-based). */
  iterationIndexes(loopName: string): number;
  /** Records of the top-level actions of a Scope, Foreach or Until. */
  result(scopeName: string): unknown;
  /** { id, name, type, run: { id, name, type }, tags }. */
  workflow(): unknown;
  /** Callback URL of the current webhook trigger or action. */
  listCallbackUrl(): string;
  /** Logic Apps Standard app settings. */
  appsetting(name: string): unknown;
  /** The clock (utcNow, getFutureTime, …); injectable for tests. */
  now(): Date;
  /** A random number in [0, 1) (rand, guid); injectable for tests. */
  random(): number;
}
