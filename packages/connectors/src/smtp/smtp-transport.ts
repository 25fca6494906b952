// The email connector's transport: nodemailer to the connection's SMTP server, after the
// server's address has passed the network policy (the same rule as HTTP calls).
import { createTransport } from 'nodemailer';
import { isIP } from 'node:net';
import type { CompiledNetworkPolicy } from '../http/network-policy.js';
import { resolveAllowedAddress, systemLookup, type AddressLookup } from '../http/resolve-address.js';

export interface SmtpSettings {
  url: string;
  username?: string;
  password?: string;
  from?: string;
}

export interface EmailMessage {
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body?: string;
  isHtml?: boolean;
  from?: string;
  replyTo?: string;
  importance?: string;
}

export interface SentEmail {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

export class SmtpSettingsError extends Error {
  override readonly name = 'SmtpSettingsError';
  readonly code = 'InvalidOperationInput';
}

interface ParsedUrl {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
}

export function parseSmtpUrl(text: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SmtpSettingsError(`"${text}" is not an SMTP URL such as smtp://mail.example.com:587 or smtps://mail.example.com:465.`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new SmtpSettingsError(`The server URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  if (url.username || url.password) throw new SmtpSettingsError('Put the user name and password in their own fields, not in the server URL.');
  const secure = url.protocol === 'smtps:';
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : secure ? 465 : 587, secure, requireTls: url.searchParams.get('starttls') === 'required' };
}

function addresses(list: string | undefined): string[] | undefined {
  if (!list) return undefined;
  const split = list.split(/[;,]/).map((item) => item.trim()).filter(Boolean);
  return split.length > 0 ? split : undefined;
}

export class SmtpTransport {
  constructor(private readonly options: { policy: CompiledNetworkPolicy; lookup?: AddressLookup; timeoutMs?: number }) {}

  private async transporter(settings: SmtpSettings): Promise<ReturnType<typeof createTransport>> {
    const parsed = parseSmtpUrl(settings.url);
    const address = await resolveAllowedAddress(parsed.host, this.options.policy, this.options.lookup ?? systemLookup);
    const timeout = this.options.timeoutMs ?? 60_000;
    return createTransport({
      host: address,
      port: parsed.port,
      secure: parsed.secure,
      requireTLS: parsed.requireTls,
      // Certificates are checked against the name in the URL, not the resolved address.
      tls: isIP(parsed.host) ? {} : { servername: parsed.host },
      ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  /** Connects and, when there is a user name, logs in. Throws nodemailer's errors (code EAUTH, ECONNECTION …). */
  async verify(settings: SmtpSettings): Promise<void> {
    const transport = await this.transporter(settings);
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
  }

  async send(settings: SmtpSettings, message: EmailMessage): Promise<SentEmail> {
    const from = message.from || settings.from;
    if (!from) throw new SmtpSettingsError('The message has no sender: set From on the action or on the connection.');
    const to = addresses(message.to);
    if (!to) throw Object.assign(new SmtpSettingsError('The message has no recipient: set To.'), { code: 'MissingRequiredProperty' });
    const transport = await this.transporter(settings);
    try {
      const importance = (message.importance ?? '').toLowerCase();
      const info = await transport.sendMail({
        from,
        to,
        cc: addresses(message.cc),
        bcc: addresses(message.bcc),
        replyTo: message.replyTo || undefined,
        subject: message.subject,
        ...(message.isHtml ? { html: message.body ?? '' } : { text: message.body ?? '' }),
        ...(importance === 'high' || importance === 'low' ? { priority: importance } : {}),
      });
      return {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: info.response,
      };
    } finally {
      transport.close();
    }
  }
}
