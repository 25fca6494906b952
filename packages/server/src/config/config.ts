// Brook's configuration comes from environment variables (BROOK_*), checked once at
// start. A wrong value stops the start with a message that names the variable, what it
// got and what it accepts.
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));
const url = (schemes: string[]) =>
  z.string().refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`);

/** The variables Brook reads, with their defaults. Documented in docs/operating.md. */
const environmentSchema = z.object({
  BROOK_HOST: z.string().min(1).default('127.0.0.1'),
  BROOK_PORT: port.default(7420),
  BROOK_DATA_DIR: z.string().min(1).default('./data'),
  BROOK_DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  BROOK_DATABASE_POOL: positiveInt.max(500).default(10),
  BROOK_SECRET_KEY: z.string().min(32, 'must be 32 random bytes as 64 hex digits or 44 base64 characters (`openssl rand -base64 32`)').optional(),
  BROOK_SECRET_KEY_PREVIOUS: z.string().optional(),
  BROOK_PUBLIC_URL: url(['http:', 'https:']).optional(),
  BROOK_SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  BROOK_SMTP_FROM: z.string().min(3).default('Brook <brook@localhost>'),
  BROOK_NOTIFY_WEBHOOK_URL: url(['http:', 'https:']).optional(),
  BROOK_ALLOW_PRIVATE_NETWORKS: flag.default(false),
  BROOK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BROOK_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  BROOK_WORKER_CONCURRENCY: positiveInt.max(10_000).default(64),
  BROOK_RESPONSE_TIMEOUT_MS: positiveInt.max(600_000).default(120_000),
  BROOK_BODY_LIMIT_BYTES: positiveInt.default(10 * 1024 * 1024),
  BROOK_MAX_DEFINITION_BYTES: positiveInt.default(1024 * 1024),
  BROOK_LOGIN_RATE_LIMIT: positiveInt.default(10),
  BROOK_WEBHOOK_RATE_LIMIT: positiveInt.default(60_000),
  BROOK_SESSION_DAYS: positiveInt.max(365).default(14),
  BROOK_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  BROOK_AUTO_DISABLE_DAYS: positiveInt.default(14),
  BROOK_TRUST_PROXY: flag.default(false),
  BROOK_HEALTH_CHECK_MINUTES: z.coerce.number().int().min(0).max(100_000).default(360),
});

export type BrookEnvironment = z.input<typeof environmentSchema>;

export interface BrookConfig {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… or the path of the SQLite file in the data folder. */
  databaseUrl: string;
  database: 'sqlite' | 'postgres';
  databasePool: number;
  /** The master key (else a key file in the data folder); previous keys stay readable during a rotation. */
  secretKey: string | undefined;
  previousSecretKeys: string | undefined;
  /** Where people reach Brook: used in callback URLs, e-mails and OAuth redirects. No trailing slash. */
  publicUrl: string;
  smtpUrl: string | undefined;
  smtpFrom: string;
  notifyWebhookUrl: string | undefined;
  allowPrivateNetworks: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** In-process workers (0 = this process only serves the API, e.g. beside `brook worker`s). */
  workers: number;
  workerConcurrency: number;
  responseTimeoutMs: number;
  bodyLimitBytes: number;
  /** Definition size; actions (500) and nesting (8) are limits of the language, checked by validation. */
  limits: { definitionBytes: number };
  rateLimits: { loginPerMinute: number; webhookPerMinutePerFlow: number };
  sessionDays: number;
  digestHourUtc: number;
  autoDisableDays: number;
  trustProxy: boolean;
  /** How often every connection is verified (0 = never). */
  healthCheckMinutes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Brook cannot start: ${problems.length === 1 ? 'a setting is wrong' : 'some settings are wrong'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeProblem(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? 'environment');
  const got = env[name];
  const shown = got === undefined ? '' : ` (got ${JSON.stringify(name.startsWith('BROOK_SECRET_KEY') ? '***' : got.replace(/\/\/[^@/]*@/, '//***@'))})`;
  return `${name}: ${issue.message}${shown}`;
}

/** Reads BROOK_* variables (defaults for what is missing); throws ConfigError naming each wrong one. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): BrookConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('BROOK_') && value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => describeProblem(issue, present)));
  const e = parsed.data;
  const dataDir = resolve(cwd, e.BROOK_DATA_DIR);
  const shownHost = e.BROOK_HOST === '0.0.0.0' || e.BROOK_HOST === '::' ? '127.0.0.1' : e.BROOK_HOST;
  return {
    host: e.BROOK_HOST,
    port: e.BROOK_PORT,
    dataDir,
    databaseUrl: e.BROOK_DATABASE_URL ?? resolve(dataDir, 'brook.db'),
    database: e.BROOK_DATABASE_URL ? 'postgres' : 'sqlite',
    databasePool: e.BROOK_DATABASE_POOL,
    secretKey: e.BROOK_SECRET_KEY,
    previousSecretKeys: e.BROOK_SECRET_KEY_PREVIOUS,
    publicUrl: (e.BROOK_PUBLIC_URL ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${e.BROOK_PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.BROOK_SMTP_URL,
    smtpFrom: e.BROOK_SMTP_FROM,
    notifyWebhookUrl: e.BROOK_NOTIFY_WEBHOOK_URL,
    allowPrivateNetworks: e.BROOK_ALLOW_PRIVATE_NETWORKS,
    logLevel: e.BROOK_LOG_LEVEL,
    workers: e.BROOK_WORKERS,
    workerConcurrency: e.BROOK_WORKER_CONCURRENCY,
    responseTimeoutMs: e.BROOK_RESPONSE_TIMEOUT_MS,
    bodyLimitBytes: e.BROOK_BODY_LIMIT_BYTES,
    limits: { definitionBytes: e.BROOK_MAX_DEFINITION_BYTES },
    rateLimits: { loginPerMinute: e.BROOK_LOGIN_RATE_LIMIT, webhookPerMinutePerFlow: e.BROOK_WEBHOOK_RATE_LIMIT },
    sessionDays: e.BROOK_SESSION_DAYS,
    digestHourUtc: e.BROOK_DIGEST_HOUR,
    autoDisableDays: e.BROOK_AUTO_DISABLE_DAYS,
    trustProxy: e.BROOK_TRUST_PROXY,
    healthCheckMinutes: e.BROOK_HEALTH_CHECK_MINUTES,
  };
}

/** The configuration tests use: loopback, port 0, a given data folder, quiet logs. */
export function testConfig(dataDir: string, overrides: Partial<BrookConfig> = {}): BrookConfig {
  return { ...loadConfig({ BROOK_PORT: '0', BROOK_DATA_DIR: dataDir, BROOK_LOG_LEVEL: 'silent' }), ...overrides };
}
