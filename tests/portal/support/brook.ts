// A real Brook (API, engine, workers, portal) on 127.0.0.1 for the browser tests, with its
// data in a temporary folder. The portal is built first when its sources changed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, testConfig } from '@brook/server';
import { freePort } from '@brook/testkit';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const web = join(root, 'web');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function stale(built: string): boolean {
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')));
  return !existsSync(built) || statSync(built).mtimeMs < sources;
}

/** Runs `work` holding a lock folder, so test files started in parallel build once. */
function withBuildLock(work: () => void): void {
  const lock = join(web, '.build-lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} has been held for two minutes; remove it if no build is running.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds web/dist with vite when it is missing or older than web/src (as scripts/build.mjs does). */
export function ensurePortalBuilt(): string {
  const dist = join(web, 'dist');
  const built = join(dist, 'index.html');
  if (!stale(built)) return dist;
  withBuildLock(() => {
    if (!stale(built)) return;
    const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: web, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`Building the portal failed:\n${result.stderr}${result.stdout}`);
  });
  return dist;
}

export interface RunningBrook {
  url: string;
  close(): Promise<void>;
}

export async function startBrook(): Promise<RunningBrook> {
  const webDist = ensurePortalBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-portal-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The services these tests call run on loopback, which Brook refuses by default.
  const config = testConfig(dataDir, { port, publicUrl: url, allowPrivateNetworks: true });
  const server = await createServer(config, { webDist });
  await server.listen();
  return {
    url,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
