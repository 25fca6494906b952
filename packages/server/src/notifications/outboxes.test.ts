// The operator's notification destinations pass the network policy like every outgoing
// call: on this machine is fine (they are the operator's own), link-local and metadata
// addresses never; the webhook follows no redirect.
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '@brook/store';
import { startMailbox, type Mailbox } from '../testing/mailbox.js';
import { createSmtpOutbox, createWebhookOutbox, type Notice } from './outboxes.js';

const logger = pino({ level: 'silent' });
const user: UserRecord = { id: 'usr_1', email: 'ada@example.org', name: 'Ada', role: 'maker', passwordHash: 'x', createdAt: 0 };
const notice: Notice = { kind: 'flow-failing', title: "Flow 'Orders' is failing", message: 'The order system said no.', link: '/runs/run_1' };

describe('notification outboxes', () => {
  let mailbox: Mailbox;
  let redirector: Server;
  let redirectorUrl: string;

  beforeAll(async () => {
    mailbox = await startMailbox();
    redirector = createServer((_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    redirectorUrl = `http://127.0.0.1:${(redirector.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await mailbox.close();
    await new Promise((resolve) => redirector.close(resolve));
  });

  it('e-mails through an SMTP server on this machine, never through a metadata address', async () => {
    const local = createSmtpOutbox(mailbox.url, 'Brook <brook@localhost>', logger);
    await local.deliver(user, notice, 'http://brook.example.org/runs/run_1');
    expect(mailbox.mails.at(-1)).toMatchObject({ to: 'ada@example.org', subject: "[Brook] Flow 'Orders' is failing" });
    const metadata = createSmtpOutbox('smtp://169.254.169.254:25', 'Brook <brook@localhost>', logger);
    await expect(metadata.deliver(user, notice, 'http://brook.example.org/runs/run_1')).rejects.toThrow(/BROOK_SMTP_URL: 169\.254\.169\.254 is a cloud metadata address/);
  });

  it('posts to a webhook without following its redirects, and never to a link-local address', async () => {
    const redirected = createWebhookOutbox(`${redirectorUrl}/hook`, logger);
    await expect(redirected.deliver(user, notice, 'http://brook.example.org/runs/run_1')).rejects.toThrow('the notification webhook answered 302');
    await redirected.close();
    const linkLocal = createWebhookOutbox('http://169.254.10.20/hook', logger);
    await expect(linkLocal.deliver(user, notice, 'http://brook.example.org/runs/run_1')).rejects.toThrow(/link-local/);
    await linkLocal.close();
  });
});
