// The at-rest format of every secret Brook stores: AES-256-GCM in a versioned envelope.
//
//   byte 0        format (0x01)
//   byte 1        key id length n (1..64)
//   bytes 2..2+n  key id (ASCII): which key of the keyring sealed it
//   12 bytes      nonce (random per seal)
//   16 bytes      authentication tag
//   rest          ciphertext
//
// The whole thing is written as base64 text. The header (format and key id) and the
// caller's associated data (e.g. "connection:ID") are authenticated, so a sealed value
// can neither be edited nor moved to another record unnoticed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const ENVELOPE_FORMAT_V1 = 0x01;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/** A 256-bit key with the id written into every envelope it seals. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export type SecretEnvelopeErrorCode = 'malformed' | 'unsupported_format' | 'unknown_key' | 'tampered';

/** Why a sealed value could not be opened; the message never contains key material. */
export class SecretEnvelopeError extends Error {
  override readonly name = 'SecretEnvelopeError';
  constructor(
    readonly code: SecretEnvelopeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface ParsedEnvelope {
  header: Buffer;
  keyId: string;
  nonce: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseEnvelope(sealed: string): ParsedEnvelope {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < 2) throw new SecretEnvelopeError('malformed', 'The sealed secret is empty or not base64 text.');
  const format = bytes[0];
  if (format !== ENVELOPE_FORMAT_V1) {
    throw new SecretEnvelopeError('unsupported_format', `The sealed secret has format ${format ?? '?'}; this version of Brook reads format ${ENVELOPE_FORMAT_V1}.`);
  }
  const idLength = bytes[1] ?? 0;
  const headerLength = 2 + idLength;
  if (idLength === 0 || bytes.length < headerLength + NONCE_BYTES + TAG_BYTES) {
    throw new SecretEnvelopeError('malformed', 'The sealed secret is truncated.');
  }
  return {
    header: bytes.subarray(0, headerLength),
    keyId: bytes.subarray(2, headerLength).toString('ascii'),
    nonce: bytes.subarray(headerLength, headerLength + NONCE_BYTES),
    tag: bytes.subarray(headerLength + NONCE_BYTES, headerLength + NONCE_BYTES + TAG_BYTES),
    ciphertext: bytes.subarray(headerLength + NONCE_BYTES + TAG_BYTES),
  };
}

function additionalData(header: Buffer, associatedData: string | undefined): Buffer {
  return associatedData === undefined ? header : Buffer.concat([header, Buffer.from(associatedData, 'utf8')]);
}

export function sealWithKey(plaintext: string | Uint8Array, key: SecretKey, associatedData?: string): string {
  const id = Buffer.from(key.id, 'ascii');
  if (id.length === 0 || id.length > 64) throw new Error('A secret key id must be 1 to 64 ASCII characters.');
  if (key.key.length !== SECRET_KEY_BYTES) throw new Error('A secret key must be 32 bytes.');
  const header = Buffer.concat([Buffer.from([ENVELOPE_FORMAT_V1, id.length]), id]);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(additionalData(header, associatedData));
  const ciphertext = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return Buffer.concat([header, nonce, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** The id of the key that sealed a value, read from its header without decrypting. */
export function envelopeKeyId(sealed: string): string {
  return parseEnvelope(sealed).keyId;
}

export function openWithKey(sealed: string, key: SecretKey, associatedData?: string): Buffer {
  const envelope = parseEnvelope(sealed);
  if (envelope.keyId !== key.id) {
    throw new SecretEnvelopeError('unknown_key', `The secret was sealed with key ${envelope.keyId}, not ${key.id}.`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, envelope.nonce);
  decipher.setAAD(additionalData(envelope.header, associatedData));
  decipher.setAuthTag(envelope.tag);
  try {
    return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  } catch {
    throw new SecretEnvelopeError('tampered', 'The sealed secret failed its integrity check: it was changed, moved to another record, or sealed with a different key of the same id.');
  }
}
