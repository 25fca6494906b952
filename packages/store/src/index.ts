// @brook/store — persistence: schema, migrations, repositories, the work queue. SQLite and PostgreSQL through Kysely.
export {};
