// A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, start it on a
// free loopback port, stop and delete it afterwards. PostgreSQL refuses to run as root,
// so as root the server runs as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  url: string;
  stop(): void;
}

export function findPostgresBinaries(): string | undefined {
  const candidates = [process.env.BROOK_PG_BINDIR, '/usr/local/bin', '/usr/bin'];
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) {
      candidates.push(join('/usr/lib/postgresql', version, 'bin'));
    }
  }
  return candidates.find((dir) => dir !== undefined && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bindir = findPostgresBinaries();
  if (!bindir) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with ' +
        '`apt-get install -y postgresql` or set BROOK_PG_BINDIR to the folder that holds initdb.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'brook-pg-'));
  const run = (file: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bindir, file);
    const commandArgs = asRoot ? ['-u', 'postgres', '--', join(bindir, file), ...args] : args;
    const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${file} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
    }
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', [
    '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30',
    '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
