// `brook secrets rotate` against a real SQLite database made by the store's migrations.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { associatedDataFor, loadKeyring } from '@brook/connectors';
import { createPlatformStore, migrateToLatest, openDatabase } from '@brook/store';
import { openServerStorage, RotateError, rotateSecrets } from './secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function dataDirWithConnections(count: number): Promise<{ dir: string; databaseUrl: string; keyFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'brook-rotate-'));
  dirs.push(dir);
  const databaseUrl = join(dir, 'brook.db');
  const keyFile = join(dir, 'secret.key');
  const { keyring } = loadKeyring({ env: {}, keyFile });
  const database = openDatabase({ url: databaseUrl });
  await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
  const store = createPlatformStore(database);
  const owner = await store.users.create({ email: 'ada@example.test', name: 'Ada', role: 'admin', passwordHash: 'x' });
  for (let i = 0; i < count; i++) {
    const id = `con-${i}`;
    await store.connections.insert({
      id,
      ownerId: owner.id,
      name: `Connection ${i}`,
      connectorId: 'http',
      authType: 'basic',
      parameters: { baseUrl: 'https://api.example.test', username: 'ada' },
      secretNames: ['password'],
      secretsSealed: keyring.seal(JSON.stringify({ v: 1, secrets: { password: `pw-${i}` } }), associatedDataFor(id)),
      status: 'connected',
      statusReason: null,
      lastCheckedAt: null,
      lastSuccessAt: null,
      tokenExpiresAt: null,
      revision: 3,
      createdAt: 1,
      updatedAt: 1,
    });
  }
  await database.close();
  return { dir, databaseUrl, keyFile };
}

describe('brook secrets rotate', () => {
  it('adds a key and re-seals every connection with it; old keys stay readable', async () => {
    const { databaseUrl, keyFile } = await dataDirWithConnections(5);
    const running = loadKeyring({ env: {}, keyFile }).keyring; // a server started before the rotation
    const oldKeyId = running.primaryKeyId;
    const lines: string[] = [];
    const outcome = await rotateSecrets({ env: {}, keyFile, newKey: true, openStorage: () => openServerStorage({ database: 'sqlite', databaseUrl }), print: (line) => lines.push(line) });
    expect(outcome.addedKey).toBe(true);
    expect(outcome.primaryKeyId).not.toBe(oldKeyId);
    expect(outcome.reports[0]).toMatchObject({ what: 'connection credentials', report: { resealed: 5, remaining: 0, failures: [] } });
    expect(lines).toContainEqual(`connection credentials: 5 re-sealed, 0 already under the new key, 0 left on older keys.`);
    expect(JSON.parse(readFileSync(keyFile, 'utf8')).keys).toHaveLength(2);

    const database = openDatabase({ url: databaseUrl });
    const rows = await createPlatformStore(database).connections.listAll();
    await database.close();
    const fresh = loadKeyring({ env: {}, keyFile }).keyring;
    for (const row of rows) {
      expect(fresh.needsReseal(row.secretsSealed!)).toBe(false);
      expect(row.revision).toBe(3);
      // The running server opens the new envelopes: it re-reads the key file when it meets the new key.
      expect(JSON.parse(running.open(row.secretsSealed!, associatedDataFor(row.id))).secrets.password).toMatch(/^pw-\d$/);
    }
  });

  it('needs the server database, and changes nothing without it', async () => {
    const { dir, keyFile } = await dataDirWithConnections(0);
    const before = readFileSync(keyFile, 'utf8');
    await expect(
      rotateSecrets({ env: {}, keyFile, newKey: true, openStorage: () => openServerStorage({ database: 'sqlite', databaseUrl: join(dir, 'elsewhere', 'brook.db') }), print: () => undefined }),
    ).rejects.toThrow(RotateError);
    await expect(openServerStorage({ database: 'sqlite', databaseUrl: join(dir, 'none.db') })).rejects.toThrow(/needs the server's database, and there is none at .*none\.db/);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('with BROOK_SECRET_KEY, explains how to rotate and re-seals under the current key', async () => {
    const { databaseUrl, keyFile } = await dataDirWithConnections(2);
    const lines: string[] = [];
    const env = { BROOK_SECRET_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 97 + 13) % 256)).toString('base64') };
    const outcome = await rotateSecrets({ env, keyFile, newKey: true, openStorage: () => openServerStorage({ database: 'sqlite', databaseUrl }), print: (line) => lines.push(line) });
    expect(outcome.addedKey).toBe(false);
    expect(lines[0]).toContain('put the new key in BROOK_SECRET_KEY and the old one in BROOK_SECRET_KEY_PREVIOUS');
    // The key file's keys are still readable, so the records move to the variable's key.
    expect(outcome.reports[0]?.report).toMatchObject({ resealed: 2, remaining: 0 });
  });
});
