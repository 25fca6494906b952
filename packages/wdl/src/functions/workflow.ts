// Workflow functions: what an expression can read about the run it belongs to. The host
// (the engine, or `brook expr`'s JSON context) answers the basic questions; the shorthands
// (triggerBody, outputs, body, form data, multipart) are derived here.
import { lookupProperty } from '../expressions/access.js';
import { envelopeText, isContentEnvelope } from '../expressions/content.js';
import { describeValue } from '../expressions/errors.js';
import { isPlainObject } from '../expressions/values.js';
import { argumentError, functionError, integerArg, stringArg } from './args.js';
import type { EagerFunction, FunctionContext, WdlFunction } from './registry.js';

/** A property of a record, null when absent (records may come from any JSON). */
function member(record: unknown, name: string): unknown {
  if (!isPlainObject(record)) return null;
  const value = lookupProperty(record, name);
  return typeof value === 'symbol' || value === undefined ? null : value;
}

/** Values of `key` in a form-data or form-encoded body. */
function formValues(body: unknown, key: string): unknown[] {
  if (isPlainObject(body)) {
    const formData = body.$formdata;
    if (Array.isArray(formData)) {
      return formData.filter((entry) => isPlainObject(entry) && entry.key === key).map((entry) => (entry as Record<string, unknown>).value ?? null);
    }
    const parts = body.$multipart;
    if (Array.isArray(parts)) {
      return parts.filter((part) => partName(part) === key).map((part) => (isPlainObject(part) ? (part.body ?? null) : null));
    }
    if (isContentEnvelope(body)) return urlEncodedValues(envelopeText(body), key);
    const value = lookupProperty(body, key);
    if (typeof value === 'symbol' || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  }
  if (typeof body === 'string') return urlEncodedValues(body, key);
  return [];
}

function urlEncodedValues(text: string, key: string): string[] {
  return new URLSearchParams(text).getAll(key);
}

/** The form field name of a multipart part, from its Content-Disposition header. */
function partName(part: unknown): string | undefined {
  const headers = member(part, 'headers');
  const disposition = member(headers, 'Content-Disposition');
  if (typeof disposition !== 'string') return undefined;
  const match = /name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  return match ? (match[1] ?? match[2]) : undefined;
}

function singleFormValue(body: unknown, key: string, source: string, ctx: FunctionContext): unknown {
  const values = formValues(body, key);
  if (values.length === 1) return values[0];
  if (values.length === 0) throw functionError(ctx, `found no form field '${key}' in ${source}.`, 'NotFound');
  throw functionError(ctx, `found ${values.length} values for the form field '${key}' in ${source}; use ${ctx.name.replace('Value', 'MultiValues')}() to get them all.`);
}

function multipartPart(body: unknown, index: number, source: string, ctx: FunctionContext): unknown {
  const parts = member(body, '$multipart');
  if (!Array.isArray(parts)) throw functionError(ctx, `needs a multipart body, but ${source} is ${describeValue(body)} without '$multipart' parts.`, 'ArgumentType');
  if (index < 0 || index >= parts.length) {
    throw argumentError(ctx, ctx.name === 'multipartBody' ? 1 : 0, `is ${index}, but ${source} has ${parts.length} part${parts.length === 1 ? '' : 's'} (indexes 0 to ${parts.length - 1}).`, 'IndexOutOfRange');
  }
  return member(parts[index], 'body');
}

const triggerOutputs = (ctx: FunctionContext): unknown => member(ctx.host.trigger(), 'outputs');
const triggerBody = (ctx: FunctionContext): unknown => member(triggerOutputs(ctx), 'body');
const actionOutputs = (name: string, ctx: FunctionContext): unknown => member(ctx.host.actions(name), 'outputs');
const actionBody = (name: string, ctx: FunctionContext): unknown => member(actionOutputs(name, ctx), 'body');

function workflowFunction(name: string, minArgs: number, maxArgs: number, call: EagerFunction['call']): EagerFunction {
  return { name, category: 'workflow', minArgs, maxArgs, call };
}

export const workflowFunctions: WdlFunction[] = [
  workflowFunction('trigger', 0, 0, (_args, ctx) => ctx.host.trigger()),
  workflowFunction('triggerOutputs', 0, 0, (_args, ctx) => triggerOutputs(ctx)),
  workflowFunction('triggerBody', 0, 0, (_args, ctx) => triggerBody(ctx)),
  workflowFunction('triggerFormDataValue', 1, 1, (args, ctx) => singleFormValue(triggerBody(ctx), stringArg(args, 0, ctx), "the trigger's body", ctx)),
  workflowFunction('triggerFormDataMultiValues', 1, 1, (args, ctx) => formValues(triggerBody(ctx), stringArg(args, 0, ctx))),
  workflowFunction('triggerMultipartBody', 1, 1, (args, ctx) => multipartPart(triggerBody(ctx), integerArg(args, 0, ctx), "the trigger's body", ctx)),
  workflowFunction('actions', 1, 1, (args, ctx) => ctx.host.actions(stringArg(args, 0, ctx))),
  workflowFunction('action', 0, 0, (_args, ctx) => ctx.host.action()),
  workflowFunction('outputs', 1, 1, (args, ctx) => actionOutputs(stringArg(args, 0, ctx), ctx)),
  workflowFunction('actionOutputs', 1, 1, (args, ctx) => actionOutputs(stringArg(args, 0, ctx), ctx)),
  workflowFunction('body', 1, 1, (args, ctx) => actionBody(stringArg(args, 0, ctx), ctx)),
  workflowFunction('actionBody', 1, 1, (args, ctx) => actionBody(stringArg(args, 0, ctx), ctx)),
  workflowFunction('formDataValue', 2, 2, (args, ctx) => {
    const action = stringArg(args, 0, ctx);
    return singleFormValue(actionBody(action, ctx), stringArg(args, 1, ctx), `the body of '${action}'`, ctx);
  }),
  workflowFunction('formDataMultiValues', 2, 2, (args, ctx) => formValues(actionBody(stringArg(args, 0, ctx), ctx), stringArg(args, 1, ctx))),
  workflowFunction('multipartBody', 2, 2, (args, ctx) => {
    const action = stringArg(args, 0, ctx);
    return multipartPart(actionBody(action, ctx), integerArg(args, 1, ctx), `the body of '${action}'`, ctx);
  }),
  workflowFunction('item', 0, 0, (_args, ctx) => ctx.host.item()),
  workflowFunction('items', 1, 1, (args, ctx) => ctx.host.items(stringArg(args, 0, ctx))),
  workflowFunction('iterationIndexes', 1, 1, (args, ctx) => ctx.host.iterationIndexes(stringArg(args, 0, ctx))),
  workflowFunction('result', 1, 1, (args, ctx) => ctx.host.result(stringArg(args, 0, ctx))),
  workflowFunction('parameters', 1, 1, (args, ctx) => ctx.host.parameters(stringArg(args, 0, ctx))),
  workflowFunction('variables', 1, 1, (args, ctx) => ctx.host.variables(stringArg(args, 0, ctx))),
  workflowFunction('workflow', 0, 0, (_args, ctx) => ctx.host.workflow()),
  workflowFunction('listCallbackUrl', 0, 0, (_args, ctx) => ctx.host.listCallbackUrl()),
  workflowFunction('appsetting', 1, 1, (args, ctx) => ctx.host.appsetting(stringArg(args, 0, ctx))),
  // Logic Apps Standard agent workflows: the tools of an Agent action read what the model passed them.
  workflowFunction('agentParameters', 1, 1, (args, ctx) => {
    const name = stringArg(args, 0, ctx);
    throw functionError(ctx, `is only available in the tools of an Agent action, which Brook does not run (asked for '${name}').`, 'NotAvailable');
  }),
];
