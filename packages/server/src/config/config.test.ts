import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('serves SQLite in ./data on 127.0.0.1:7420 when nothing is set', () => {
    const config = loadConfig({}, '/srv/brook');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 7420,
      dataDir: '/srv/brook/data',
      database: 'sqlite',
      databaseUrl: '/srv/brook/data/brook.db',
      publicUrl: 'http://127.0.0.1:7420',
      allowPrivateNetworks: false,
    });
  });

  it('uses PostgreSQL when BROOK_DATABASE_URL is set', () => {
    const config = loadConfig({ BROOK_DATABASE_URL: 'postgres://brook@db:5432/brook', BROOK_PUBLIC_URL: 'https://brook.example.org/' });
    expect(config.database).toBe('postgres');
    expect(config.publicUrl).toBe('https://brook.example.org');
  });

  it('names every wrong variable and what it accepts, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({ BROOK_PORT: 'seventy', BROOK_DATABASE_URL: 'mysql://u:pw@h/db', BROOK_SECRET_KEY: 'short', BROOK_ALLOW_PRIVATE_NETWORKS: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('BROOK_PORT');
    expect(message).toContain('"seventy"');
    expect(message).toContain('BROOK_DATABASE_URL: must be a URL starting with postgres:// or postgresql://');
    expect(message).toContain('BROOK_SECRET_KEY: must be 32 random bytes');
    expect(message).toContain('BROOK_ALLOW_PRIVATE_NETWORKS: must be true or false');
    expect(message).not.toContain('short');
    expect(message).not.toContain(':pw@');
  });
});
