// `brook secrets rotate`: a new master key seals every stored secret, without downtime.
// With a key file (BROOK_DATA_DIR/secret.key) the command adds a new key and makes it
// the primary; the old keys stay in the file so everything still opens while the
// records are re-sealed one by one (running servers re-read the file when they meet the
// new key). With BROOK_SECRET_KEY the operator sets the new key there and the old one in
// BROOK_SECRET_KEY_PREVIOUS, restarts, and this command re-seals under the new one.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  addPrimaryKeyToFile,
  DEFAULT_KEY_FILE_NAME,
  loadKeyring,
  resealSecrets,
  SECRET_KEY_ENV,
  PREVIOUS_SECRET_KEYS_ENV,
  type Keyring,
  type RotationReport,
  type SecretRecords,
} from '@brook/connectors';
import { openDatabase, type BrookDatabase } from '@brook/store';
import { loadConfig } from '@brook/server';

/** Where the sealed secrets are: the server's database, or anything else that offers SecretRecords. */
export interface SecretStorage {
  /** One entry per kind of sealed value (connection credentials, pending OAuth sign-ins). */
  records: { what: string; records: SecretRecords }[];
  close(): Promise<void>;
}

export interface RotateOptions {
  env: Record<string, string | undefined>;
  /** The key file when BROOK_SECRET_KEY is not set. */
  keyFile: string;
  /** Re-seal under the current primary key without adding a new one. */
  newKey: boolean;
  openStorage(): Promise<SecretStorage>;
  print(line: string): void;
}

export class RotateError extends Error {
  override readonly name = 'RotateError';
}

export interface RotateOutcome {
  primaryKeyId: string;
  addedKey: boolean;
  reports: { what: string; report: RotationReport }[];
}

function chooseKeyring(options: RotateOptions): { keyring: Keyring; addedKey: boolean } {
  const fromEnvironment = (options.env[SECRET_KEY_ENV] ?? '').trim() !== '';
  if (fromEnvironment) {
    if (options.newKey && !(options.env[PREVIOUS_SECRET_KEYS_ENV] ?? '').trim()) {
      options.print(
        `Brook reads its master key from ${SECRET_KEY_ENV}. To rotate it: put the new key in ${SECRET_KEY_ENV} and the old one in ${PREVIOUS_SECRET_KEYS_ENV}, ` +
          'restart Brook, then run `brook secrets rotate` again. Re-sealing under the current key now.',
      );
    }
    return { keyring: loadKeyring({ env: options.env, keyFile: options.keyFile, createKeyFile: false }).keyring, addedKey: false };
  }
  if (!existsSync(options.keyFile)) {
    throw new RotateError(`There is no key file at ${options.keyFile}: Brook creates it on its first start (or set ${SECRET_KEY_ENV}). Nothing was changed.`);
  }
  if (options.newKey) addPrimaryKeyToFile(options.keyFile);
  return { keyring: loadKeyring({ env: options.env, keyFile: options.keyFile, createKeyFile: false }).keyring, addedKey: options.newKey };
}

export async function rotateSecrets(options: RotateOptions): Promise<RotateOutcome> {
  // The storage is opened first, so a missing database changes nothing (not even the key file).
  const storage = await options.openStorage();
  try {
    const { keyring, addedKey } = chooseKeyring(options);
    options.print(addedKey ? `Added key ${keyring.primaryKeyId} to ${options.keyFile}; it seals from now on.` : `Sealing with key ${keyring.primaryKeyId}.`);
    const reports: RotateOutcome['reports'] = [];
    for (const { what, records } of storage.records) {
      const report = await resealSecrets({ keyring, records, onProgress: (progress) => options.print(`  ${what}: ${progress.scanned} looked at, ${progress.resealed} re-sealed`) });
      reports.push({ what, report });
      options.print(`${what}: ${report.resealed} re-sealed, ${report.alreadyCurrent} already under the new key, ${report.remaining} left on older keys.`);
      for (const failure of report.failures) options.print(`  ${failure.id}: ${failure.message}`);
    }
    return { primaryKeyId: keyring.primaryKeyId, addedKey, reports };
  } finally {
    await storage.close();
  }
}

/** SecretRecords over a table's id and sealed columns, compare-and-swap on the sealed value. */
function tableRecords(database: BrookDatabase, table: 'connections' | 'oauth_states'): SecretRecords {
  const { db } = database;
  if (table === 'connections') {
    return {
      list: async ({ after, limit }) => {
        let query = db.selectFrom('connections').select(['id', 'secrets_sealed']).where('secrets_sealed', 'is not', null).orderBy('id').limit(limit);
        if (after !== null) query = query.where('id', '>', after);
        const rows = await query.execute();
        return rows.map((row) => ({ id: row.id, sealed: row.secrets_sealed ?? '', associatedData: `connection:${row.id}` }));
      },
      replace: async (id, expected, next) => {
        // The revision stays: the content is the same, so a token refresh in flight is not disturbed.
        const result = await db.updateTable('connections').set({ secrets_sealed: next }).where('id', '=', id).where('secrets_sealed', '=', expected).executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      },
    };
  }
  return {
    list: async ({ after, limit }) => {
      let query = db.selectFrom('oauth_states').select(['state', 'verifier_sealed']).orderBy('state').limit(limit);
      if (after !== null) query = query.where('state', '>', after);
      const rows = await query.execute();
      return rows.map((row) => ({ id: row.state, sealed: row.verifier_sealed, associatedData: `oauth-state:${row.state}` }));
    },
    replace: async (id, expected, next) => {
      const result = await db.updateTable('oauth_states').set({ verifier_sealed: next }).where('state', '=', id).where('verifier_sealed', '=', expected).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

/** The server's database, found the way `brook serve` finds it (BROOK_DATABASE_URL or BROOK_DATA_DIR/brook.db). */
export async function openServerStorage(config: { database: 'sqlite' | 'postgres'; databaseUrl: string }): Promise<SecretStorage> {
  if (config.database === 'sqlite' && !existsSync(config.databaseUrl)) {
    throw new RotateError(
      `brook secrets rotate needs the server's database, and there is none at ${config.databaseUrl}. ` +
        'Run it where Brook keeps its data (the same BROOK_DATA_DIR or BROOK_DATABASE_URL as `brook serve`). Nothing was changed.',
    );
  }
  const database = openDatabase({ url: config.databaseUrl, poolSize: 2 });
  try {
    await database.db.selectFrom('connections').select('id').limit(1).execute();
  } catch (error) {
    await database.close();
    throw new RotateError(`brook secrets rotate needs the server's database, and ${config.database === 'sqlite' ? config.databaseUrl : 'BROOK_DATABASE_URL'} has no Brook tables (${(error as Error).message}). Start Brook once to create them. Nothing was changed.`);
  }
  return {
    records: [
      { what: 'connection credentials', records: tableRecords(database, 'connections') },
      { what: 'pending OAuth2 sign-ins', records: tableRecords(database, 'oauth_states') },
    ],
    close: () => database.close(),
  };
}

interface CommandOptions {
  keyFile?: string;
  newKey: boolean;
}

export function register(program: Command): void {
  const secrets = program.command('secrets').description('manage the master key that seals connection secrets');
  secrets
    .command('rotate')
    .description('seal every stored secret with a new master key; old keys stay readable until it is done')
    .option('--key-file <path>', `the key file (default: BROOK_DATA_DIR/${DEFAULT_KEY_FILE_NAME})`)
    .option('--no-new-key', 're-seal under the current key without adding one (e.g. after changing BROOK_SECRET_KEY)')
    .action(async (options: CommandOptions) => {
      try {
        const config = loadConfig();
        const outcome = await rotateSecrets({
          env: process.env,
          keyFile: options.keyFile ?? join(config.dataDir, DEFAULT_KEY_FILE_NAME),
          newKey: options.newKey,
          openStorage: () => openServerStorage(config),
          print: (line) => console.log(line),
        });
        const left = outcome.reports.reduce((sum, entry) => sum + entry.report.remaining, 0);
        if (left > 0) {
          console.error(`${left} secret${left === 1 ? ' is' : 's are'} still sealed with an older key (changed during the rotation or unreadable); run \`brook secrets rotate --no-new-key\` again.`);
          process.exitCode = 1;
        } else console.log('Done: every secret is sealed with the new key. Keep the old keys until every Brook process has restarted or re-read the key file.');
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      }
    });
}
