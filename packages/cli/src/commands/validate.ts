// `brook validate FILE`: reads a flow in any format Brook imports, prints the format it
// found and every problem as `path: message` (errors, then warnings). Exit code 1 when
// there is an error, 0 otherwise. `--json` prints { format, problems } instead.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hasErrors, importFlow, listActions, type DefinitionProblem, type ImportedFlow, type ImportFormat } from '@brook/wdl';

const FORMAT_NAMES: Record<ImportFormat, string> = {
  definition: 'workflow definition',
  'arm-template': 'ARM template',
  'logic-apps-resource': 'Logic App resource',
  'logic-apps-standard': 'Logic Apps Standard workflow',
  'power-automate-package': 'Power Automate export package',
  'power-automate-solution-flow': 'Power Automate solution flow',
  'designer-clipboard': 'designer clipboard',
};

/** "3 triggers (Request, Recurrence), 12 actions" or "no definition". */
export function describeContents(flow: ImportedFlow): string {
  if (flow.definition === null) return 'no definition';
  const triggers = flow.definition.triggers !== null && typeof flow.definition.triggers === 'object' ? Object.values(flow.definition.triggers) : [];
  const types = [...new Set(triggers.map((trigger) => (trigger !== null && typeof trigger === 'object' && typeof trigger.type === 'string' ? trigger.type : '?')))];
  const actions = listActions(flow.definition).length;
  const triggerText = triggers.length === 0 ? 'no trigger' : `${triggers.length} trigger${triggers.length === 1 ? '' : 's'} (${types.join(', ')})`;
  return `${triggerText}, ${actions} action${actions === 1 ? '' : 's'}`;
}

export function describeFormat(flow: ImportedFlow): string {
  return `${flow.format} (${FORMAT_NAMES[flow.format]}${flow.displayName ? ` "${flow.displayName}"` : ''})`;
}

export function formatProblem(problem: DefinitionProblem): string {
  return `${problem.path === '' ? '(root)' : problem.path}: ${problem.message}`;
}

export function countProblems(problems: DefinitionProblem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** Why a file could not be read, and what to give instead. */
function unreadableReason(file: string, cause: unknown): string {
  switch ((cause as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR': {
      // A Logic Apps Standard project keeps each workflow in <folder>/workflow.json.
      const inside = join(file, 'workflow.json');
      return `it is a folder, not a file. Give the flow file itself${existsSync(inside) ? `, such as ${inside}` : ' (a definition .json or an export package .zip)'}.`;
    }
    case 'EACCES':
      return 'permission denied';
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}

interface ValidateOptions {
  json?: boolean;
  workflow?: string;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a flow: a definition, a Logic App resource or ARM template, a Standard workflow.json, a Power Automate package (.zip) or solution flow')
    .argument('<file>', 'the file to check')
    .option('--json', 'print { format, problems } as JSON')
    .option('--workflow <name>', 'in a file holding several workflows, the one to check')
    .action((file: string, options: ValidateOptions) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (cause) {
        console.error(`brook validate: cannot read ${file}: ${unreadableReason(file, cause)}`);
        process.exitCode = 1;
        return;
      }
      const flow = importFlow({ name: basename(file), bytes }, options.workflow === undefined ? {} : { workflow: options.workflow });
      process.exitCode = hasErrors(flow.problems) ? 1 : 0;
      if (options.json) {
        console.log(JSON.stringify({ format: flow.format, problems: flow.problems }, null, 2));
        return;
      }
      console.log(`Format: ${describeFormat(flow)}`);
      if (flow.definition !== null) console.log(`Contents: ${describeContents(flow)}`);
      if (flow.problems.length === 0) {
        console.log('No problems found.');
        return;
      }
      console.log(countProblems(flow.problems));
      for (const severity of ['error', 'warning'] as const) {
        const group = flow.problems.filter((problem) => problem.severity === severity);
        if (group.length === 0) continue;
        console.log(severity === 'error' ? '\nErrors:' : '\nWarnings:');
        for (const problem of group) console.log(formatProblem(problem));
      }
    });
}
