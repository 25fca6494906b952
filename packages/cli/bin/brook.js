#!/usr/bin/env node
// The `brook` command. It runs the compiled packages; `npm install` and `npm start` build them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('brook: the packages are not built yet. Run `npm run build` (or `npm start`) in the Brook folder first.');
  process.exit(2);
}
await import(main);
