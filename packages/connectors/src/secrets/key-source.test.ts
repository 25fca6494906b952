import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addPrimaryKeyToFile, generateSecretKey, loadKeyring, parseSecretKey, SecretKeyError } from './key-source.js';
import { secretKeyId } from './keyring.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brook-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretKeyError);
    return (error as Error).message;
  }
  throw new Error('expected a SecretKeyError');
}

describe('BROOK_SECRET_KEY', () => {
  it('accepts 32 random bytes as hex or base64', () => {
    const key = generateSecretKey();
    expect(parseSecretKey(key.toString('hex'), 'K').equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64'), 'K').equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64url'), 'K').equals(key)).toBe(true);
  });

  it('refuses short keys, passwords and patterns with a message that says how to make one', () => {
    expect(messageOf(() => parseSecretKey('changeme', 'BROOK_SECRET_KEY'))).toMatch(/BROOK_SECRET_KEY must be 32 random bytes.*openssl rand -base64 32/);
    expect(messageOf(() => parseSecretKey('0'.repeat(64), 'BROOK_SECRET_KEY'))).toMatch(/too weak.*only 1 different byte/);
    expect(messageOf(() => parseSecretKey('0123456789abcdef'.repeat(4), 'BROOK_SECRET_KEY'))).toMatch(/too weak/);
    const phrase = Buffer.from('correct horse battery staple!!!!').toString('base64');
    expect(messageOf(() => parseSecretKey(phrase, 'BROOK_SECRET_KEY'))).toMatch(/printable text/);
    const counting = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 100)).toString('hex');
    expect(messageOf(() => parseSecretKey(counting, 'BROOK_SECRET_KEY'))).toMatch(/counting sequence/);
  });

  it('loads the primary key from the environment and older keys from BROOK_SECRET_KEY_PREVIOUS', () => {
    const current = generateSecretKey();
    const previous = generateSecretKey();
    const { keyring, source } = loadKeyring({ env: { BROOK_SECRET_KEY: current.toString('base64'), BROOK_SECRET_KEY_PREVIOUS: previous.toString('hex') } });
    expect(source).toBe('environment');
    expect(keyring.primaryKeyId).toBe(secretKeyId(current));
    expect(keyring.hasKey(secretKeyId(previous))).toBe(true);
  });

  it('says what to do when there is neither a variable nor a key file', () => {
    expect(messageOf(() => loadKeyring({ env: {} }))).toMatch(/No secret key: set BROOK_SECRET_KEY/);
  });
});

describe('key file', () => {
  it('is created with mode 0600 on first start and reused afterwards', () => {
    const file = join(tempDir(), 'data', 'secret.key');
    const first = loadKeyring({ env: {}, keyFile: file });
    expect(first.created).toBe(true);
    expect(first.source).toBe('key-file');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.keyring.seal('s3cret');
    const second = loadKeyring({ env: {}, keyFile: file });
    expect(second.created).toBe(false);
    expect(second.keyring.open(sealed)).toBe('s3cret');
  });

  it('refuses a key file other users can read', () => {
    const file = join(tempDir(), 'secret.key');
    loadKeyring({ env: {}, keyFile: file });
    chmodSync(file, 0o644);
    expect(messageOf(() => loadKeyring({ env: {}, keyFile: file }))).toContain(`chmod 600 ${file}`);
  });

  it('refuses a damaged key file instead of making a new key', () => {
    const file = join(tempDir(), 'secret.key');
    writeFileSync(file, 'not json', { mode: 0o600 });
    expect(messageOf(() => loadKeyring({ env: {}, keyFile: file }))).toMatch(/not valid JSON/);
  });

  it('keeps old keys readable when a new primary is added, and running keyrings pick it up', () => {
    const file = join(tempDir(), 'secret.key');
    const { keyring: running } = loadKeyring({ env: {}, keyFile: file });
    const sealedOld = running.seal('old secret');
    const newId = addPrimaryKeyToFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { keyring: fresh } = loadKeyring({ env: {}, keyFile: file });
    expect(fresh.primaryKeyId).toBe(newId);
    expect(fresh.open(sealedOld)).toBe('old secret');
    // A process started before the rotation meets a value sealed with the new key: it re-reads the file.
    expect(running.open(fresh.seal('new secret'))).toBe('new secret');
    expect(JSON.parse(readFileSync(file, 'utf8')).keys).toHaveLength(2);
  });

  it('keeps the key file readable when BROOK_SECRET_KEY takes over', () => {
    const file = join(tempDir(), 'secret.key');
    const sealed = loadKeyring({ env: {}, keyFile: file }).keyring.seal('from the file era');
    const { keyring } = loadKeyring({ env: { BROOK_SECRET_KEY: generateSecretKey().toString('hex') }, keyFile: file });
    expect(keyring.open(sealed)).toBe('from the file era');
  });
});
