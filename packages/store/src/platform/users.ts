// Accounts: people who sign in. E-mail addresses are kept lower-cased so they compare as people expect.
import type { Kysely, Selectable } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { UserRole, UsersTable } from '../schema/platform.js';
import { newId } from './ids.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  createdAt: number;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
}

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return { id: row.id, email: row.email, name: row.name, role: row.role, passwordHash: row.password_hash, createdAt: Number(row.created_at) };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(input: NewUser, now = Date.now()): Promise<UserRecord> {
    const row = {
      id: newId('usr', now),
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      password_hash: input.passwordHash,
      created_at: now,
    };
    await this.db.insertInto('users').values(row).execute();
    return toRecord(row);
  }

  /**
   * Creates the first user only while there is none. Two concurrent setups cannot both
   * win: each inserts the same guard row, and the unique key lets only one through.
   */
  async createFirst(input: NewUser, now = Date.now()): Promise<UserRecord | null> {
    return this.db.transaction().execute(async (trx) => {
      const guard = await trx
        .insertInto('platform_values')
        .values({ key: 'setup:first-user', value: normalizeEmail(input.email), updated_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(guard.numInsertedOrUpdatedRows ?? 0) === 0) return null;
      const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (existing) return null;
      return new UserRepository(trx).create(input, now);
    });
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async findMany(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return rows.map(toRecord);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async listAdmins(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().where('role', '=', 'admin').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }
}
