import { readFileSync } from 'node:fs';

/** The version of Brook, from the server package's manifest (same path from src/ and dist/). */
export const BROOK_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
