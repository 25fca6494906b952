#!/usr/bin/env node
// `npm test`: everything a change must pass, in the order a failure is cheapest to see.
// It sets up what tests need beyond npm packages (Debian's Chromium, PostgreSQL server
// binaries) or stops with a message naming what is missing and how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extraArgs = process.argv.slice(2);

function step(title, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

ensureSystemPackages();
const node = process.execPath;
step('Build (tsc -b, portal)', node, [join(root, 'scripts/build.mjs')]);
step('Typecheck tests and scripts', node, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tests/tsconfig.json']);
step('Lint (typescript-eslint, typed)', node, [join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings=0']);
if (existsSync(join(root, 'web/tsconfig.json'))) {
  step('Typecheck the portal', node, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json', '--noEmit']);
}
step('Tests (vitest)', node, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...extraArgs]);
