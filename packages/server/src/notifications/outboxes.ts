// Where notices go besides the portal: e-mail through the operator's SMTP server
// (BROOK_SMTP_URL) and a JSON webhook (BROOK_NOTIFY_WEBHOOK_URL). Both addresses come from
// the operator's configuration, not from users.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { NotificationKind, UserRecord } from '@brook/store';

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

export function createSmtpOutbox(smtpUrl: string, from: string, logger: Logger): Outbox & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'email',
    async deliver(user, notice, absoluteLink) {
      const mail = renderEmail(notice, absoluteLink);
      await transport.sendMail({ from, to: `${user.name.replace(/[<>"]/g, '')} <${user.email}>`, ...mail });
      logger.info({ to: user.id, kind: notice.kind }, 'notification e-mail sent');
    },
    close() {
      transport.close();
    },
  };
}

export function createWebhookOutbox(url: string, logger: Logger): Outbox {
  return {
    name: 'webhook',
    async deliver(user, notice, absoluteLink) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Brook notifications' },
        body: JSON.stringify({ kind: notice.kind, title: notice.title, message: notice.message, link: absoluteLink, details: notice.details ?? [], user: { id: user.id, email: user.email, name: user.name }, at: new Date().toISOString() }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`the notification webhook answered ${response.status}`);
      logger.info({ to: user.id, kind: notice.kind }, 'notification webhook sent');
    },
  };
}
