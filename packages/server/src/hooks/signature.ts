// Callback URLs of Request triggers carry `sig`: an HMAC-SHA256 of the flow id and the
// trigger name under the flow's own key (like Logic Apps' SAS `sig`). Regenerating the
// key invalidates every URL given out before.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = '1';

export function newTriggerKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Trigger names compare case-insensitively, as in WDL. */
export function hookSignature(key: string, flowId: string, triggerName: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(`v${SIGNATURE_VERSION}\n${flowId}\n${triggerName.toLowerCase()}`).digest('base64url');
}

/** Compares in constant time with the expected signature (see hookSignature). */
export function signatureMatches(expectedSignature: string, sig: string | undefined): boolean {
  if (!sig) return false;
  const expected = Buffer.from(expectedSignature);
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function callbackUrl(publicUrl: string, key: string, flowId: string, triggerName: string): string {
  const base = `${publicUrl}/api/v1/hooks/${encodeURIComponent(flowId)}/${encodeURIComponent(triggerName)}`;
  return `${base}?sv=${SIGNATURE_VERSION}&sig=${hookSignature(key, flowId, triggerName)}`;
}
