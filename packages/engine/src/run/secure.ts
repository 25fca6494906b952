// Secure inputs/outputs (runtimeConfiguration.secureData) and secrets in recorded values.
// Records show { "$secure": true } in place of secured data; authentication secrets and
// Authorization headers are always masked.
import type { ActionPlan } from '../definition/plan.js';

export const SECURE = Object.freeze({ $secure: true });
export const MASK = '***';

/** Compose, ParseJson and Response only have "secure inputs", which hide their outputs too. */
const INPUTS_HIDE_OUTPUTS = new Set(['compose', 'parsejson', 'response']);

export function secureSettings(action: ActionPlan): { inputs: boolean; outputs: boolean } {
  const properties = action.definition.runtimeConfiguration?.secureData?.properties;
  if (!Array.isArray(properties)) return { inputs: false, outputs: false };
  const inputs = properties.some((p) => String(p).toLowerCase() === 'inputs');
  const outputs = properties.some((p) => String(p).toLowerCase() === 'outputs') || (inputs && INPUTS_HIDE_OUTPUTS.has(action.type));
  return { inputs, outputs };
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
