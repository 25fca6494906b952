// The built-in email connector: sends a message through an SMTP server (nodemailer).
// Verify connects and logs in.
import type { ConnectorDefinition } from './types.js';

export const SMTP_CONNECTOR_ID = 'smtp';

export const smtpConnector: ConnectorDefinition = {
  id: SMTP_CONNECTOR_ID,
  name: 'Email (SMTP)',
  description: 'Sends email through your mail server.',
  builtIn: true,
  transport: 'smtp',
  authType: 'smtp',
  authOptions: ['smtp'],
  auth: { type: 'smtp' },
  parameters: [
    {
      name: 'url',
      label: 'Server URL',
      secret: false,
      required: true,
      description: 'smtp://host:587 (STARTTLS when offered), smtp://host:587?starttls=required, or smtps://host:465 (TLS). No password here.',
    },
    { name: 'username', label: 'User name', secret: false, required: false, description: 'Leave empty when the server needs no login.' },
    { name: 'password', label: 'Password', secret: true, required: false },
    { name: 'from', label: 'From address', secret: false, required: true, description: 'Used when an action does not set one, e.g. "Brook <brook@example.com>".' },
  ],
  operations: [
    {
      id: 'SendEmail',
      method: 'SEND',
      path: '',
      summary: 'Send an email',
      parameters: [
        { name: 'to', in: 'body', wireName: 'to', bodyPath: ['to'], required: true, type: 'string', summary: 'To', description: 'Addresses separated by commas or semicolons.' },
        { name: 'cc', in: 'body', wireName: 'cc', bodyPath: ['cc'], required: false, type: 'string', summary: 'Cc' },
        { name: 'bcc', in: 'body', wireName: 'bcc', bodyPath: ['bcc'], required: false, type: 'string', summary: 'Bcc' },
        { name: 'subject', in: 'body', wireName: 'subject', bodyPath: ['subject'], required: true, type: 'string', summary: 'Subject' },
        { name: 'body', in: 'body', wireName: 'body', bodyPath: ['body'], required: false, type: 'string', summary: 'Body' },
        { name: 'isHtml', in: 'body', wireName: 'isHtml', bodyPath: ['isHtml'], required: false, type: 'boolean', summary: 'Body is HTML', default: false },
        { name: 'from', in: 'body', wireName: 'from', bodyPath: ['from'], required: false, type: 'string', summary: 'From (overrides the connection’s)' },
        { name: 'replyTo', in: 'body', wireName: 'replyTo', bodyPath: ['replyTo'], required: false, type: 'string', summary: 'Reply to' },
        { name: 'importance', in: 'body', wireName: 'importance', bodyPath: ['importance'], required: false, type: 'string', summary: 'Importance (Low, Normal, High)' },
      ],
    },
  ],
  verify: { kind: 'transport' },
  sensitiveFields: [],
  baseUrl: { kind: 'parameter', parameter: 'url' },
};
