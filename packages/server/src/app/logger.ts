// Structured logs (pino). Secrets never reach a log line: credentials in headers, bodies
// and errors are redacted, and the `sig` of webhook URLs is masked.
import pino, { type Logger } from 'pino';
import type { BrookConfig } from '../config/config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  'secrets',
  'token',
  'csrfToken',
  '*.password',
  '*.secrets',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.apiKey',
  '*.csrfToken',
];

/** Removes credentials from a URL before it is logged: `sig` query values and user:password@. */
export function maskUrl(url: string): string {
  return url.replace(/([?&](?:sig|code|state|token|access_token)=)[^&#]*/gi, '$1***').replace(/\/\/[^/@?#]*@/, '//***@');
}

export function createLogger(config: Pick<BrookConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'brook' },
    redact: { paths: REDACTED_PATHS, censor: '***' },
    serializers: {
      req(request: { method?: string; url?: string; ip?: string; id?: string }) {
        return { id: request.id, method: request.method, url: maskUrl(request.url ?? ''), remoteAddress: request.ip };
      },
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
