#!/usr/bin/env node
// `npm run bench`: runs every benchmark in scripts/bench/ (or those whose file name
// contains the words given as arguments) one after the other, so they do not compete
// for the CPU. Each benchmark prints its results and updates its section of
// docs/benchmarks.md itself.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'scripts/bench');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => /\.(mjs|ts)$/.test(file) && !file.startsWith('_'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const args = file.endsWith('.ts')
    ? ['--conditions=brook-source', '--import', 'tsx', join(dir, file)]
    : ['--conditions=brook-source', '--import', 'tsx', join(dir, file)];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`✖ ${file} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
