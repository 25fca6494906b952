import type { NamedMigration } from './index.js';

export const engineMigrations: NamedMigration[] = [];
