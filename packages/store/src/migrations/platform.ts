import type { NamedMigration } from './index.js';

export const platformMigrations: NamedMigration[] = [];
