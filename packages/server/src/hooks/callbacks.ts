// Callback URLs of webhook actions (HttpWebhook): a service calls them back when its work
// is done, and the waiting run continues. Signed with an instance key kept in the
// database, so any Brook process can check a callback that another one handed out.
import { createHmac, randomBytes } from 'node:crypto';
import type { CallbackUrls } from '@brook/engine';
import type { PlatformStore } from '@brook/store';

const KEY_NAME = 'callback-key';

/** The instance's callback signing key, created once (the first process to start wins). */
export async function callbackKey(platform: PlatformStore): Promise<string> {
  const existing = await platform.values.get(KEY_NAME);
  if (existing) return existing;
  await platform.values.compareAndSet(KEY_NAME, undefined, randomBytes(32).toString('base64url'));
  return (await platform.values.get(KEY_NAME))!;
}

export function callbackSignature(key: string, runId: string, actionKey: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(`callback\n${runId}\n${actionKey}`).digest('base64url');
}

export class ActionCallbackUrls implements CallbackUrls {
  constructor(
    private readonly key: string,
    private readonly publicUrl: () => string,
  ) {}

  actionCallbackUrl(runId: string, actionKey: string): string {
    return `${this.publicUrl()}/api/v1/callbacks/${encodeURIComponent(runId)}/${encodeURIComponent(actionKey)}?sig=${callbackSignature(this.key, runId, actionKey)}`;
  }
}
