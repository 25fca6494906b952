// Secure inputs/outputs (runtimeConfiguration.secureData) and secrets in recorded values.
// Records show { "$secure": true } in place of secured data; authentication secrets and
// Authorization headers are always masked.
import type { ActionPlan } from '../definition/plan.js';

export const SECURE = Object.freeze({ $secure: true });
export const MASK = '***';

/** Compose, ParseJson and Response only have "secure inputs", which hide their outputs too. */
const INPUTS_HIDE_OUTPUTS = new Set(['compose', 'parsejson', 'response']);

export interface SecureSettings {
  inputs: boolean;
  outputs: boolean;
}

/** An action's (or trigger's) own runtimeConfiguration.secureData; `type` lower-cased. */
export function secureSettingsOf(type: string, definition: { runtimeConfiguration?: { secureData?: { properties?: unknown } } }): SecureSettings {
  const properties = definition.runtimeConfiguration?.secureData?.properties;
  if (!Array.isArray(properties)) return { inputs: false, outputs: false };
  const inputs = properties.some((p) => String(p).toLowerCase() === 'inputs');
  const outputs = properties.some((p) => String(p).toLowerCase() === 'outputs') || (inputs && INPUTS_HIDE_OUTPUTS.has(type));
  return { inputs, outputs };
}

/**
 * What the record of an action hides (wdl.md 6.3): its own settings, plus, when its
 * expressions read secured data (`tainted`), its inputs, and for Compose, ParseJson and
 * Response its outputs too. What those three output is not secured further downstream.
 */
export function hiddenParts(action: ActionPlan, tainted: boolean): SecureSettings {
  if (!tainted) return action.secure;
  return { inputs: true, outputs: action.secure.outputs || INPUTS_HIDE_OUTPUTS.has(action.type) };
}

const SECRET_KEYS = new Set(['password', 'secret', 'pfx', 'value', 'clientsecret', 'client_secret', 'token', 'apikey']);
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-functions-key', 'ocp-apim-subscription-key']);

/** Masks the secrets of an `authentication` object: everything but its type and public names. */
export function maskAuthentication(auth: unknown): unknown {
  if (auth === null || typeof auth !== 'object' || Array.isArray(auth)) return typeof auth === 'string' && auth.length > 0 ? MASK : auth;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(auth)) out[key] = SECRET_KEYS.has(key.toLowerCase()) ? MASK : value;
  return out;
}

export function maskHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return headers;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? MASK : value;
  return out;
}

/** The values of securestring and secureobject parameters: they never appear in a record. */
export function secureParameterValues(parameters: Record<string, { type?: unknown; value?: unknown; defaultValue?: unknown }> | undefined): string[] {
  const secrets = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length >= 3) secrets.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(collect);
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  for (const parameter of Object.values(parameters ?? {})) {
    const type = String(parameter?.type ?? '').toLowerCase();
    if (type === 'securestring' || type === 'secureobject') collect(parameter.value !== undefined ? parameter.value : parameter.defaultValue);
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** `value` with every occurrence of a secret replaced by '***' (strings, keys left alone). */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const mask = (inner: unknown): unknown => {
    if (typeof inner === 'string') {
      let text = inner;
      for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(MASK);
      return text;
    }
    if (Array.isArray(inner)) return inner.map(mask);
    if (inner !== null && typeof inner === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(inner)) out[key] = mask(member);
      return out;
    }
    return inner;
  };
  return mask(value) as T;
}
