import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpCallError } from './errors.js';
import { HttpClient } from './http-client.js';
import { decodeResponseBody } from './response-body.js';

let server: Server;
let base: string;
let port: number;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req);
    if (req.url === '/hang') return; // never answers
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(4096, 1));
      return;
    }
    if (req.url === '/chunked-big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write('x'.repeat(1024));
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ method: req.method, url: req.url, key: req.headers['idempotency-key'] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function callError(client: HttpClient, url: string, extra: { timeoutMs?: number; maxResponseBytes?: number } = {}): Promise<HttpCallError> {
  try {
    await client.request({ method: 'GET', url, ...extra });
  } catch (error) {
    expect(error).toBeInstanceOf(HttpCallError);
    return error as HttpCallError;
  }
  throw new Error('expected the call to fail');
}

describe('guarded HTTP client', () => {
  const allowed = new HttpClient({ network: { allowedCidrs: ['127.0.0.1/32'] } });
  afterAll(() => allowed.close());

  it('calls a loopback server once 127.0.0.1 is allowed, and passes the idempotency key', async () => {
    const response = await allowed.request({ method: 'post', url: `${base}/orders?x=1`, body: '{}', idempotencyKey: 'run1-act2-0' });
    expect(response.status).toBe(200);
    expect(decodeResponseBody(response.headers, response.body)).toEqual({ method: 'POST', url: '/orders?x=1', key: 'run1-act2-0' });
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('keeps an idempotency header the caller set', async () => {
    const response = await allowed.request({ method: 'GET', url: base, headers: { 'Idempotency-Key': 'mine' }, idempotencyKey: 'derived' });
    expect(decodeResponseBody(response.headers, response.body)).toMatchObject({ key: 'mine' });
  });

  it('refuses loopback by default, before any byte is sent', async () => {
    const strict = new HttpClient();
    const before = seen.length;
    const error = await callError(strict, `${base}/`);
    expect(error.kind).toBe('blocked');
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(seen.length).toBe(before);
    await strict.close();
  });

  it('refuses a name that resolves to the metadata service, even with private networks allowed', async () => {
    const client = new HttpClient({ network: { allowPrivateNetworks: true }, lookup: async () => [{ address: '169.254.169.254', family: 4 }] });
    const error = await callError(client, 'http://metadata.example.test/latest/meta-data/');
    expect(error.kind).toBe('blocked');
    expect(error.message).toMatch(/metadata\.example\.test resolves to an address Brook may not call: 169\.254\.169\.254 is a cloud metadata address/);
    await client.close();
  });

  it('connects to the checked address of a name (no second resolution)', async () => {
    let lookups = 0;
    const client = new HttpClient({
      network: { allowedCidrs: ['127.0.0.1/32'] },
      lookup: async () => {
        lookups += 1;
        return lookups === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '169.254.169.254', family: 4 }];
      },
    });
    const response = await client.request({ method: 'GET', url: `http://service.example.test:${port}/a` });
    expect(response.status).toBe(200);
    expect(lookups).toBe(1);
    await client.close();
  });

  it('stops answers over the size limit, declared or streamed', async () => {
    expect((await callError(allowed, `${base}/big`, { maxResponseBytes: 1000 })).kind).toBe('too_large');
    expect((await callError(allowed, `${base}/chunked-big`, { maxResponseBytes: 2000 })).kind).toBe('too_large');
  });

  it('gives up on a server that does not answer in time', async () => {
    const error = await callError(allowed, `${base}/hang`, { timeoutMs: 300 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within/);
  });

  it('names refused connections, unknown names and bad URLs', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await callError(allowed, `http://127.0.0.1:${closedPort}/`)).kind).toBe('refused');
    const noDns = new HttpClient({ lookup: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) });
    const dnsError = await callError(noDns, 'https://no-such-host.example.test/');
    expect(dnsError.kind).toBe('dns');
    expect(dnsError.message).toContain('no-such-host.example.test');
    await noDns.close();
    expect((await callError(allowed, 'ftp://example.test/')).kind).toBe('invalid_url');
    expect((await callError(allowed, 'not a url')).kind).toBe('invalid_url');
    expect((await callError(allowed, `http://alice:pw@127.0.0.1:${port}/`)).message).not.toContain('pw');
  });
});

describe('response bodies', () => {
  it('follows the Logic Apps convention', () => {
    expect(decodeResponseBody({ 'content-type': 'application/json; charset=utf-8' }, Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(decodeResponseBody({ 'content-type': 'application/problem+json' }, Buffer.from('{"b":2}'))).toEqual({ b: 2 });
    expect(decodeResponseBody({ 'content-type': 'text/plain' }, Buffer.from('hi'))).toBe('hi');
    expect(decodeResponseBody({ 'content-type': 'image/png' }, Buffer.from([1, 2]))).toEqual({ '$content-type': 'image/png', $content: 'AQI=' });
    expect(decodeResponseBody({}, Buffer.alloc(0))).toBeNull();
  });
});
