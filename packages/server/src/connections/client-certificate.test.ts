// An Http action with ClientCertificate authentication, run by the engine over the
// server's guarded client, against a local HTTPS service that requires a client
// certificate (mutual TLS). The certificates are made here with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '@brook/connectors';
import { runDefinition } from '@brook/engine';
import type { WorkflowDefinition } from '@brook/wdl';
import { guardedEngineHttp } from '../app/engine.js';

const PASSWORD = 'pfx-password-3Kd';
let dir: string;
let service: Server;
let url: string;
let pfx: string;
let http: HttpClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'brook-mtls-flow-'));
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'];
  openssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Brook Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-x509', ...key, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-keyout', 'server.key', '-out', 'server.crt', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1');
  openssl('req', '-x509', ...key, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-keyout', 'client.key', '-out', 'client.crt', '-subj', '/CN=orders-client', '-addext', 'extendedKeyUsage=clientAuth');
  openssl('pkcs12', '-export', '-inkey', 'client.key', '-in', 'client.crt', '-out', 'client.pfx', '-passout', `pass:${PASSWORD}`);
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  pfx = readFileSync(join(dir, 'client.pfx')).toString('base64');
  service = createServer({ key: read('server.key'), cert: read('server.crt'), ca: read('ca.crt'), requestCert: true, rejectUnauthorized: true }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ client: (req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? null }));
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(service.address() as AddressInfo).port}/orders`;
  http = new HttpClient({ network: { allowedCidrs: ['127.0.0.1/32'] }, trustedCertificates: [read('ca.crt')] });
});
afterAll(async () => {
  await http.close();
  service.closeAllConnections();
  await new Promise((resolve) => service.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function flow(password: string): WorkflowDefinition {
  return {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    parameters: { pfx: { type: 'SecureString', defaultValue: pfx }, pfxPassword: { type: 'SecureString', defaultValue: password } },
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
    actions: {
      Get_orders: {
        type: 'Http',
        runAfter: {},
        inputs: { method: 'GET', uri: url, authentication: { type: 'ClientCertificate', pfx: "@parameters('pfx')", password: "@parameters('pfxPassword')" } },
      },
    },
  };
}

describe('Http actions with a client certificate on the server', () => {
  it('present the PFX to a service that requires it; the PFX and its password are not recorded', async () => {
    const result = await runDefinition(flow(PASSWORD), { http: guardedEngineHttp(http) });
    const action = result.actions.find((record) => record.name === 'Get_orders');
    expect(action).toMatchObject({ status: 'Succeeded', outputs: { statusCode: 200, body: { client: 'orders-client' } } });
    const recorded = JSON.stringify(result);
    expect(recorded).not.toContain(PASSWORD);
    expect(recorded).not.toContain(pfx.slice(0, 40));
  });

  it('fail with InvalidClientCertificate when the password is wrong, without repeating it', async () => {
    const result = await runDefinition(flow('not-the-password'), { http: guardedEngineHttp(http) });
    const action = result.actions.find((record) => record.name === 'Get_orders');
    expect(action).toMatchObject({ status: 'Failed', error: { code: 'InvalidClientCertificate', category: 'definition' } });
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });
});
