// Things the tests need that npm does not provide: PostgreSQL server binaries and Debian's
// Chromium. As root on Debian they are installed with apt-get; otherwise we stop with
// the command that installs them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function hasPostgres() {
  const dirs = [process.env.BROOK_PG_BINDIR, '/usr/local/bin', '/usr/bin'];
  if (existsSync('/usr/lib/postgresql')) for (const v of readdirSync('/usr/lib/postgresql')) dirs.push(join('/usr/lib/postgresql', v, 'bin'));
  return dirs.some((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

function hasChromium() {
  return existsSync(process.env.BROOK_CHROMIUM ?? '/usr/bin/chromium');
}

function aptInstall(packages) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) return false;
  console.log(`Installing ${packages.join(', ')} with apt-get (needed by the tests)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  }
  return result.status === 0;
}

export function ensureSystemPackages() {
  const missing = [];
  if (!hasPostgres()) missing.push('postgresql');
  if (!hasChromium()) missing.push('chromium');
  if (missing.length === 0) return;
  if (aptInstall(missing) && hasPostgres() && hasChromium()) return;
  const lines = [];
  if (!hasPostgres()) lines.push('- PostgreSQL server binaries (initdb, pg_ctl): `apt-get install -y postgresql`, or set BROOK_PG_BINDIR to their folder.');
  if (!hasChromium()) lines.push("- Chromium for the portal tests: `apt-get install -y chromium`, or set BROOK_CHROMIUM to a Chromium binary.");
  console.error(`The tests need programs that are not installed:\n${lines.join('\n')}`);
  process.exit(1);
}

export function postgresVersion() {
  try { return execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
}
