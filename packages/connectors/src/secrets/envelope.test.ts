import { describe, expect, it } from 'vitest';
import { ENVELOPE_FORMAT_V1, envelopeKeyId, SecretEnvelopeError } from './envelope.js';
import { generateSecretKey } from './key-source.js';
import { Keyring, secretKeyId } from './keyring.js';

function failure(run: () => unknown): SecretEnvelopeError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretEnvelopeError) return error;
    throw error;
  }
  throw new Error('expected a SecretEnvelopeError');
}

describe('sealed secrets', () => {
  const keyring = Keyring.fromKeys([generateSecretKey()]);

  it('round-trips text and never shows it in the envelope', () => {
    const sealed = keyring.seal('hunter2-password', 'connection:c1');
    expect(sealed).not.toContain('hunter2');
    expect(Buffer.from(sealed, 'base64').includes(Buffer.from('hunter2'))).toBe(false);
    expect(keyring.open(sealed, 'connection:c1')).toBe('hunter2-password');
  });

  it('writes the format byte, the key id, a 12-byte nonce and a 16-byte tag', () => {
    const sealed = keyring.seal('x');
    const bytes = Buffer.from(sealed, 'base64');
    expect(bytes[0]).toBe(ENVELOPE_FORMAT_V1);
    const idLength = bytes[1] ?? 0;
    expect(bytes.subarray(2, 2 + idLength).toString('ascii')).toBe(keyring.primaryKeyId);
    expect(bytes.length).toBe(2 + idLength + 12 + 16 + 1);
    expect(envelopeKeyId(sealed)).toBe(keyring.primaryKeyId);
  });

  it('uses a fresh nonce each time', () => {
    expect(keyring.seal('same')).not.toBe(keyring.seal('same'));
  });

  it('refuses a value moved to another record (associated data)', () => {
    const sealed = keyring.seal('secret', 'connection:a');
    expect(failure(() => keyring.open(sealed, 'connection:b')).code).toBe('tampered');
  });

  it('refuses an edited ciphertext', () => {
    const bytes = Buffer.from(keyring.seal('secret value'), 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(failure(() => keyring.open(bytes.toString('base64'))).code).toBe('tampered');
  });

  it('names the missing key when a value was sealed with a key the keyring lacks', () => {
    const other = Keyring.fromKeys([generateSecretKey()]);
    const error = failure(() => keyring.open(other.seal('x')));
    expect(error.code).toBe('unknown_key');
    expect(error.message).toContain(other.primaryKeyId);
  });

  it('refuses other formats and garbage with a clear code', () => {
    const bytes = Buffer.from(keyring.seal('x'), 'base64');
    bytes[0] = 9;
    expect(failure(() => keyring.open(bytes.toString('base64'))).code).toBe('unsupported_format');
    expect(failure(() => keyring.open('AQ==')).code).toBe('malformed');
  });

  it('derives a stable key id from the key', () => {
    const key = generateSecretKey();
    expect(secretKeyId(key)).toBe(secretKeyId(Buffer.from(key)));
    expect(secretKeyId(key)).not.toBe(secretKeyId(generateSecretKey()));
  });

  it('opens with both keys while the primary is the new one', () => {
    const oldKey = generateSecretKey();
    const newKey = generateSecretKey();
    const before = Keyring.fromKeys([oldKey]);
    const sealedOld = before.seal('token-1', 'c');
    const during = Keyring.fromKeys([newKey, oldKey]);
    expect(during.open(sealedOld, 'c')).toBe('token-1');
    expect(during.needsReseal(sealedOld)).toBe(true);
    const resealed = during.reseal(sealedOld, 'c');
    expect(during.needsReseal(resealed)).toBe(false);
    expect(Keyring.fromKeys([newKey]).open(resealed, 'c')).toBe('token-1');
  });
});
