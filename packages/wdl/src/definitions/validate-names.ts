// Trigger and action names: non-empty and at most 80 characters (service limit).
import { error, type DefinitionProblem } from './problems.js';

export const MAX_NAME_LENGTH = 80;

export function validateName(name: string, path: string, what: 'trigger' | 'action'): DefinitionProblem[] {
  if (name.trim() === '') {
    return [error(path, 'InvalidName', `A ${what} has an empty name. Give it a name such as "Get_item"; expressions refer to ${what}s by name.`)];
  }
  if (name.length > MAX_NAME_LENGTH) {
    return [error(path, 'InvalidName', `The ${what} name '${name.slice(0, 40)}…' is ${name.length} characters long; names can have at most ${MAX_NAME_LENGTH}. Shorten it, and update the expressions that refer to it.`)];
  }
  return [];
}
