// Corpus section "flows": imports and validates every file in <corpus>/flows. A file
// fails the check when it cannot be loaded at all, when its problem codes differ from
// corpus-expectations.json (files not listed there are expected to have none), or when
// its triggers or action count differ from what flows/INDEX.json records.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFlow, listActions, type DefinitionProblem, type ImportedFlow } from '@brook/wdl';
import type { CorpusContext, CorpusSection, CorpusSectionResult } from './corpus.js';
import { describeContents, formatProblem } from './validate.js';

interface Expectation {
  errors?: string[];
  warnings?: string[];
  why?: string;
}

interface IndexEntry {
  file?: unknown;
  triggers?: unknown;
  actionCount?: unknown;
}

// Two levels up from both src/commands and dist/commands is the package folder.
const EXPECTATIONS_FILE = new URL('../../src/commands/corpus-expectations.json', import.meta.url);

export function loadExpectations(): Record<string, Expectation> {
  const document = JSON.parse(readFileSync(EXPECTATIONS_FILE, 'utf8')) as { flows?: Record<string, Expectation> };
  return document.flows ?? {};
}

function codesOf(problems: DefinitionProblem[], severity: 'error' | 'warning'): string[] {
  return [...new Set(problems.filter((problem) => problem.severity === severity).map((problem) => problem.code))].sort();
}

function tally(problems: DefinitionProblem[], severity: 'error' | 'warning'): string {
  const counts = new Map<string, number>();
  for (const problem of problems) if (problem.severity === severity) counts.set(problem.code, (counts.get(problem.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => (count === 1 ? code : `${code} ×${count}`)).join(', ');
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Triggers as INDEX.json writes them: "Request/Http", "Recurrence". */
function triggerSignatures(flow: ImportedFlow): string[] {
  const triggers = flow.definition?.triggers;
  if (triggers === null || typeof triggers !== 'object') return [];
  return Object.values(triggers).map((trigger) => {
    const type = typeof trigger?.type === 'string' ? trigger.type : '?';
    return typeof trigger?.kind === 'string' ? `${type}/${trigger.kind}` : type;
  });
}

/** Differences from what INDEX.json records about the file; empty when none. */
function indexDifferences(flow: ImportedFlow, entry: IndexEntry | undefined): string[] {
  if (!entry || flow.definition === null) return [];
  const differences: string[] = [];
  if (typeof entry.actionCount === 'number') {
    const count = listActions(flow.definition).length;
    if (count !== entry.actionCount) differences.push(`INDEX.json records ${entry.actionCount} actions, Brook found ${count}`);
  }
  if (Array.isArray(entry.triggers)) {
    const expected = entry.triggers.map(String).sort();
    const found = triggerSignatures(flow).sort();
    if (!sameList(expected, found)) differences.push(`INDEX.json records triggers ${expected.join(', ')}, Brook found ${found.join(', ') || 'none'}`);
  }
  return differences;
}

function readIndex(folder: string): Map<string, IndexEntry> {
  try {
    const entries = JSON.parse(readFileSync(join(folder, 'INDEX.json'), 'utf8')) as unknown;
    if (!Array.isArray(entries)) return new Map();
    return new Map(entries.filter((entry): entry is IndexEntry & { file: string } => typeof (entry as IndexEntry).file === 'string').map((entry) => [entry.file, entry]));
  } catch {
    return new Map();
  }
}

function checkFlows(corpusDir: string, context: CorpusContext): CorpusSectionResult {
  const folder = join(corpusDir, 'flows');
  let files: string[];
  try {
    files = readdirSync(folder).filter((file) => /\.(json|zip)$/i.test(file) && file !== 'INDEX.json');
  } catch {
    context.print(`No flows folder at ${folder}.`);
    return { summary: 'no flows folder', failures: 1 };
  }
  files = files.filter((file) => context.only === undefined || file.includes(context.only)).sort();
  const expectations = loadExpectations();
  const index = readIndex(folder);
  const width = Math.max(...files.map((file) => file.length), 10);
  let loaded = 0;
  let clean = 0;
  let withErrors = 0;
  let failures = 0;

  for (const file of files) {
    const flow = importFlow({ name: file, bytes: readFileSync(join(folder, file)) });
    const expected = expectations[file] ?? {};
    const errors = codesOf(flow.problems, 'error');
    const warnings = codesOf(flow.problems, 'warning');
    const mismatches: string[] = [];
    if (!sameList(errors, [...(expected.errors ?? [])].sort())) mismatches.push(`expected errors [${(expected.errors ?? []).join(', ')}]`);
    if (!sameList(warnings, [...(expected.warnings ?? [])].sort())) mismatches.push(`expected warnings [${(expected.warnings ?? []).join(', ')}]`);
    mismatches.push(...indexDifferences(flow, index.get(file)));

    let status: string;
    if (flow.definition === null) status = 'NOT LOADED';
    else if (mismatches.length > 0) status = 'UNEXPECTED';
    else if (errors.length > 0) status = 'invalid';
    else status = 'OK';
    if (flow.definition !== null) loaded++;
    if (errors.length > 0) withErrors++;
    if (flow.problems.length === 0) clean++;
    if (status === 'NOT LOADED' || status === 'UNEXPECTED') failures++;

    const found = [tally(flow.problems, 'error'), tally(flow.problems, 'warning')];
    const details = [found[0] ? `errors: ${found[0]}` : '', found[1] ? `warnings: ${found[1]}` : ''].filter(Boolean).join('; ');
    context.print(`${status.padEnd(10)} ${file.padEnd(width)}  ${flow.format.padEnd(28)} ${describeContents(flow)}${details ? `  — ${details}` : ''}`);
    if (status === 'UNEXPECTED' || status === 'NOT LOADED') for (const mismatch of mismatches) context.print(`           ${mismatch}`);
    if (context.verbose || status === 'NOT LOADED' || status === 'UNEXPECTED') {
      for (const problem of flow.problems) context.print(`           ${problem.severity === 'error' ? 'error' : 'warning'} ${problem.code} ${formatProblem(problem)}`);
    }
  }
  for (const file of Object.keys(expectations)) {
    if (context.only === undefined && !files.includes(file)) context.print(`note       ${file} is listed in corpus-expectations.json but not in the corpus.`);
  }
  return {
    summary: `${files.length} files, ${loaded} loaded, ${clean} without problems, ${withErrors} invalid, ${failures} unexpected or not loaded`,
    failures,
  };
}

export const corpusSection: CorpusSection = {
  title: 'Flows: import and validate',
  order: 10,
  run: checkFlows,
};
