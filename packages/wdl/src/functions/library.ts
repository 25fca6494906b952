// The function library: every category's list gathered into one table, looked up
// case-insensitively (ADD(INT('1'), 2) works as add(int('1'), 2)).
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { dateTimeFunctions } from './date-time.js';
import { logicalFunctions } from './logical.js';
import { manipulationFunctions } from './manipulation.js';
import { mathFunctions } from './math.js';
import { numberFormatFunctions } from './number-format.js';
import type { WdlFunction } from './registry.js';
import { stringFunctions } from './string.js';
import { uriFunctions } from './uri.js';
import { workflowFunctions } from './workflow.js';
import { xmlFunctions } from './xml.js';

let table: Map<string, WdlFunction> | undefined;

function buildTable(): Map<string, WdlFunction> {
  const byName = new Map<string, WdlFunction>();
  const categories = [
    stringFunctions,
    collectionFunctions,
    logicalFunctions,
    conversionFunctions,
    mathFunctions,
    dateTimeFunctions,
    numberFormatFunctions,
    workflowFunctions,
    uriFunctions,
    manipulationFunctions,
    xmlFunctions,
  ];
  for (const list of categories) {
    for (const fn of list) byName.set(fn.name.toLowerCase(), fn);
  }
  return byName;
}

/** Built on first use, so every category module has finished loading. */
function functionTable(): Map<string, WdlFunction> {
  table ??= buildTable();
  return table;
}

export function lookupFunction(name: string): WdlFunction | undefined {
  return functionTable().get(name.toLowerCase());
}

/** Canonical names of every function in the library, sorted. */
export function functionNames(): string[] {
  return [...functionTable().values()].map((fn) => fn.name).sort((a, b) => a.localeCompare(b));
}
