#!/usr/bin/env node
// Builds what `brook` needs to run: the TypeScript packages (incremental, so a no-op when
// nothing changed) and, unless --backend is given, the portal when its sources are newer
// than its last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const backendOnly = process.argv.includes('--backend');

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`brook build: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);

if (!backendOnly && existsSync(join(root, 'web/index.html'))) {
  const built = join(root, 'web/dist/index.html');
  const sourcesChanged =
    !existsSync(built) ||
    Math.max(newestMtime(join(root, 'web/src')), newestMtime(join(root, 'web/index.html')), newestMtime(join(root, 'web/vite.config.ts'))) >
      statSync(built).mtimeMs;
  if (sourcesChanged) run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], join(root, 'web'));
}
