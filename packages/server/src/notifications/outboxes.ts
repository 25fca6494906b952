// Where notices go besides the portal: e-mail through the operator's SMTP server
// (BROOK_SMTP_URL) and a JSON webhook (BROOK_NOTIFY_WEBHOOK_URL). Both addresses come from
// the operator's configuration, so they may be on this machine or a private network; like
// every outgoing call they pass the network policy, which refuses link-local and metadata
// addresses always (and the webhook follows no redirects).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { CompiledNetworkPolicy, HttpClient } from '@brook/connectors';
import type { NotificationKind, UserRecord } from '@brook/store';

/** The operator's own destinations: private ranges allowed, link-local and metadata never. */
const OPERATOR_NETWORK = { allowPrivateNetworks: true } as const;

export interface Notice {
  kind: NotificationKind;
  title: string;
  message: string;
  /** A portal path, e.g. '/settings/connections?focus=con_1'. */
  link: string;
  /** Extra lines for the e-mail (remedy steps, a list of failures). */
  details?: string[];
}

export interface Outbox {
  name: string;
  deliver(user: UserRecord, notice: Notice, absoluteLink: string): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderEmail(notice: Notice, absoluteLink: string): { subject: string; text: string; html: string } {
  const details = notice.details ?? [];
  const action = notice.kind === 'connection-unauthenticated' ? 'Fix the connection' : notice.kind === 'digest' ? 'Open Brook' : 'Open it in Brook';
  const text = [notice.message, '', ...details, ...(details.length ? [''] : []), `${action}: ${absoluteLink}`, '', '— Brook'].join('\n');
  const html = [
    `<p>${escapeHtml(notice.message)}</p>`,
    details.length ? `<ul>${details.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '',
    `<p><a href="${escapeHtml(absoluteLink)}">${action}</a></p>`,
    '<p>— Brook</p>',
  ].join('\n');
  return { subject: `[Brook] ${notice.title}`, text, html };
}

/** The first address of `host` the policy allows; throws naming the refusal otherwise. */
async function allowedAddress(host: string, policy: CompiledNetworkPolicy): Promise<string> {
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  let refusal = `${host} has no address`;
  for (const address of addresses) {
    const decision = policy.check(address);
    if (decision.allowed) return address;
    refusal = decision.reason;
  }
  throw new Error(`BROOK_SMTP_URL: ${refusal}`);
}

export function createSmtpOutbox(smtpUrl: string, from: string, logger: Logger): Outbox & { close(): void } {
  const policy = new CompiledNetworkPolicy(OPERATOR_NETWORK);
  return {
    name: 'email',
    async deliver(user, notice, absoluteLink) {
      // Connect to the address that passed the policy; check the certificate against the name.
      const url = new URL(smtpUrl);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const address = await allowedAddress(host, policy);
      url.hostname = address.includes(':') ? `[${address}]` : address;
      const transport = nodemailer.createTransport({ url: url.toString(), ...(isIP(host) ? {} : { tls: { servername: host } }) });
      try {
        const mail = renderEmail(notice, absoluteLink);
        await transport.sendMail({ from, to: `${user.name.replace(/[<>"]/g, '')} <${user.email}>`, ...mail });
      } finally {
        transport.close();
      }
      logger.info({ to: user.id, kind: notice.kind }, 'notification e-mail sent');
    },
    close() {
      // A transport lives for one delivery.
    },
  };
}

export function createWebhookOutbox(url: string, logger: Logger): Outbox & { close(): Promise<void> } {
  const http = new HttpClient({ network: OPERATOR_NETWORK, timeoutMs: 10_000, maxResponseBytes: 64 * 1024, userAgent: 'Brook notifications' });
  return {
    name: 'webhook',
    async deliver(user, notice, absoluteLink) {
      const response = await http.request({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: notice.kind, title: notice.title, message: notice.message, link: absoluteLink, details: notice.details ?? [], user: { id: user.id, email: user.email, name: user.name }, at: new Date().toISOString() }),
      });
      if (response.status < 200 || response.status >= 300) throw new Error(`the notification webhook answered ${response.status}`);
      logger.info({ to: user.id, kind: notice.kind }, 'notification webhook sent');
    },
    close() {
      return http.close();
    },
  };
}
