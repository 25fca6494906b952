// The email connector against a real SMTP server (smtp-server), messages read back with
// mailparser: verify logs in, SendEmail delivers, a changed password flags the connection.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSetup, type TestSetup } from '../testing/test-manager.js';

let server: SMTPServer;
let url: string;
let password = 'mail-Passw0rd-1';
const received: ParsedMail[] = [];
let setup: TestSetup;

beforeAll(async () => {
  server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'brook' && auth.password === password) callback(null, { user: 'brook' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  setup = testSetup();
});
afterAll(async () => {
  await setup.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function mailConnection(): Promise<string> {
  const { connection, verification } = await setup.manager.create({
    ownerId: 'u1',
    name: 'Team mail',
    connectorId: 'smtp',
    parameters: { url, username: 'brook', from: 'Brook <brook@example.test>' },
    secrets: { password },
  });
  expect(verification).toMatchObject({ ok: true, status: 'connected' });
  return connection.id;
}

describe('the email (SMTP) connector', () => {
  it('sends a message the server receives', async () => {
    const id = await mailConnection();
    const result = await setup.manager.invokeOperation(id, 'SendEmail', {
      to: 'ops@example.test; lead@example.test',
      cc: 'audit@example.test',
      subject: 'Flow "Orders" failed',
      body: '<p>Run <b>42</b> failed.</p>',
      isHtml: true,
      importance: 'High',
    });
    expect(result.outcome).toBe('succeeded');
    if (result.outcome !== 'succeeded') return;
    expect(result.outputs.body).toMatchObject({ accepted: ['ops@example.test', 'lead@example.test', 'audit@example.test'], rejected: [] });
    const mail = received.at(-1)!;
    expect(mail.subject).toBe('Flow "Orders" failed');
    expect(mail.html).toContain('<b>42</b>');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Brook', address: 'brook@example.test' });
    expect([mail.to].flat().map((address) => address?.text)).toEqual(['ops@example.test, lead@example.test']);
    expect(mail.headers.get('priority')).toBe('high');
    expect(JSON.stringify(result.recorded)).not.toContain(password);
  });

  it('a changed mail password fails as authentication with "Verify password", and verifying the new one fixes it', async () => {
    const id = await mailConnection();
    password = 'mail-Passw0rd-2';
    const failed = await setup.manager.invokeOperation(id, 'SendEmail', { to: 'ops@example.test', subject: 'x', body: 'y' });
    expect(failed.outcome).toBe('failed');
    if (failed.outcome !== 'failed') return;
    expect(failed.error).toMatchObject({ code: 'Unauthorized', category: 'authentication', status: 535, connectionId: id });
    expect(failed.error.remedy.steps[2]).toBe('Click Verify password and enter the new password.');
    expect(failed.connectionStatusChange?.status).toBe('unauthenticated');
    expect((await setup.manager.get(id))?.status).toBe('unauthenticated');
    expect(await setup.manager.verify(id, { secrets: { password: 'mail-Passw0rd-2' } })).toMatchObject({ ok: true, kept: true });
    const count = received.length;
    expect((await setup.manager.invokeOperation(id, 'SendEmail', { to: 'ops@example.test', subject: 'again', body: 'works' })).outcome).toBe('succeeded');
    expect(received.length).toBe(count + 1);
  });

  it('names a missing recipient and refuses mail servers on addresses that are not allowed', async () => {
    const id = await mailConnection();
    const missing = await setup.manager.invokeOperation(id, 'SendEmail', { subject: 'no one' });
    expect(missing.outcome === 'failed' && missing.error).toMatchObject({ code: 'MissingRequiredProperty', category: 'definition' });
    const strict = setup.secondProcess({ network: {} });
    const blocked = await strict.verify(id);
    expect(blocked).toMatchObject({ ok: false, status: 'error' });
    expect(blocked.message).toMatch(/127\.0\.0\.1 is a loopback address/);
  });
});
