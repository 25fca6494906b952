// `brook secrets rotate` against real databases made by the store's migrations: a SQLite
// file, and PostgreSQL (a fresh database in the test cluster).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { associatedDataFor, loadKeyring } from '@brook/connectors';
import { createPlatformStore, migrateToLatest, openDatabase } from '@brook/store';
import { createTestDatabase } from '@brook/testkit';
import { openServerStorage, RotateError, rotateSecrets, type SecretStorage } from './secrets.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface DataDir {
  dir: string;
  databaseUrl: string;
  keyFile: string;
  database: 'sqlite' | 'postgres';
}

const bundle = (password: string): string => JSON.stringify({ v: 1, secrets: { password } });

async function dataDirWithConnections(count: number, kind: 'sqlite' | 'postgres' = 'sqlite', pendingSignIns = 0): Promise<DataDir> {
  const dir = mkdtempSync(join(tmpdir(), 'brook-rotate-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let databaseUrl = join(dir, 'brook.db');
  if (kind === 'postgres') {
    const postgres = await createTestDatabase('rotate');
    cleanups.push(() => postgres.drop());
    databaseUrl = postgres.url;
  }
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
      secretsSealed: keyring.seal(bundle(`pw-${i}`), associatedDataFor(id)),
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
  for (let i = 0; i < pendingSignIns; i++) {
    const state = `state-${i}`;
    await store.oauthStates.save({
      state,
      connectionId: 'con-0',
      userId: owner.id,
      verifierSealed: keyring.seal(`verifier-${i}`, `oauth-state:${state}`),
      redirectUri: 'https://brook.example.test/api/v1/oauth/callback',
      returnTo: '/settings/connections',
      expiresAt: Date.now() + 600_000,
    });
  }
  await database.close();
  return { dir, databaseUrl, keyFile, database: kind };
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

    const rows = await connectionsIn(databaseUrl);
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

async function connectionsIn(databaseUrl: string) {
  const database = openDatabase({ url: databaseUrl });
  try {
    return await createPlatformStore(database).connections.listAll();
  } finally {
    await database.close();
  }
}

describe('brook secrets rotate on PostgreSQL', () => {
  it('re-seals every connection and pending sign-in under a new key; a running server keeps opening them', async () => {
    const { databaseUrl, keyFile } = await dataDirWithConnections(120, 'postgres', 2);
    const running = loadKeyring({ env: {}, keyFile }).keyring;
    const lines: string[] = [];
    const outcome = await rotateSecrets({ env: {}, keyFile, newKey: true, openStorage: () => openServerStorage({ database: 'postgres', databaseUrl }), print: (line) => lines.push(line) });
    expect(outcome.addedKey).toBe(true);
    expect(outcome.primaryKeyId).not.toBe(running.primaryKeyId);
    expect(outcome.reports).toEqual([
      { what: 'connection credentials', report: expect.objectContaining({ scanned: 120, resealed: 120, remaining: 0, failures: [] }) },
      { what: 'pending OAuth2 sign-ins', report: expect.objectContaining({ scanned: 2, resealed: 2, remaining: 0, failures: [] }) },
    ]);
    // More than one page of 100: progress is printed per page.
    expect(lines).toContain('  connection credentials: 100 looked at, 100 re-sealed');

    const fresh = loadKeyring({ env: {}, keyFile }).keyring;
    const onlyNewKey = fresh.without(fresh.keyIds().filter((id) => id !== fresh.primaryKeyId));
    const rows = await connectionsIn(databaseUrl);
    expect(rows).toHaveLength(120);
    for (const row of rows) {
      expect(row.revision).toBe(3);
      expect(JSON.parse(onlyNewKey.open(row.secretsSealed!, associatedDataFor(row.id))).secrets.password).toBe(`pw-${row.id.slice(4)}`);
      expect(JSON.parse(running.open(row.secretsSealed!, associatedDataFor(row.id))).secrets.password).toBe(`pw-${row.id.slice(4)}`);
    }
    const database = openDatabase({ url: databaseUrl });
    const verifiers = await database.db.selectFrom('oauth_states').select(['state', 'verifier_sealed']).orderBy('state').execute();
    await database.close();
    expect(verifiers.map((row) => onlyNewKey.open(row.verifier_sealed, `oauth-state:${row.state}`))).toEqual(['verifier-0', 'verifier-1']);
  });

  it('never overwrites a token refreshed while it runs: the record is re-sealed on the next pass', async () => {
    const { databaseUrl, keyFile } = await dataDirWithConnections(3, 'postgres');
    const writerKeyring = loadKeyring({ env: {}, keyFile }).keyring; // a server process that has not seen the new key yet
    let interfered = false;
    const openStorage = async (): Promise<SecretStorage> => {
      const storage = await openServerStorage({ database: 'postgres', databaseUrl });
      const connections = storage.records[0]!.records;
      const replace = connections.replace.bind(connections);
      connections.replace = async (id, expected, next) => {
        if (id === 'con-1' && !interfered) {
          interfered = true;
          // Another process refreshes con-1 between the rotation's read and its write.
          const other = openDatabase({ url: databaseUrl });
          const store = createPlatformStore(other);
          const written = await store.connections.writeCredentials(
            'con-1',
            { expectedRevision: 3, secretNames: ['password'], secretsSealed: writerKeyring.seal(bundle('pw-refreshed'), associatedDataFor('con-1')), tokenExpiresAt: null },
            Date.now(),
          );
          await other.close();
          expect(written.ok).toBe(true);
        }
        return replace(id, expected, next);
      };
      return storage;
    };
    const outcome = await rotateSecrets({ env: {}, keyFile, newKey: true, openStorage, print: () => undefined });
    expect(outcome.reports[0]?.report).toMatchObject({ resealed: 3, changedMeanwhile: 1, passes: 2, remaining: 0 });
    const keyring = loadKeyring({ env: {}, keyFile }).keyring;
    const rows = await connectionsIn(databaseUrl);
    const passwords = rows.map((row) => JSON.parse(keyring.open(row.secretsSealed!, associatedDataFor(row.id))).secrets.password as string);
    expect(passwords).toEqual(['pw-0', 'pw-refreshed', 'pw-2']);
    expect(rows.every((row) => !keyring.needsReseal(row.secretsSealed!))).toBe(true);
    expect(rows.find((row) => row.id === 'con-1')?.revision).toBe(4);
  });

  it('stops with a message and changes nothing when the database has no Brook tables', async () => {
    const postgres = await createTestDatabase('rotate_empty');
    cleanups.push(() => postgres.drop());
    const dir = mkdtempSync(join(tmpdir(), 'brook-rotate-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const keyFile = join(dir, 'secret.key');
    loadKeyring({ env: {}, keyFile });
    const before = readFileSync(keyFile, 'utf8');
    await expect(rotateSecrets({ env: {}, keyFile, newKey: true, openStorage: () => openServerStorage({ database: 'postgres', databaseUrl: postgres.url }), print: () => undefined })).rejects.toThrow(
      /BROOK_DATABASE_URL has no Brook tables .*Start Brook once to create them\. Nothing was changed\./,
    );
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });
});
