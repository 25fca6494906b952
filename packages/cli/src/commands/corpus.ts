// `brook corpus DIR`: checks Brook against a corpus of real-world material (flows,
// connectors, …) kept outside the repository. The check is made of sections; each lives
// in its own module beside this one, named corpus-<topic>.ts and exporting
// `corpusSection`, so a new kind of check is a new file, found at start like commands are.
// Exit code 1 when any section found a failure (something that could not be loaded, or
// a result that differs from what the repository expects).
import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CorpusContext {
  /** Print one line of the report. */
  print(line: string): void;
  /** Print each problem, not only a summary per item. */
  verbose: boolean;
  /** Only items whose name contains this text. */
  only?: string;
}

export interface CorpusSectionResult {
  /** One line: what was checked and how it went. */
  summary: string;
  /** Items that make the check fail. */
  failures: number;
}

export interface CorpusSection {
  /** Heading printed before the section's lines. */
  title: string;
  /** Sections run in ascending order (flows 10, connectors 20, running flows 30, …). */
  order: number;
  run(corpusDir: string, context: CorpusContext): Promise<CorpusSectionResult> | CorpusSectionResult;
}

interface SectionModule {
  corpusSection?: CorpusSection;
}

/** Every corpus-*.js (or .ts when run from source) beside this module that exports a section. */
export async function loadSections(directory = dirname(fileURLToPath(import.meta.url))): Promise<CorpusSection[]> {
  const files = readdirSync(directory).filter((file) => /^corpus-[\w-]+\.(js|ts)$/.test(file) && !/\.(test|d)\.[jt]s$/.test(file));
  const sections: CorpusSection[] = [];
  for (const file of files.sort()) {
    const module = (await import(pathToFileURL(join(directory, file)).href)) as SectionModule;
    if (module.corpusSection) sections.push(module.corpusSection);
  }
  return sections.sort((a, b) => a.order - b.order);
}

export async function runCorpus(corpusDir: string, sections: CorpusSection[], context: CorpusContext): Promise<number> {
  let failures = 0;
  const summaries: string[] = [];
  for (const section of sections) {
    context.print(`\n== ${section.title} ==`);
    try {
      const result = await section.run(corpusDir, context);
      failures += result.failures;
      summaries.push(`${section.title}: ${result.summary}`);
    } catch (cause) {
      failures += 1;
      const message = `${section.title}: the check itself failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`;
      context.print(message);
      summaries.push(message);
    }
  }
  context.print('\n== Summary ==');
  for (const summary of summaries) context.print(summary);
  context.print(failures === 0 ? 'Corpus check passed.' : `Corpus check FAILED: ${failures} unexpected result${failures === 1 ? '' : 's'}.`);
  return failures;
}

interface CorpusOptions {
  verbose?: boolean;
  only?: string;
}

export function register(program: Command): void {
  program
    .command('corpus')
    .description('check Brook against a corpus of real flows and connectors kept outside the repository (a folder holding flows/, connectors/)')
    .argument('<dir>', 'the corpus folder')
    .option('--verbose', 'print every problem found, not only a line per file')
    .option('--only <text>', 'only the files whose name contains this text')
    .action(async (dir: string, options: CorpusOptions) => {
      const corpusDir = resolve(dir);
      if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
        console.error(`brook corpus: ${dir} is not a folder. Give the corpus folder, the one that holds flows/ and connectors/.`);
        process.exitCode = 1;
        return;
      }
      const sections = await loadSections();
      const failures = await runCorpus(corpusDir, sections, {
        print: (line) => console.log(line),
        verbose: options.verbose === true,
        ...(options.only === undefined ? {} : { only: options.only }),
      });
      process.exitCode = failures === 0 ? 0 : 1;
    });
}
