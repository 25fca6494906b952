import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../database.js';
import { describeRunStore } from './run-store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'brook-store-'));
describeRunStore(
  'SQLite',
  async () => openDatabase({ url: join(dir, 'brook.db') }),
  async () => rmSync(dir, { recursive: true, force: true }),
);
