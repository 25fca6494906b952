// Where the master key comes from: BROOK_SECRET_KEY (64 hex digits or 44 base64
// characters; older keys in BROOK_SECRET_KEY_PREVIOUS during a rotation), or a key file
// created with mode 0600 on first start. Weak keys are refused with a message that says
// how to make a good one.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { SECRET_KEY_BYTES } from './envelope.js';
import { Keyring, secretKeyId, type KeyringContents } from './keyring.js';

export const SECRET_KEY_ENV = 'BROOK_SECRET_KEY';
/** The key file's name inside BROOK_DATA_DIR when BROOK_SECRET_KEY is not set. */
export const DEFAULT_KEY_FILE_NAME = 'secret.key';
export const PREVIOUS_SECRET_KEYS_ENV = 'BROOK_SECRET_KEY_PREVIOUS';
const HOW_TO_MAKE_ONE = 'Generate one with `openssl rand -base64 32` (or `openssl rand -hex 32`).';

export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export function generateSecretKey(): Buffer {
  return randomBytes(SECRET_KEY_BYTES);
}

/**
 * Reads a 32-byte key written as hex or base64. `where` names the source in messages
 * ("BROOK_SECRET_KEY", "the key file data/secret.key").
 */
export function parseSecretKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== SECRET_KEY_BYTES) {
    throw new SecretKeyError(
      `${where} must be 32 random bytes written as 64 hex digits or 44 base64 characters (it has ${trimmed.length} characters). ${HOW_TO_MAKE_ONE}`,
    );
  }
  const weakness = keyWeakness(key);
  if (weakness) throw new SecretKeyError(`${where} is too weak to protect secrets: ${weakness}. ${HOW_TO_MAKE_ONE}`);
  return key;
}

/** Why a key does not look random, or null. Random 32-byte keys pass with overwhelming probability. */
function keyWeakness(key: Buffer): string | null {
  const distinct = new Set(key).size;
  if (distinct < 12) return `it uses only ${distinct} different byte values`;
  let ascending = 0;
  for (let i = 1; i < key.length; i++) if ((key[i] ?? 0) - (key[i - 1] ?? 0) === 1) ascending++;
  if (ascending > 16) return 'it is a counting sequence';
  if (key.every((byte) => byte >= 0x20 && byte < 0x7f)) return 'it is printable text (a password or phrase), not random bytes';
  return null;
}

// ---------------------------------------------------------------- key file

interface KeyFileContents {
  format: 'brook-secret-keys';
  version: 1;
  primary: string;
  keys: { id: string; key: string; createdAt: string }[];
}

function readKeyFile(path: string): KeyringContents {
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    throw new SecretKeyError(`The key file ${path} can be read by other users (mode ${mode.toString(8)}). Run \`chmod 600 ${path}\`.`);
  }
  let parsed: KeyFileContents;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFileContents;
  } catch {
    throw new SecretKeyError(`The key file ${path} is not valid JSON. Restore it from a backup; without it the stored secrets cannot be read.`);
  }
  if (parsed.format !== 'brook-secret-keys' || parsed.version !== 1 || !Array.isArray(parsed.keys)) {
    throw new SecretKeyError(`The key file ${path} is not a Brook key file (format "brook-secret-keys", version 1).`);
  }
  const keys = parsed.keys.map((entry, index) => {
    const key = parseSecretKey(entry.key, `Key ${index + 1} of the key file ${path}`);
    return { id: secretKeyId(key), key };
  });
  if (!keys.some((key) => key.id === parsed.primary)) {
    throw new SecretKeyError(`The key file ${path} names primary key ${parsed.primary}, which it does not contain.`);
  }
  return { keys, primaryKeyId: parsed.primary };
}

function writeKeyFile(path: string, contents: KeyringContents, createdAt: Map<string, string>): void {
  const file: KeyFileContents = {
    format: 'brook-secret-keys',
    version: 1,
    primary: contents.primaryKeyId,
    keys: contents.keys.map((key) => ({ id: key.id, key: key.key.toString('base64'), createdAt: createdAt.get(key.id) ?? new Date().toISOString() })),
  };
  mkdirSync(dirname(path), { recursive: true });
  // Written beside and renamed over, so a crash never leaves half a key file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function keyFileDates(path: string): Map<string, string> {
  const dates = new Map<string, string>();
  if (!existsSync(path)) return dates;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFileContents;
  for (const entry of parsed.keys) dates.set(entry.id, entry.createdAt);
  return dates;
}

/** Creates the key file with a fresh key unless it exists. Returns true when it was created. */
export function ensureKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const key = generateSecretKey();
  const id = secretKeyId(key);
  const file: KeyFileContents = { format: 'brook-secret-keys', version: 1, primary: id, keys: [{ id, key: key.toString('base64'), createdAt: new Date().toISOString() }] };
  // 'wx': if two processes start at once, exactly one creates the file.
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, `${JSON.stringify(file, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Adds a new key to the key file and makes it the primary; the old keys stay so that
 * everything sealed with them still opens. Returns the new key's id.
 */
export function addPrimaryKeyToFile(path: string, key: Buffer = generateSecretKey()): string {
  const contents = readKeyFile(path);
  const id = secretKeyId(key);
  const keys = contents.keys.filter((existing) => existing.id !== id);
  keys.push({ id, key });
  const dates = keyFileDates(path);
  dates.set(id, new Date().toISOString());
  writeKeyFile(path, { keys, primaryKeyId: id }, dates);
  return id;
}

// ---------------------------------------------------------------- loading

export interface LoadKeyringOptions {
  /** Environment to read BROOK_SECRET_KEY and BROOK_SECRET_KEY_PREVIOUS from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Key file used when BROOK_SECRET_KEY is not set, e.g. "data/secret.key". */
  keyFile?: string;
  /** Create the key file with a fresh key when it does not exist (default true). */
  createKeyFile?: boolean;
}

export interface LoadedKeyring {
  keyring: Keyring;
  source: 'environment' | 'key-file';
  /** True when this call created the key file. */
  created: boolean;
}

function readContents(options: LoadKeyringOptions): { contents: KeyringContents; source: LoadedKeyring['source'] } {
  const env = options.env ?? process.env;
  const primaryText = env[SECRET_KEY_ENV];
  if (primaryText !== undefined && primaryText.trim() !== '') {
    const primary = parseSecretKey(primaryText, SECRET_KEY_ENV);
    const keys = [{ id: secretKeyId(primary), key: primary }];
    const previous = (env[PREVIOUS_SECRET_KEYS_ENV] ?? '').split(/[\s,]+/).filter(Boolean);
    previous.forEach((text, index) => {
      const key = parseSecretKey(text, `Key ${index + 1} of ${PREVIOUS_SECRET_KEYS_ENV}`);
      keys.push({ id: secretKeyId(key), key });
    });
    // Keys of an existing key file stay readable, so moving from the file to the variable loses nothing.
    if (options.keyFile && existsSync(options.keyFile)) keys.push(...readKeyFile(options.keyFile).keys);
    return { contents: { keys, primaryKeyId: secretKeyId(primary) }, source: 'environment' };
  }
  if (!options.keyFile) {
    throw new SecretKeyError(`No secret key: set ${SECRET_KEY_ENV} or give a key file path. ${HOW_TO_MAKE_ONE}`);
  }
  if (!existsSync(options.keyFile)) throw new SecretKeyError(`The key file ${options.keyFile} does not exist.`);
  return { contents: readKeyFile(options.keyFile), source: 'key-file' };
}

/** Loads the keyring from BROOK_SECRET_KEY or the key file (creating the file on first start). */
export function loadKeyring(options: LoadKeyringOptions = {}): LoadedKeyring {
  const env = options.env ?? process.env;
  let created = false;
  const usesEnvironment = (env[SECRET_KEY_ENV] ?? '').trim() !== '';
  if (!usesEnvironment && options.keyFile && options.createKeyFile !== false) created = ensureKeyFile(options.keyFile);
  const { contents, source } = readContents(options);
  const keyring = new Keyring(contents, () => readContents(options).contents);
  return { keyring, source, created };
}
