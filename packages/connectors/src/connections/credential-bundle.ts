// What a connection keeps sealed: its secret parameters and, for OAuth2, its tokens.
// Sealed as one JSON value bound to the connection id.
import type { TokenSet } from '../auth/types.js';
import type { Keyring } from '../secrets/keyring.js';

export interface CredentialBundle {
  v: 1;
  secrets: Record<string, string>;
  tokens?: TokenSet;
}

export function associatedDataFor(connectionId: string): string {
  return `connection:${connectionId}`;
}

export function sealBundle(keyring: Keyring, connectionId: string, bundle: CredentialBundle): string | null {
  if (Object.keys(bundle.secrets).length === 0 && !bundle.tokens) return null;
  return keyring.seal(JSON.stringify(bundle), associatedDataFor(connectionId));
}

export function openBundle(keyring: Keyring, connectionId: string, sealed: string | null): CredentialBundle {
  if (sealed === null) return { v: 1, secrets: {} };
  const parsed = JSON.parse(keyring.open(sealed, associatedDataFor(connectionId))) as CredentialBundle;
  return { v: 1, secrets: parsed.secrets ?? {}, ...(parsed.tokens ? { tokens: parsed.tokens } : {}) };
}
