// A small client of Brook's REST API for scripts and the `brook` command: an API token
// (BROOK_TOKEN) against a server (BROOK_URL). Errors carry the API's code, message and
// the fields it named.
export interface ErrorDetail {
  path: string;
  message: string;
}

export class BrookApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'BrookApiError';
  }
}

export interface BrookClientOptions {
  url: string;
  token?: string;
  /** Per-request time limit (default 60 s). */
  timeoutMs?: number;
}

/** Reads BROOK_URL (default http://127.0.0.1:7420) and BROOK_TOKEN. */
export function clientOptionsFromEnv(env: Record<string, string | undefined> = process.env): BrookClientOptions {
  return { url: env.BROOK_URL ?? 'http://127.0.0.1:7420', ...(env.BROOK_TOKEN ? { token: env.BROOK_TOKEN } : {}) };
}

export class BrookClient {
  private readonly base: string;

  constructor(private readonly options: BrookClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new BrookApiError(0, 'Unreachable', `Brook at ${this.base} cannot be reached${cause ? ` (${cause})` : ''}. Is it running? Set BROOK_URL to its address.`);
    }
    const text = await response.text();
    const parsed: unknown = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
      const hint = response.status === 401 && !this.options.token ? ' Create an API token in the portal (Settings, Profile) and set BROOK_TOKEN.' : '';
      throw new BrookApiError(response.status, error?.code ?? `Http${response.status}`, `${error?.message ?? `${response.status} ${response.statusText}`}${hint}`, error?.details ?? []);
    }
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}

/** A failure of a client command as a person reads it: the message, then each field it names. */
export function describeApiError(error: unknown): string {
  if (error instanceof BrookApiError) {
    return [`brook: ${error.message}`, ...error.details.slice(0, 20).map((detail) => `  ${detail.path || '/'}: ${detail.message}`)].join('\n');
  }
  return `brook: ${error instanceof Error ? error.message : String(error)}`;
}
