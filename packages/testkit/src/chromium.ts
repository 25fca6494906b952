// Browser tests drive Debian's Chromium through playwright-core (no browser download):
// one fresh profile per launch, headless, with the flags that work in this sandbox
// (no sandbox, no GPU, no background traffic). Pages reach loopback only: a page that
// loads something from the internet (a web font…) fails that load at once instead of
// waiting on a name lookup.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** BROOK_CHROMIUM, or Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium(): string | null {
  const candidates = [process.env.BROOK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));
  return candidates.find((path) => existsSync(path)) ?? null;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot of the page as DIR/NN-name.png, numbered in the order taken. */
  screenshot: (name: string) => Promise<string>;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** Folder for screenshots, emptied and created at launch; default test-artifacts/. */
  artifactsDir?: string;
  viewport?: { width: number; height: number };
}

export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserSession> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('Chromium was not found at /usr/bin/chromium. Install it with `apt-get install -y chromium` (npm test does this as root), or set BROOK_CHROMIUM to its path.');
  }
  const profile = mkdtempSync(join(tmpdir(), 'brook-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 860 },
  });
  await context.route(
    (url) => !LOOPBACK_HOSTS.has(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => route.abort('addressunreachable'),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const artifactsDir = options.artifactsDir ?? 'test-artifacts';
  // Each launch starts a fresh set, so the folder never mixes steps of two runs.
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  let taken = 0;
  return {
    context,
    page,
    screenshot: async (name) => {
      taken += 1;
      const path = join(artifactsDir, `${String(taken).padStart(2, '0')}-${name}.png`);
      // A full-page picture taken while scrolled draws a sticky top bar in the middle of the
      // page: take it from the top, then scroll back to where the step left the page.
      // (Page code as text: this package is built without the DOM's types.)
      const scrolled = await page.evaluate<[number, number]>('(() => { const at = [scrollX, scrollY]; scrollTo(0, 0); return at; })()');
      await page.screenshot({ path, fullPage: true });
      await page.evaluate(`scrollTo(${scrolled[0]}, ${scrolled[1]})`);
      return path;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
