// Action types Brook executes, by lower-cased type name. Anything else fails its action
// with ActionTypeNotSupported (the run goes on, the process never crashes).
import type { ActionHandler } from './types.js';
import { composeAction } from './compose.js';
import { parseJsonAction } from './parse-json.js';
import { queryAction } from './query.js';
import { selectAction } from './select.js';
import { joinAction } from './join.js';
import { tableAction } from './table.js';
import { initializeVariableAction } from './initialize-variable.js';
import { setVariableAction } from './set-variable.js';
import { decrementVariableAction, incrementVariableAction } from './increment-variable.js';
import { appendToArrayVariableAction, appendToStringVariableAction } from './append-variable.js';
import { ifAction } from './if.js';
import { switchAction } from './switch.js';
import { foreachAction } from './foreach.js';
import { untilAction } from './until.js';
import { scopeAction } from './scope.js';
import { terminateAction } from './terminate.js';
import { waitAction } from './wait.js';
import { responseAction } from './response.js';
import { httpAction } from './http.js';
import { httpWebhookAction } from './http-webhook.js';
import { workflowAction } from './workflow.js';
import { connectionAction } from './connection.js';

const HANDLERS = new Map<string, ActionHandler>([
  ['compose', composeAction],
  ['parsejson', parseJsonAction],
  ['query', queryAction],
  ['select', selectAction],
  ['join', joinAction],
  ['table', tableAction],
  ['initializevariable', initializeVariableAction],
  ['setvariable', setVariableAction],
  ['incrementvariable', incrementVariableAction],
  ['decrementvariable', decrementVariableAction],
  ['appendtoarrayvariable', appendToArrayVariableAction],
  ['appendtostringvariable', appendToStringVariableAction],
  ['if', ifAction],
  ['switch', switchAction],
  ['foreach', foreachAction],
  ['until', untilAction],
  ['scope', scopeAction],
  ['terminate', terminateAction],
  ['wait', waitAction],
  ['response', responseAction],
  ['http', httpAction],
  ['httpwebhook', httpWebhookAction],
  ['workflow', workflowAction],
  ['apiconnection', connectionAction],
  ['openapiconnection', connectionAction],
]);

export function handlerFor(type: string): ActionHandler | undefined {
  return HANDLERS.get(type);
}

export function supportedActionTypes(): string[] {
  return [...HANDLERS.keys()];
}
