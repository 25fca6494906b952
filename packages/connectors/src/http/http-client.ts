// The HTTP client every outgoing call goes through (connector operations, token
// endpoints, verify calls). It enforces the network policy when it connects, a time
// limit, a size limit on answers, and passes the idempotency key on.
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { HttpCallError, toHttpCallError } from './errors.js';
import { CompiledNetworkPolicy, type NetworkPolicy } from './network-policy.js';
import { resolveAllowedAddress, systemLookup, type AddressLookup } from './resolve-address.js';

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface HttpClientOptions {
  network?: NetworkPolicy;
  /** Whole call, connect to last byte (default 120 s, the limit of a single call in Logic Apps). */
  timeoutMs?: number;
  maxResponseBytes?: number;
  idempotencyHeader?: string;
  userAgent?: string;
  /** Name resolution; tests and unusual setups replace it. */
  lookup?: AddressLookup;
}

export interface HttpRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Sent as the idempotency header unless the request already carries one. */
  idempotencyKey?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

export class HttpClient {
  readonly policy: CompiledNetworkPolicy;
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly idempotencyHeader: string;
  private readonly userAgent: string;

  constructor(options: HttpClientOptions = {}) {
    this.policy = new CompiledNetworkPolicy(options.network);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.idempotencyHeader = options.idempotencyHeader ?? DEFAULT_IDEMPOTENCY_HEADER;
    this.userAgent = options.userAgent ?? 'Brook';
    const lookup = options.lookup ?? systemLookup;
    const connectTimeout = Math.min(this.timeoutMs, 30_000);
    const base = buildConnector({ timeout: connectTimeout });
    const policy = this.policy;
    this.agent = new Agent({
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      // The policy is checked here, on the address the socket connects to.
      connect: (connectOptions, callback) => {
        const hostname = connectOptions.hostname.replace(/^\[|\]$/g, '');
        resolveAllowedAddress(hostname, policy, lookup).then(
          (address) => base({ ...connectOptions, hostname: address, servername: connectOptions.servername ?? (isIP(hostname) ? undefined : hostname) }, callback),
          (error: Error) => callback(error, null),
        );
      },
    });
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const url = parseUrl(request.url);
    const host = url.host;
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const limit = request.maxResponseBytes ?? this.maxResponseBytes;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...request.headers };
    if (request.idempotencyKey && !hasHeader(headers, this.idempotencyHeader)) headers[this.idempotencyHeader] = request.idempotencyKey;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const response = await this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method.toUpperCase(),
        headers,
        body: request.body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (declared > limit) {
        response.body.destroy();
        throw new HttpCallError('too_large', `The answer of ${host} is ${declared} bytes, over the limit of ${limit}.`, { host });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > limit) {
          response.body.destroy();
          throw new HttpCallError('too_large', `The answer of ${host} is over the limit of ${limit} bytes.`, { host });
        }
        chunks.push(chunk as Buffer);
      }
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks) };
    } catch (error) {
      if (timeout.aborted && !(error instanceof HttpCallError)) {
        throw new HttpCallError('timeout', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { host });
      }
      throw toHttpCallError(error, host, timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function parseUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new HttpCallError('invalid_url', `"${String(input).slice(0, 200)}" is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpCallError('invalid_url', `Only http and https URLs can be called, not ${url.protocol}.`, { host: url.host });
  }
  if (url.username || url.password) {
    throw new HttpCallError('invalid_url', `The URL for ${url.host} contains a user name or password; put credentials in a connection instead.`, { host: url.host });
  }
  return url;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
