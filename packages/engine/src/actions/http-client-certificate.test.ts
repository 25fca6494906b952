// ClientCertificate authentication against a real TLS service that requires a client
// certificate signed by its CA. The certificates are made here with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow, run } from '../testing/harness.js';
import { createFetchHttpClient } from '../http/fetch-client.js';

const PASSWORD = 'pfx-pass-31x';
let dir: string;
let server: Server;
let base: string;
let ca: string;
const pfx: Record<'client' | 'stranger', string> = { client: '', stranger: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'brook-engine-mtls-'));
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'];
  openssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Engine Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-x509', ...key, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-keyout', 'server.key', '-out', 'server.crt', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1');
  openssl('req', '-x509', ...key, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-keyout', 'client.key', '-out', 'client.crt', '-subj', '/CN=brook-client', '-addext', 'extendedKeyUsage=clientAuth');
  openssl('pkcs12', '-export', '-inkey', 'client.key', '-in', 'client.crt', '-out', 'client.pfx', '-passout', `pass:${PASSWORD}`);
  openssl('req', '-x509', ...key, '-keyout', 'stranger.key', '-out', 'stranger.crt', '-subj', '/CN=stranger');
  openssl('pkcs12', '-export', '-inkey', 'stranger.key', '-in', 'stranger.crt', '-out', 'stranger.pfx', '-passout', `pass:${PASSWORD}`);
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  ca = read('ca.crt');
  pfx.client = readFileSync(join(dir, 'client.pfx')).toString('base64');
  pfx.stranger = readFileSync(join(dir, 'stranger.pfx')).toString('base64');
  server = createServer({ key: read('server.key'), cert: read('server.crt'), ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ client: (req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const call = (authentication?: Record<string, unknown>) => ({
  type: 'Http',
  inputs: { method: 'GET', uri: `${base}/whoami`, retryPolicy: { type: 'none' }, ...(authentication ? { authentication } : {}) },
});

describe('Http with ClientCertificate authentication', () => {
  it('presents the certificate to a service that requires one, and never records it', async () => {
    const result = await run(
      flow({
        Cert: call({ type: 'ClientCertificate', pfx: pfx.client, password: PASSWORD }),
        NoCert: call(),
        Stranger: call({ type: 'ClientCertificate', pfx: pfx.stranger, password: PASSWORD }),
        WrongPassword: call({ type: 'ClientCertificate', pfx: pfx.client, password: 'not-it' }),
        NotAPfx: call({ type: 'ClientCertificate', pfx: Buffer.from('-----BEGIN nothing').toString('base64') }),
      }),
      { http: createFetchHttpClient({ trustedCertificates: [ca] }) },
    );
    expect(result.byKey.Cert).toMatchObject({ status: 'Succeeded', outputs: { statusCode: 200, body: { client: 'brook-client' } } });
    expect(result.byKey.Cert?.inputs).toMatchObject({ authentication: { type: 'ClientCertificate', pfx: '***', password: '***' } });
    // The service closes the handshake of a caller without a certificate it trusts.
    expect(result.byKey.NoCert).toMatchObject({ status: 'Failed', error: { category: 'network' } });
    expect(result.byKey.Stranger).toMatchObject({ status: 'Failed', error: { category: 'network' } });
    // A certificate that cannot be opened is named as such before anything is sent.
    expect(result.byKey.WrongPassword?.error).toMatchObject({ code: 'InvalidClientCertificate', category: 'definition' });
    expect(result.byKey.WrongPassword?.error?.message).toContain('the password does not open it');
    expect(result.byKey.NotAPfx?.error).toMatchObject({ code: 'InvalidClientCertificate' });
    expect(result.byKey.NotAPfx?.error?.message).toContain('base64 PFX');
    const recorded = JSON.stringify(result.actions);
    expect(recorded).not.toContain(pfx.client.slice(0, 40));
    expect(recorded).not.toContain(PASSWORD);
  });
});
