// The keyring: every key Brook can read secrets with, and the one it seals new secrets
// with (the primary). During a rotation both the old and the new key are in it, so every
// record opens whichever key sealed it ("rotation without downtime").
import { createHash } from 'node:crypto';
import { envelopeKeyId, openWithKey, sealWithKey, SecretEnvelopeError, SECRET_KEY_BYTES, type SecretKey } from './envelope.js';

/** A stable id for a key, derived from the key itself so no one has to keep a list. */
export function secretKeyId(key: Buffer): string {
  return `k${createHash('sha256').update('brook-secret-key-id').update(key).digest('hex').slice(0, 15)}`;
}

export interface KeyringContents {
  keys: SecretKey[];
  primaryKeyId: string;
}

export class Keyring {
  private keys = new Map<string, SecretKey>();
  private primary!: SecretKey;

  /**
   * @param reload reads the key source again; called once when a record names a key
   *   this keyring does not hold yet (another process rotated), and by refresh().
   */
  constructor(
    contents: KeyringContents,
    private readonly reload?: () => KeyringContents,
  ) {
    this.replace(contents);
  }

  static fromKeys(keys: Buffer[], primaryIndex = 0): Keyring {
    const secretKeys = keys.map((key) => ({ id: secretKeyId(key), key }));
    const primary = secretKeys[primaryIndex];
    if (!primary) throw new Error('A keyring needs at least one key.');
    return new Keyring({ keys: secretKeys, primaryKeyId: primary.id });
  }

  get primaryKeyId(): string {
    return this.primary.id;
  }

  keyIds(): string[] {
    return [...this.keys.keys()];
  }

  hasKey(id: string): boolean {
    return this.keys.has(id);
  }

  /** A keyring that also holds `key` and seals with it; this one's keys stay readable. */
  withPrimary(key: Buffer): Keyring {
    const added = { id: secretKeyId(key), key };
    return new Keyring({ keys: [added, ...[...this.keys.values()].filter((existing) => existing.id !== added.id)], primaryKeyId: added.id });
  }

  /** A keyring without the given keys (after a rotation finished); the primary cannot be dropped. */
  without(ids: string[]): Keyring {
    if (ids.includes(this.primary.id)) throw new Error('The primary key cannot be removed from the keyring.');
    return new Keyring({ keys: [...this.keys.values()].filter((key) => !ids.includes(key.id)), primaryKeyId: this.primary.id });
  }

  /** Re-reads the key source (no-op without one). */
  refresh(): void {
    if (this.reload) this.replace(this.reload());
  }

  seal(plaintext: string, associatedData?: string): string {
    return sealWithKey(plaintext, this.primary, associatedData);
  }

  open(sealed: string, associatedData?: string): string {
    return openWithKey(sealed, this.keyFor(sealed), associatedData).toString('utf8');
  }

  /** True when the value was sealed with another key than the primary. */
  needsReseal(sealed: string): boolean {
    return envelopeKeyId(sealed) !== this.primary.id;
  }

  /** Opens with whatever key sealed it and seals again with the primary. */
  reseal(sealed: string, associatedData?: string): string {
    return this.seal(this.open(sealed, associatedData), associatedData);
  }

  private keyFor(sealed: string): SecretKey {
    const id = envelopeKeyId(sealed);
    let key = this.keys.get(id);
    if (!key && this.reload) {
      this.refresh();
      key = this.keys.get(id);
    }
    if (!key) {
      throw new SecretEnvelopeError(
        'unknown_key',
        `The secret was sealed with key ${id}, which is not in the keyring (it holds ${this.keyIds().join(', ')}). ` +
          'Restore the key file or BROOK_SECRET_KEY_PREVIOUS that held it.',
      );
    }
    return key;
  }

  private replace(contents: KeyringContents): void {
    const keys = new Map<string, SecretKey>();
    for (const key of contents.keys) {
      if (key.key.length !== SECRET_KEY_BYTES) throw new Error(`Secret key ${key.id} is ${key.key.length} bytes; keys are 32 bytes.`);
      keys.set(key.id, key);
    }
    const primary = keys.get(contents.primaryKeyId);
    if (!primary) throw new Error(`The primary key ${contents.primaryKeyId} is not among the keys of the keyring.`);
    this.keys = keys;
    this.primary = primary;
  }
}
