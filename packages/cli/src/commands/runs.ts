// `brook runs list|show|why|resubmit|cancel`: run history on a Brook server. `why` prints
// the classified error of a failed run and the steps that fix it.
import type { Command } from 'commander';
import { formatDuration, formatTable, formatTime, type BrookClient } from '@brook/server';
import { print, withClient } from './flows.js';

interface ClassifiedError {
  code: string;
  category: string;
  message: string;
  status?: number;
  connectionId?: string;
  connectionName?: string;
  remedy: { summary: string; steps: string[] };
}

interface RunSummary {
  id: string;
  flowId: string;
  flowName: string;
  status: string;
  startedAt: string;
  durationMs: number | null;
  error: ClassifiedError | null;
  failedAction: string | null;
  resubmittedFrom: string | null;
  resubmittedAs: string[];
}

interface Run extends RunSummary {
  actions: { name: string; status: string; code: string | null; durationMs: number | null; scopePath: string[]; iteration: number | null; error: ClassifiedError | null }[];
}

interface Job {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  results: { runId: string; newRunId: string | null; error: string | null }[];
}

const short = (text: string, length = 60): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** The classified error and its remedy, as `brook runs why` prints it. */
export function explainFailure(run: RunSummary): string {
  if (run.status !== 'Failed' && run.status !== 'TimedOut') return `Run ${run.id} of '${run.flowName}' did not fail: it is ${run.status}.`;
  const error = run.error;
  if (!error) return `Run ${run.id} of '${run.flowName}' failed, but no reason was recorded.`;
  const lines = [
    `Run ${run.id} of '${run.flowName}' failed${run.failedAction ? ` at the action '${run.failedAction}'` : ''}.`,
    `Why: ${error.message}`,
    `Category: ${error.category}${error.status ? ` (HTTP ${error.status})` : ''}, code ${error.code}`,
  ];
  if (error.connectionId) lines.push(`Connection: ${error.connectionName ?? error.connectionId} (${error.connectionId})`);
  lines.push('', `What to do: ${error.remedy.summary}`, ...error.remedy.steps.map((step, index) => `  ${index + 1}. ${step}`));
  if (run.resubmittedAs.length > 0) lines.push('', `Already resubmitted as ${run.resubmittedAs.join(', ')}.`);
  return lines.join('\n');
}

async function followJob(client: BrookClient, job: Job, json: boolean | undefined): Promise<void> {
  let current = job;
  // A progress line for people at a terminal; logs of scripts get the result only.
  const progress = !json && process.stderr.isTTY;
  while (current.status === 'queued' || current.status === 'running') {
    if (progress) process.stderr.write(`\rResubmitting: ${current.done} of ${current.total}${current.failed ? `, ${current.failed} failed` : ''}…`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    current = await client.get<Job>(`/api/v1/jobs/${current.id}`);
  }
  if (progress && current !== job) process.stderr.write('\n');
  print(current, json, () =>
    current.total === 0
      ? 'Nothing to resubmit: no run that failed because of it is waiting to be resubmitted.'
      : [
          `Job ${current.id} ${current.status}: ${current.done - current.failed} resubmitted, ${current.failed} failed, of ${current.total}.`,
          ...current.results.filter((result) => result.error).map((result) => `  ${result.runId}: ${result.error}`),
        ].join('\n'),
  );
  if (current.failed > 0 || current.status === 'failed') process.exitCode = 1;
}

export function register(program: Command): void {
  const runs = program.command('runs').description('runs on a Brook server (BROOK_URL, BROOK_TOKEN)');

  runs
    .command('list')
    .description('run history, newest first')
    .option('--flow <id>', 'runs of one flow')
    .option('--status <status>', 'Succeeded, Failed, Running, Cancelled, …')
    .option('--since <time>', 'runs started at or after this ISO time')
    .option('--connection <id>', 'runs in which a call through this connection failed')
    .option('--category <category>', 'error category: authentication, permission, throttled, …')
    .option('--limit <n>', 'how many (at most 500)', '50')
    .option('--json', 'print JSON')
    .action((options: { flow?: string; status?: string; since?: string; connection?: string; category?: string; limit: string; json?: boolean }) =>
      withClient(async (client) => {
        const query = new URLSearchParams({ limit: options.limit });
        if (options.flow) query.set('flowId', options.flow);
        if (options.status) query.set('status', options.status);
        if (options.since) query.set('from', options.since);
        if (options.connection) query.set('connectionId', options.connection);
        if (options.category) query.set('category', options.category);
        const page = await client.get<{ items: RunSummary[]; nextCursor: string | null }>(`/api/v1/runs?${query}`);
        print(page.items, options.json, () =>
          page.items.length === 0
            ? 'No runs.'
            : formatTable(
                ['ID', 'FLOW', 'STATUS', 'STARTED', 'DURATION', 'ERROR'],
                page.items.map((run) => [run.id, short(run.flowName, 30), run.status, formatTime(run.startedAt), formatDuration(run.durationMs), run.error ? short(`${run.error.category}: ${run.error.message}`) : '']),
              ),
        );
      }),
    );

  runs
    .command('show <id>')
    .description('one run with every action')
    .option('--json', 'print JSON')
    .action((id: string, options: { json?: boolean }) =>
      withClient(async (client) => {
        const run = await client.get<Run>(`/api/v1/runs/${encodeURIComponent(id)}`);
        print(run, options.json, () =>
          [
            `Run ${run.id} of '${run.flowName}': ${run.status}, started ${formatTime(run.startedAt)}, ${formatDuration(run.durationMs)}`,
            ...(run.resubmittedFrom ? [`Resubmitted from ${run.resubmittedFrom}`] : []),
            '',
            formatTable(
              ['ACTION', 'STATUS', 'DURATION', 'CODE / ERROR'],
              run.actions.map((action) => [
                `${'  '.repeat(action.scopePath.length)}${action.name}${action.iteration !== null ? ` [${action.iteration}]` : ''}`,
                action.status,
                formatDuration(action.durationMs),
                action.error ? short(`${action.error.code}: ${action.error.message}`, 70) : (action.code ?? ''),
              ]),
            ),
            ...(run.error ? ['', `Run \`brook runs why ${run.id}\` for the reason and the fix.`] : []),
          ].join('\n'),
        );
      }),
    );

  runs
    .command('why <id>')
    .description('why a run failed, and what fixes it')
    .option('--json', 'print JSON')
    .action((id: string, options: { json?: boolean }) =>
      withClient(async (client) => {
        const run = await client.get<RunSummary>(`/api/v1/runs/${encodeURIComponent(id)}`);
        print({ id: run.id, status: run.status, failedAction: run.failedAction, error: run.error }, options.json, () => explainFailure(run));
      }),
    );

  runs
    .command('resubmit [id]')
    .description('resubmit a run (or, with --connection, every run a connection broke)')
    .option('--from <action>', 'start again at this action, reusing the outputs of the actions before it')
    .option('--connection <id>', 'resubmit the runs that failed because of this connection')
    .option('--since <time>', 'with --connection: only runs failed at or after this ISO time')
    .option('--from-failed-action', 'with --connection: start each run again at its failed action')
    .option('--json', 'print JSON')
    .action((id: string | undefined, options: { from?: string; connection?: string; since?: string; fromFailedAction?: boolean; json?: boolean }) =>
      withClient(async (client) => {
        if (options.connection) {
          const job = await client.post<Job>('/api/v1/runs/resubmit', {
            connectionId: options.connection,
            ...(options.since ? { since: options.since } : {}),
            ...(options.fromFailedAction ? { fromFailedAction: true } : {}),
          });
          await followJob(client, job, options.json);
          return;
        }
        if (!id) throw new Error('Name the run to resubmit, or give --connection.');
        const run = await client.post<RunSummary>(`/api/v1/runs/${encodeURIComponent(id)}/resubmit`, options.from ? { fromAction: options.from } : {});
        print(run, options.json, () => `Resubmitted ${id} as ${run.id}${options.from ? ` from '${options.from}'` : ''} (${run.status}).`);
      }),
    );

  runs
    .command('cancel <id>')
    .description('cancel a waiting or running run')
    .option('--json', 'print JSON')
    .action((id: string, options: { json?: boolean }) =>
      withClient(async (client) => {
        const run = await client.post<RunSummary>(`/api/v1/runs/${encodeURIComponent(id)}/cancel`);
        print(run, options.json, () => `Cancelling ${run.id} (${run.status}).`);
      }),
    );
}
