import { stringValue } from '../auth/types.js';
import type { SmtpSettings } from '../smtp/smtp-transport.js';
import type { LoadedConnection } from './loaded-connection.js';

export function smtpSettingsOf(connection: Pick<LoadedConnection, 'values'>): SmtpSettings {
  const settings: SmtpSettings = { url: stringValue(connection.values, 'url') ?? '' };
  const username = stringValue(connection.values, 'username');
  if (username) settings.username = username;
  const password = stringValue(connection.values, 'password');
  if (password) settings.password = password;
  const from = stringValue(connection.values, 'from');
  if (from) settings.from = from;
  return settings;
}
