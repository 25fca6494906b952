// Mutual TLS through the guarded client: a local HTTPS service that requires a client
// certificate signed by its CA. The certificates are made here with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyError } from '../classification/classify-error.js';
import { HttpCallError } from './errors.js';
import { HttpClient } from './http-client.js';

const PFX_PASSWORD = 'pfx-password-7Qe';

interface Certificates {
  caCert: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
  clientPfx: Buffer;
  /** A client certificate the service's CA did not sign. */
  strangerPfx: Buffer;
}

function makeCertificates(dir: string): Certificates {
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'];
  openssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Brook Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-x509', ...key, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-keyout', 'server.key', '-out', 'server.crt', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
  openssl('req', '-x509', ...key, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-keyout', 'client.key', '-out', 'client.crt', '-subj', '/CN=brook-client', '-addext', 'extendedKeyUsage=clientAuth');
  openssl('pkcs12', '-export', '-inkey', 'client.key', '-in', 'client.crt', '-out', 'client.pfx', '-passout', `pass:${PFX_PASSWORD}`);
  openssl('req', '-x509', ...key, '-keyout', 'stranger.key', '-out', 'stranger.crt', '-subj', '/CN=stranger');
  openssl('pkcs12', '-export', '-inkey', 'stranger.key', '-in', 'stranger.crt', '-out', 'stranger.pfx', '-passout', `pass:${PFX_PASSWORD}`);
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  return {
    caCert: read('ca.crt'),
    serverKey: read('server.key'),
    serverCert: read('server.crt'),
    clientKey: read('client.key'),
    clientCert: read('client.crt'),
    clientPfx: readFileSync(join(dir, 'client.pfx')),
    strangerPfx: readFileSync(join(dir, 'stranger.pfx')),
  };
}

let dir: string;
let certs: Certificates;
let server: Server;
let base: string;
let connections = 0;
let client: HttpClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'brook-mtls-'));
  certs = makeCertificates(dir);
  server = createServer({ key: certs.serverKey, cert: certs.serverCert, ca: certs.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ client: peer.subject?.CN ?? null, path: req.url }));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new HttpClient({ network: { allowedCidrs: ['127.0.0.1/32'] }, trustedCertificates: [certs.caCert] });
});
afterAll(async () => {
  await client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function failure(call: Promise<unknown>): Promise<HttpCallError> {
  const error = await call.then(
    () => expect.fail('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HttpCallError);
  return error as HttpCallError;
}

describe('client certificates', () => {
  it('presents a PFX with its password to a service that requires one', async () => {
    for (const path of ['/orders', '/orders/2']) {
      const response = await client.request({ method: 'GET', url: `${base}${path}`, clientCertificate: { pfx: certs.clientPfx, passphrase: PFX_PASSWORD } });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ client: 'brook-client', path });
    }
  });

  it('presents a PEM certificate and key', async () => {
    const response = await client.request({ method: 'GET', url: `${base}/pem`, clientCertificate: { cert: certs.clientCert, key: certs.clientKey } });
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ client: 'brook-client', path: '/pem' });
  });

  it('fails as a secure-connection failure without a certificate, or with one the service does not trust', async () => {
    for (const clientCertificate of [undefined, { pfx: certs.strangerPfx, passphrase: PFX_PASSWORD }]) {
      const error = await failure(client.request({ method: 'GET', url: `${base}/`, ...(clientCertificate ? { clientCertificate } : {}) }));
      // TLS 1.3 reports the refusal as an alert or as a dropped connection, depending on timing.
      expect(['tls', 'reset']).toContain(error.kind);
      if (clientCertificate) expect(error.message).toMatch(/refused the (client certificate|one presented)/);
    }
  });

  it('says the PFX does not open when its password is wrong, without repeating it, before connecting', async () => {
    const before = connections;
    const error = await failure(client.request({ method: 'GET', url: `${base}/`, clientCertificate: { pfx: certs.clientPfx, passphrase: 'not-the-password' } }));
    expect(error.kind).toBe('client_certificate');
    expect(error.message).toMatch(/The client certificate \(PFX\) could not be opened .*the password is right/);
    expect(error.message).not.toContain('not-the-password');
    expect(classifyError(error)).toMatchObject({ code: 'InvalidClientCertificate', category: 'definition', retryable: false });
    const garbage = await failure(client.request({ method: 'GET', url: `${base}/`, clientCertificate: { pfx: Buffer.from('not a pfx') } }));
    expect(garbage.kind).toBe('client_certificate');
    expect(connections).toBe(before);
  });

  it('keeps the network policy: a certificate does not open loopback or the metadata service', async () => {
    const strict = new HttpClient({ trustedCertificates: [certs.caCert] });
    const before = connections;
    const clientCertificate = { pfx: certs.clientPfx, passphrase: PFX_PASSWORD };
    const loopback = await failure(strict.request({ method: 'GET', url: `${base}/`, clientCertificate }));
    expect(loopback.kind).toBe('blocked');
    expect(loopback.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    const metadata = new HttpClient({ network: { allowPrivateNetworks: true }, lookup: async () => [{ address: '169.254.169.254', family: 4 }] });
    const refused = await failure(metadata.request({ method: 'GET', url: 'https://metadata.example.test/', clientCertificate }));
    expect(refused.message).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
    expect(connections).toBe(before);
    await Promise.all([strict.close(), metadata.close()]);
  });
});
