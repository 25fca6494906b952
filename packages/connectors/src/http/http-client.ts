// The HTTP client every outgoing call goes through (connector operations, token
// endpoints, verify calls). It enforces the network policy when it connects, a time
// limit, a size limit on answers, and passes the idempotency key on.
import { rootCertificates } from 'node:tls';
import type { Agent } from 'undici';
import { clientCertificateContext, clientCertificateKey, type ClientCertificate } from './client-certificate.js';
import { HttpCallError, toHttpCallError } from './errors.js';
import { guardedAgent } from './guarded-agent.js';
import { CompiledNetworkPolicy, type NetworkPolicy } from './network-policy.js';
import { systemLookup, type AddressLookup } from './resolve-address.js';

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Distinct client certificates whose connections are kept open at once. */
const CERTIFICATE_AGENTS = 16;

export interface HttpClientOptions {
  network?: NetworkPolicy;
  /** Whole call, connect to last byte (default 120 s, the limit of a single call in Logic Apps). */
  timeoutMs?: number;
  maxResponseBytes?: number;
  idempotencyHeader?: string;
  userAgent?: string;
  /** Name resolution; tests and unusual setups replace it. */
  lookup?: AddressLookup;
  /** Extra CA certificates (PEM) trusted besides the public roots, e.g. an internal CA. */
  trustedCertificates?: readonly string[];
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
  /** Presented to the service when it asks for one (mutual TLS). */
  clientCertificate?: ClientCertificate;
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
  /** One agent per client certificate, most recently used last. */
  private readonly certificateAgents = new Map<string, Agent>();
  private readonly lookup: AddressLookup;
  private readonly trustedCertificates: readonly string[];
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
    this.lookup = options.lookup ?? systemLookup;
    this.trustedCertificates = options.trustedCertificates ?? [];
    this.agent = guardedAgent({ policy: this.policy, lookup: this.lookup, timeoutMs: this.timeoutMs, ...(this.trustedCertificates.length > 0 ? { tls: { ca: [...rootCertificates, ...this.trustedCertificates] } } : {}) });
  }

  /** The agent that presents `certificate` (same network policy, its own TLS context). */
  private agentFor(certificate: ClientCertificate | undefined, host: string): Agent {
    if (!certificate) return this.agent;
    const key = clientCertificateKey(certificate);
    let agent = this.certificateAgents.get(key);
    if (agent) this.certificateAgents.delete(key);
    else {
      const secureContext = clientCertificateContext(certificate, this.trustedCertificates, host);
      agent = guardedAgent({ policy: this.policy, lookup: this.lookup, timeoutMs: this.timeoutMs, tls: { secureContext } });
      if (this.certificateAgents.size >= CERTIFICATE_AGENTS) {
        const [oldestKey, oldest] = this.certificateAgents.entries().next().value as [string, Agent];
        this.certificateAgents.delete(oldestKey);
        void oldest.close().catch(() => undefined);
      }
    }
    this.certificateAgents.set(key, agent);
    return agent;
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
      const response = await this.agentFor(request.clientCertificate, host).request({
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
      const failure = toHttpCallError(error, host, timeoutMs);
      // A service that refuses the certificate ends the handshake, or (TLS 1.3) closes the connection just after it.
      if (request.clientCertificate && (failure.kind === 'tls' || failure.kind === 'reset')) {
        const why = failure.kind === 'tls' ? "the service's certificate is not trusted, or it refused the client certificate" : 'a service that requires client certificates closes the connection when it refused the one presented';
        throw new HttpCallError(failure.kind, `${failure.message.replace(/\.$/, '')}: ${why}.`, failure.detail);
      }
      throw failure;
    }
  }

  async close(): Promise<void> {
    const agents = [this.agent, ...this.certificateAgents.values()];
    this.certificateAgents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
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
