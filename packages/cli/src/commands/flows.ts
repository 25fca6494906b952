// `brook flows list|import|export|enable|disable`: flows on a Brook server (BROOK_URL,
// BROOK_TOKEN). Tables for people, --json for scripts.
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BrookClient, clientOptionsFromEnv, describeApiError, formatTable, formatTime } from '@brook/server';

interface FlowSummary {
  id: string;
  name: string;
  enabled: boolean;
  triggerType: string | null;
  owner: { name: string };
  lastRun: { status: string; startedAt: string } | null;
  runsLast7Days: number;
  failuresLast7Days: number;
}

interface Flow extends FlowSummary {
  version: number;
  triggers: { name: string; callbackUrl: string | null }[];
}

/** Runs a client command: prints API errors with the fields they name, exit code 1. */
export async function withClient(work: (client: BrookClient) => Promise<void>): Promise<void> {
  try {
    await work(new BrookClient(clientOptionsFromEnv()));
  } catch (error) {
    console.error(describeApiError(error));
    process.exitCode = 1;
  }
}

export function print(value: unknown, json: boolean | undefined, table: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : table());
}

function describeFlow(flow: Flow): string {
  const lines = [`${flow.name} (${flow.id}), version ${flow.version}, ${flow.enabled ? 'on' : 'off'}`];
  for (const trigger of flow.triggers) if (trigger.callbackUrl) lines.push(`  ${trigger.name}: ${trigger.callbackUrl}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  const flows = program.command('flows').description('flows on a Brook server (BROOK_URL, BROOK_TOKEN)');

  flows
    .command('list')
    .description('the flows you own or co-own')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withClient(async (client) => {
        const { items } = await client.get<{ items: FlowSummary[] }>('/api/v1/flows');
        print(items, options.json, () =>
          items.length === 0
            ? 'No flows yet. Import one with `brook flows import FILE`.'
            : formatTable(
                ['ID', 'NAME', 'ON', 'TRIGGER', 'LAST RUN', 'RUNS 7D', 'FAILED 7D', 'OWNER'],
                items.map((flow) => [
                  flow.id,
                  flow.name,
                  flow.enabled ? 'on' : 'off',
                  flow.triggerType ?? '—',
                  flow.lastRun ? `${flow.lastRun.status} ${formatTime(flow.lastRun.startedAt)}` : '—',
                  String(flow.runsLast7Days),
                  String(flow.failuresLast7Days),
                  flow.owner.name,
                ]),
              ),
        );
      }),
    );

  flows
    .command('import <file>')
    .description('import a definition, Logic App, ARM template or Power Automate package (.zip)')
    .option('--name <name>', 'name of the new flow')
    .option('--json', 'print JSON')
    .action((file: string, options: { name?: string; json?: boolean }) =>
      withClient(async (client) => {
        const bytes = readFileSync(file);
        const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
        const result = await client.post<{ flow: Flow; warnings: { path: string; message: string }[] }>('/api/v1/flows/import', {
          fileName: basename(file),
          content: zip ? bytes.toString('base64') : bytes.toString('utf8'),
          encoding: zip ? 'base64' : 'utf8',
          ...(options.name ? { name: options.name } : {}),
        });
        print(result, options.json, () => [`Imported ${describeFlow(result.flow)}`, ...result.warnings.map((w) => `  warning ${w.path || '/'}: ${w.message}`)].join('\n'));
      }),
    );

  flows
    .command('export <id>')
    .description('write the definition file of a flow')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action((id: string, options: { output?: string }) =>
      withClient(async (client) => {
        const file = await client.get<unknown>(`/api/v1/flows/${encodeURIComponent(id)}/export`);
        const text = `${JSON.stringify(file, null, 2)}\n`;
        if (options.output) {
          writeFileSync(options.output, text);
          console.error(`Wrote ${options.output}.`);
        } else process.stdout.write(text);
      }),
    );

  for (const [action, verb] of [['enable', 'on'], ['disable', 'off']] as const) {
    flows
      .command(`${action} <id>`)
      .description(`turn a flow ${verb}`)
      .option('--json', 'print JSON')
      .action((id: string, options: { json?: boolean }) =>
        withClient(async (client) => {
          const flow = await client.post<Flow>(`/api/v1/flows/${encodeURIComponent(id)}/${action}`);
          print(flow, options.json, () => `Turned ${verb}: ${describeFlow(flow)}`);
        }),
      );
  }
}
