// The REST API as the signed-in page calls it (its session cookie and CSRF token): for
// setting up what a test needs without clicking through every step again.
import type { Page } from 'playwright-core';

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

export async function apiOf(page: Page, url: string): Promise<ApiCall> {
  const state = (await (await page.request.get(`${url}/api/v1/auth/state`)).json()) as { csrfToken: string };
  return async (method, path, body) => {
    const response = await page.request.fetch(`${url}/api/v1${path}`, { method, headers: { 'x-csrf-token': state.csrfToken }, ...(body === undefined ? {} : { data: body }) });
    if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
}
