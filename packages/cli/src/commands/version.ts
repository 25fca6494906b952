import type { Command } from 'commander';
import { readFileSync } from 'node:fs';

export function register(program: Command): void {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  program.version(manifest.version, '-v, --version', 'print the version of brook');
}
