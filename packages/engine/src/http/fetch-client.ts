// A plain HttpClient on undici for `brook run` and tests. The server gives the engine
// the SSRF-guarded client of @brook/connectors instead.
import { Agent, request, type Dispatcher } from 'undici';
import type { HttpClient, HttpRequest, HttpResponse } from '../ports.js';

export interface FetchHttpClientOptions {
  /** PEM certificates of the authorities to trust, in place of the system's (a private CA). */
  trustedCertificates?: string[];
}

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`No answer within ${Math.round(ms / 1000)} s.`);
    this.name = 'TimeoutError';
  }
}

export function createFetchHttpClient(clientOptions: FetchHttpClientOptions = {}): HttpClient {
  const ca = clientOptions.trustedCertificates;
  const plain = ca ? new Agent({ connect: { ca } }) : undefined;
  // One agent (one TLS identity, its own connections) per client certificate.
  const certificateAgents = new Map<string, Agent>();
  const agentFor = (certificate: NonNullable<HttpRequest['clientCertificate']>): Agent => {
    const key = `${Buffer.from(certificate.pfx).toString('base64')}:${certificate.passphrase ?? ''}`;
    let agent = certificateAgents.get(key);
    if (!agent) {
      agent = new Agent({ connect: { pfx: Buffer.from(certificate.pfx), passphrase: certificate.passphrase, ...(ca ? { ca } : {}) } });
      certificateAgents.set(key, agent);
    }
    return agent;
  };
  return {
    async send(req: HttpRequest): Promise<HttpResponse> {
      const timeout = AbortSignal.timeout(req.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      const options: { method: Dispatcher.HttpMethod; headers: Record<string, string>; body?: string | Uint8Array; signal: AbortSignal; dispatcher?: Dispatcher } = {
        method: req.method.toUpperCase(),
        headers: req.headers,
        signal,
      };
      if (req.body !== undefined) options.body = req.body;
      if (req.clientCertificate) options.dispatcher = agentFor(req.clientCertificate);
      else if (plain) options.dispatcher = plain;
      try {
        const response = await request(req.url, options);
        const body = new Uint8Array(await response.body.arrayBuffer());
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
        return { status: response.statusCode, headers, body };
      } catch (error) {
        if (timeout.aborted && !req.signal?.aborted) throw new TimeoutError(req.timeoutMs);
        throw error;
      }
    },
  };
}
