// Pending OAuth consents. A state is used once: taking it deletes it.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';

export interface OAuthStateRecord {
  state: string;
  connectionId: string;
  userId: string;
  verifierSealed: string;
  redirectUri: string;
  returnTo: string;
  expiresAt: number;
}

export class OAuthStateRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async save(record: OAuthStateRecord): Promise<void> {
    await this.db
      .insertInto('oauth_states')
      .values({
        state: record.state,
        connection_id: record.connectionId,
        user_id: record.userId,
        verifier_sealed: record.verifierSealed,
        redirect_uri: record.redirectUri,
        return_to: record.returnTo,
        expires_at: record.expiresAt,
      })
      .execute();
  }

  /** Returns and forgets the state; undefined when unknown, already used or expired. */
  async take(state: string, now = Date.now()): Promise<OAuthStateRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('oauth_states').selectAll().where('state', '=', state).executeTakeFirst();
      if (!row) return undefined;
      await trx.deleteFrom('oauth_states').where('state', '=', state).execute();
      if (Number(row.expires_at) <= now) return undefined;
      return {
        state: row.state,
        connectionId: row.connection_id,
        userId: row.user_id,
        verifierSealed: row.verifier_sealed,
        redirectUri: row.redirect_uri,
        returnTo: row.return_to,
        expiresAt: Number(row.expires_at),
      };
    });
  }
}
