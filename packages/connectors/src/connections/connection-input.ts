// Checking what a person gives for a connection: known parameter names, secrets only in
// `secrets` (they are write-only), required values present. Each problem names its field.
import type { ConnectorParameter } from '../definitions/types.js';

export interface InputProblem {
  /** "parameters.baseUrl", "secrets.password", "authType" … */
  path: string;
  message: string;
}

export class ConnectionInputError extends Error {
  override readonly name = 'ConnectionInputError';
  constructor(readonly details: InputProblem[]) {
    super(details.map((detail) => `${detail.path}: ${detail.message}`).join('\n'));
  }
}

export interface CheckedInput {
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
}

/**
 * Merges `given` over `current` and checks the result against `declared`.
 * Empty strings clear a value. Throws ConnectionInputError with every problem at once.
 */
export function checkConnectionInput(
  declared: ConnectorParameter[],
  given: { parameters?: Record<string, unknown>; secrets?: Record<string, unknown> },
  current: CheckedInput = { parameters: {}, secrets: {} },
): CheckedInput {
  const problems: InputProblem[] = [];
  const byName = new Map(declared.map((parameter) => [parameter.name, parameter]));
  const known = declared.map((parameter) => parameter.name).join(', ') || 'none';
  const parameters = { ...current.parameters };
  const secrets = { ...current.secrets };
  for (const [name, value] of Object.entries(given.parameters ?? {})) {
    const parameter = byName.get(name);
    if (!parameter) problems.push({ path: `parameters.${name}`, message: `Not a parameter of this connector; it takes ${known}.` });
    else if (parameter.secret) problems.push({ path: `parameters.${name}`, message: `${parameter.label} is secret: send it in "secrets", never in "parameters".` });
    else if (value === '' || value === null || value === undefined) delete parameters[name];
    else if (parameter.options && !parameter.options.includes(String(value))) problems.push({ path: `parameters.${name}`, message: `Must be one of ${parameter.options.join(', ')}.` });
    else parameters[name] = value;
  }
  for (const [name, value] of Object.entries(given.secrets ?? {})) {
    const parameter = byName.get(name);
    if (!parameter) problems.push({ path: `secrets.${name}`, message: `Not a parameter of this connector; it takes ${known}.` });
    else if (!parameter.secret) {
      // A non-secret value sent as a secret is harmless: keep it where it belongs.
      if (value === '' || value === null || value === undefined) delete parameters[name];
      else parameters[name] = value;
    } else if (value === '' || value === null || value === undefined) delete secrets[name];
    else if (typeof value !== 'string') problems.push({ path: `secrets.${name}`, message: `${parameter.label} must be text.` });
    else secrets[name] = value;
  }
  for (const parameter of declared) {
    if (!parameter.required || parameter.default !== undefined) continue;
    const has = parameter.secret ? secrets[parameter.name] !== undefined : parameters[parameter.name] !== undefined;
    if (!has) problems.push({ path: `${parameter.secret ? 'secrets' : 'parameters'}.${parameter.name}`, message: `${parameter.label} is required.` });
  }
  for (const name of ['baseUrl', 'url']) {
    const value = parameters[name];
    if (typeof value === 'string' && byName.has(name) && !/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(value)) {
      problems.push({ path: `parameters.${name}`, message: `"${value}" is not an absolute URL such as https://api.example.com.` });
    }
  }
  if (problems.length > 0) throw new ConnectionInputError(problems);
  return { parameters, secrets };
}

/** Parameter defaults, then the connection's parameters, then its secrets. */
export function effectiveValues(declared: ConnectorParameter[], input: CheckedInput): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const parameter of declared) if (parameter.default !== undefined) values[parameter.name] = parameter.default;
  return { ...values, ...input.parameters, ...input.secrets };
}
