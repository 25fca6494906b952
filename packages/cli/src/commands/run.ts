// `brook run FILE.json [--trigger JSON] [--json]`: runs a flow in this process on a
// temporary SQLite store and prints the run. FILE may be any format `brook validate`
// reads. Exit code 0 when the run succeeded, 1 when it did not, 2 when the definition
// is invalid (its problems are printed) or the file cannot be read.
import type { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { hasErrors, importFlow, type WorkflowDefinition } from '@brook/wdl';
import { createEngine, manualTriggerOutputs, prepareTriggerRuns, runReport, stderrLogger, triggerNameOf, type RunReport } from '@brook/engine';
import { createRunStore, FlowRepository, migrateToLatest, openDatabase } from '@brook/store';

interface RunOptions {
  trigger?: string;
  json?: boolean;
  workflow?: string;
}

const OUTPUT_KEYS = new Set(['headers', 'body', 'queries', 'relativePathParameters']);

/** --trigger: the trigger body, or its whole outputs when the object has only headers/body/queries/relativePathParameters. */
export function triggerOutputsFrom(text: string | undefined): unknown {
  if (text === undefined) return manualTriggerOutputs();
  const value = JSON.parse(text) as unknown;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((key) => OUTPUT_KEYS.has(key)) && 'body' in value) {
      return { headers: {}, ...(value as Record<string, unknown>) };
    }
  }
  return manualTriggerOutputs({ body: value });
}

function withParameterValues(definition: WorkflowDefinition, values: Record<string, unknown>): WorkflowDefinition {
  if (Object.keys(values).length === 0) return definition;
  const parameters = { ...(definition.parameters ?? {}) };
  for (const [name, value] of Object.entries(values)) {
    const declared = parameters[name];
    if (declared) parameters[name] = { ...declared, value };
  }
  return { ...definition, parameters };
}

export async function runFile(file: string, options: RunOptions): Promise<{ exitCode: number; report?: RunReport; problems?: string[] }> {
  const bytes = readFileSync(file);
  const flow = importFlow({ name: basename(file), bytes }, options.workflow === undefined ? {} : { workflow: options.workflow });
  if (flow.definition === null || hasErrors(flow.problems)) {
    return { exitCode: 2, problems: flow.problems.filter((p) => p.severity === 'error').map((p) => `${p.path === '' ? '(root)' : p.path}: ${p.message}`) };
  }
  const definition = withParameterValues(flow.definition, flow.parameters);
  const triggerName = triggerNameOf(definition);
  // The trigger's conditions and correlation apply; splitOn would make several runs, brook run makes the first.
  const decision = prepareTriggerRuns(definition, triggerName, triggerOutputsFrom(options.trigger));
  if (decision.outcome === 'error') return { exitCode: 2, problems: [decision.message] };
  if (decision.outcome === 'skip') return { exitCode: 1, problems: [`${decision.reason} No run was started.`] };
  const first = decision.runs[0];
  if (!first) return { exitCode: 1, problems: ['splitOn selected no elements: no run was started.'] };
  const dir = mkdtempSync(join(tmpdir(), 'brook-run-'));
  const database = openDatabase({ url: join(dir, 'run.db') });
  try {
    await migrateToLatest(database.db as unknown as Parameters<typeof migrateToLatest>[0], database.dialect);
    const store = createRunStore(database);
    const created = await new FlowRepository(database.db).createFlow({ name: flow.displayName ?? basename(file), definition });
    const engine = createEngine({ store, logger: stderrLogger });
    const result = await engine.runToCompletion({ flowId: created.id, flowVersion: created.currentVersion, triggerName, triggerOutputs: first.triggerOutputs, clientTrackingId: first.clientTrackingId });
    const report = runReport(result);
    return { exitCode: report.status === 'Succeeded' ? 0 : 1, report };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function short(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const MARK: Record<string, string> = { Succeeded: '✓', Failed: '✗', Skipped: '–', TimedOut: '⏱', Cancelled: '⊘', Running: '…', Waiting: '…' };

export function printReport(report: RunReport, print: (line: string) => void): void {
  print(`Run ${report.id}: ${report.status}${report.durationMs === null ? '' : ` in ${report.durationMs} ms`}`);
  for (const [name, action] of Object.entries(report.actions)) {
    const iterations = action.iterations ? ` (${action.iterations.length} iterations)` : '';
    const retries = action.attempts > (action.iterations?.length ?? 1) ? `, ${action.attempts} attempts` : '';
    print(`  ${MARK[action.status] ?? '?'} ${name}: ${action.status}${action.code && action.code !== 'OK' ? ` (${action.code})` : ''}${iterations}${retries}`);
    if (action.error) print(`      ${action.error.message}`);
  }
  if (report.error) {
    print(`Error (${report.error.category}): ${report.error.message}`);
    for (const [index, step] of report.error.remedy.steps.entries()) print(`  ${index + 1}. ${step}`);
  }
  if (report.response) print(`Response: ${report.response.statusCode} ${short(report.response.body)}`);
  if (report.outputs && Object.keys(report.outputs).length > 0) print(`Outputs: ${short(report.outputs, 400)}`);
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run a flow once in this process (temporary SQLite store) and print the run')
    .argument('<file>', 'the flow: a definition or any format brook validate reads')
    .option('--trigger <json>', 'the trigger body as JSON, or { "body", "headers", "queries" } for the whole trigger outputs')
    .option('--json', 'print the run as one JSON object')
    .option('--workflow <name>', 'in a file holding several workflows, the one to run')
    .action(async (file: string, options: RunOptions) => {
      let outcome;
      try {
        if (options.trigger !== undefined) triggerOutputsFrom(options.trigger);
      } catch (cause) {
        console.error(`brook run: --trigger is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
        process.exitCode = 2;
        return;
      }
      try {
        outcome = await runFile(file, options);
      } catch (cause) {
        const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : cause instanceof Error ? cause.message : String(cause);
        console.error(`brook run: cannot run ${file}: ${reason}`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = outcome.exitCode;
      if (outcome.problems) {
        if (outcome.exitCode === 2) console.error(`brook run: ${file} is not a valid flow:`);
        for (const problem of outcome.problems) console.error(`  ${problem}`);
        return;
      }
      if (options.json) console.log(JSON.stringify(outcome.report));
      else printReport(outcome.report!, (line) => console.log(line));
    });
}
