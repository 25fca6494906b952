// `brook connections list|verify`: connections on a Brook server, their status and the
// runs each broke; verify with the stored credentials or new ones.
import type { Command } from 'commander';
import { formatTable, formatTime } from '@brook/server';
import { print, withClient } from './flows.js';

interface Connection {
  id: string;
  name: string;
  connectorName: string;
  authType: string;
  status: string;
  statusReason: string | null;
  lastCheckedAt: string | null;
  owner: { name: string };
  broken: { runs: number; flows: number; since: string | null };
}

/** "password=…" pairs into an object. */
function secretsFrom(pairs: string[]): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--secret takes NAME=VALUE, not "${pair.replace(/=.*/, '=…')}".`);
    secrets[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return secrets;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function register(program: Command): void {
  const connections = program.command('connections').description('connections on a Brook server (BROOK_URL, BROOK_TOKEN)');

  connections
    .command('list')
    .description('your connections and those shared with you, with their status')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withClient(async (client) => {
        const { items } = await client.get<{ items: Connection[] }>('/api/v1/connections');
        print(items, options.json, () =>
          items.length === 0
            ? 'No connections.'
            : formatTable(
                ['ID', 'NAME', 'CONNECTOR', 'STATUS', 'CHECKED', 'BROKEN RUNS', 'OWNER'],
                items.map((connection) => [
                  connection.id,
                  connection.name,
                  connection.connectorName,
                  connection.status,
                  formatTime(connection.lastCheckedAt),
                  connection.broken.runs ? `${connection.broken.runs} (${connection.broken.flows} flow${connection.broken.flows === 1 ? '' : 's'}) since ${formatTime(connection.broken.since)}` : '0',
                  connection.owner.name,
                ]),
              ),
        );
      }),
    );

  connections
    .command('verify <id>')
    .description('verify a connection against its service; new secrets are kept only when they verify')
    .option('--secret <name=value>', 'a new secret, e.g. password=… (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--secret-stdin <name>', 'read the new value of this secret from standard input (kept out of the shell history and process list)')
    .option('--json', 'print JSON')
    .action((id: string, options: { secret: string[]; secretStdin?: string; json?: boolean }) =>
      withClient(async (client) => {
        const secrets = secretsFrom(options.secret);
        if (options.secretStdin) secrets[options.secretStdin] = await readStdin();
        const result = await client.post<{ ok: boolean; message: string; connection: Connection }>(
          `/api/v1/connections/${encodeURIComponent(id)}/verify`,
          Object.keys(secrets).length ? { secrets } : {},
        );
        print(result, options.json, () => {
          const lines = [`${result.connection.name}: ${result.ok ? 'connected' : result.connection.status}. ${result.message}`];
          if (result.ok && result.connection.broken.runs > 0) {
            lines.push(`${result.connection.broken.runs} run${result.connection.broken.runs === 1 ? '' : 's'} failed because of it; resubmit them with \`brook runs resubmit --connection ${result.connection.id}\`.`);
          }
          return lines.join('\n');
        });
        if (!result.ok) process.exitCode = 1;
      }),
    );
}
