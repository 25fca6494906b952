// Masking: what keeps secrets out of recorded action inputs and outputs, error messages
// and log lines. Three nets, applied together:
//   1. credential headers (Authorization, Cookie, X-API-Key, …) and secret-looking keys,
//   2. the connector's declared sensitive fields (a name anywhere, or a path from the root),
//   3. the literal secret values of the connection, wherever they appear in a string
//      (an API key in a query string, a password echoed in an error body).
export const MASK = '***';

/** Header and field names that always hold a credential. Compared case-insensitively. */
export const SENSITIVE_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-apikey',
  'x-auth-token',
  'x-access-token',
  'x-functions-key',
  'ocp-apim-subscription-key',
  'x-ms-apim-tokens',
  'password',
  'passwd',
  'client_secret',
  'clientsecret',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'api_key',
  'code_verifier',
];

const sensitiveNameSet = new Set(SENSITIVE_NAMES);

/** Secret values shorter than this are masked by name only: masking "ab" everywhere would garble text. */
const MIN_MASKED_VALUE_LENGTH = 4;

export interface MaskOptions {
  /** Declared sensitive fields: "password" (that key anywhere) or "body/token", "headers.x-secret" (a path from the root, "*" for any key). */
  sensitiveFields?: readonly string[];
  /** Literal secret values to hide wherever they appear. */
  secretValues?: readonly string[];
}

interface CompiledMask {
  names: Set<string>;
  paths: string[][];
  values: string[];
}

function compile(options: MaskOptions): CompiledMask {
  const names = new Set<string>();
  const paths: string[][] = [];
  for (const field of options.sensitiveFields ?? []) {
    const segments = field.split(/[/.]/).filter(Boolean).map((segment) => segment.toLowerCase());
    if (segments.length === 1 && segments[0] !== undefined) names.add(segments[0]);
    else if (segments.length > 1) paths.push(segments);
  }
  const values = [...new Set(options.secretValues ?? [])]
    .filter((value) => typeof value === 'string' && value.length >= MIN_MASKED_VALUE_LENGTH)
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return { names, paths, values };
}

function isSensitiveKey(key: string, path: string[], mask: CompiledMask): boolean {
  const lower = key.toLowerCase();
  // A definition's flattened parameter ("body/item/secretCode") is judged by its last segment and as a path.
  const segments = lower.includes('/') ? lower.split('/').filter(Boolean) : [lower];
  const name = segments[segments.length - 1] ?? lower;
  if (sensitiveNameSet.has(name) || mask.names.has(name)) return true;
  const full = [...path, ...segments];
  return mask.paths.some((pattern) => pattern.length === full.length && pattern.every((segment, i) => segment === '*' || segment === full[i]));
}

const SENSITIVE_QUERY = /([?&](?:api[_-]?key|apikey|key|access_token|refresh_token|token|client_secret|password|code|sig|signature)=)[^&#]*/gi;

/** Hides secret values, credential query parameters and URL user info in a piece of text. */
export function maskText(text: string, options: MaskOptions | readonly string[] = {}): string {
  const mask = Array.isArray(options) ? compile({ secretValues: options as readonly string[] }) : compile(options as MaskOptions);
  return maskString(text, mask);
}

function maskString(text: string, mask: CompiledMask): string {
  let result = text;
  for (const value of mask.values) if (result.includes(value)) result = result.split(value).join(MASK);
  if (result.includes('://')) {
    result = result.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@:]*:[^/\s@]*@/gi, `$1${MASK}@`).replace(SENSITIVE_QUERY, `$1${MASK}`);
  }
  return result;
}

function maskValue(value: unknown, path: string[], mask: CompiledMask, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskString(value, mask);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, path, mask, seen));
  if (value instanceof Uint8Array) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    result[key] = isSensitiveKey(key, path, mask) && child !== undefined && child !== null && child !== '' ? MASK : maskValue(child, [...path, key.toLowerCase()], mask, seen);
  }
  return result;
}

/** A copy of `value` with every secret replaced by "***". The input is not changed. */
export function maskSecrets<T>(value: T, options: MaskOptions = {}): T {
  return maskValue(value, [], compile(options), new WeakSet()) as T;
}

/**
 * The text values `maskSecrets` would hide by their field's name or path (strings of at
 * least 4 characters, and every string under such a field), so a record kept elsewhere
 * can hide them by value.
 */
export function sensitiveValues(value: unknown, options: Pick<MaskOptions, 'sensitiveFields'> = {}): string[] {
  const mask = compile(options);
  const found = new Set<string>();
  const collectAll = (node: unknown, depth: number): void => {
    if (typeof node === 'string') {
      if (node.length >= MIN_MASKED_VALUE_LENGTH) found.add(node);
    } else if (typeof node === 'number') {
      if (String(node).length >= MIN_MASKED_VALUE_LENGTH) found.add(String(node));
    } else if (node !== null && typeof node === 'object' && depth < 40 && !(node instanceof Uint8Array)) {
      for (const child of Object.values(node)) collectAll(child, depth + 1);
    }
  };
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > 40 || node instanceof Uint8Array) return;
    if (Array.isArray(node)) return node.forEach((item) => walk(item, path, depth + 1));
    for (const [key, child] of Object.entries(node)) {
      if (isSensitiveKey(key, path, mask)) collectAll(child, depth + 1);
      else walk(child, [...path, key.toLowerCase()], depth + 1);
    }
  };
  walk(value, [], 0);
  return [...found];
}

/**
 * Paths for pino's `redact` option: the credential headers of logged requests and the
 * secret fields of logged objects, one and two levels deep.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["proxy-authorization"]',
  'headers.cookie',
  'headers["x-api-key"]',
  'secrets',
  '*.secrets',
  'password',
  '*.password',
  'clientSecret',
  '*.clientSecret',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'sealed',
  '*.sealed',
];

/** Ready to spread into pino's options: `pino({ redact: LOG_REDACTION })`. */
export const LOG_REDACTION = { paths: [...LOG_REDACT_PATHS], censor: MASK } as const;
