// The corpus check: sections found beside the command, the flows section over a small
// corpus made here, and the built `brook corpus` (`npm test` builds first).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSections, runCorpus, type CorpusSection } from './corpus.js';
import { corpusSection } from './corpus-flows.js';

const brook = fileURLToPath(new URL('../../bin/brook.js', import.meta.url));
const built = fileURLToPath(new URL('../../dist/commands/corpus.js', import.meta.url));
const corpus = mkdtempSync(join(tmpdir(), 'brook-corpus-'));

function runBrook(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [brook, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const flow = (actions: Record<string, unknown>): string => JSON.stringify({ triggers: { manual: { type: 'Request', kind: 'Http' } }, actions });

function writeFlows(files: Record<string, string>): void {
  rmSync(join(corpus, 'flows'), { recursive: true, force: true });
  mkdirSync(join(corpus, 'flows'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(corpus, 'flows', name), content);
}

beforeAll(() => {
  expect(existsSync(built), 'brook is not built: run `node scripts/build.mjs --backend` before these tests').toBe(true);
});
afterAll(() => rmSync(corpus, { recursive: true, force: true }));

describe('corpus sections', () => {
  it('finds the sections beside the command, in order', async () => {
    const sections = await loadSections();
    expect(sections.map((section) => section.title)).toContain('Flows: import and validate');
    expect(sections.map((section) => section.order)).toEqual([...sections.map((section) => section.order)].sort((a, b) => a - b));
  });

  it('adds up failures, and turns a section that throws into a failure', async () => {
    const lines: string[] = [];
    const passing: CorpusSection = { title: 'Passing', order: 1, run: () => ({ summary: 'all good', failures: 0 }) };
    const throwing: CorpusSection = { title: 'Throwing', order: 2, run: () => Promise.reject(new Error('boom')) };
    const failures = await runCorpus(corpus, [passing, throwing], { print: (line) => lines.push(line), verbose: false });
    expect(failures).toBe(1);
    expect(lines).toContain('Passing: all good');
    expect(lines.some((line) => line.startsWith('Throwing: the check itself failed: Error: boom'))).toBe(true);
    expect(lines[lines.length - 1]).toBe('Corpus check FAILED: 1 unexpected result.');
  });
});

describe('the flows section', () => {
  async function runFlows(): Promise<{ failures: number; lines: string[] }> {
    const lines: string[] = [];
    const failures = await runCorpus(corpus, [corpusSection], { print: (line) => lines.push(line), verbose: false });
    return { failures, lines };
  }

  it('prints a line per flow and a summary, and passes when every result is expected', async () => {
    writeFlows({
      'hello.json': flow({ Reply: { type: 'Response', inputs: { statusCode: 200 } } }),
      'INDEX.json': JSON.stringify([{ file: 'hello.json', triggers: ['Request/Http'], actionCount: 1 }]),
    });
    const { failures, lines } = await runFlows();
    expect(failures).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(/^OK\s+hello\.json\s+definition\s+1 trigger \(Request\), 1 action$/));
    expect(lines).toContain('Flows: import and validate: 1 files, 1 loaded, 1 without problems, 0 invalid, 0 unexpected or not loaded');
    expect(lines[lines.length - 1]).toBe('Corpus check passed.');
  });

  it('fails on a file that cannot be loaded, on problems nobody expected, and on a count INDEX.json contradicts', async () => {
    writeFlows({
      'broken.json': '{"triggers": ',
      'surprise.json': flow({ A: { type: 'Compose', inputs: 1, runAfter: { B: ['Succeeded'] } } }),
      'counted.json': flow({ A: { type: 'Compose', inputs: 1 } }),
      'INDEX.json': JSON.stringify([{ file: 'counted.json', actionCount: 2 }]),
    });
    const { failures, lines } = await runFlows();
    expect(failures).toBe(3);
    expect(lines).toContainEqual(expect.stringMatching(/^NOT LOADED broken\.json/));
    expect(lines).toContainEqual(expect.stringMatching(/^UNEXPECTED surprise\.json .*errors: RunAfterMissingAction$/));
    expect(lines).toContainEqual(expect.stringContaining('expected errors []'));
    expect(lines).toContainEqual(expect.stringMatching(/^UNEXPECTED counted\.json/));
    expect(lines).toContainEqual(expect.stringContaining('INDEX.json records 2 actions, Brook found 1'));
    expect(lines[lines.length - 1]).toBe('Corpus check FAILED: 3 unexpected results.');
  });
});

describe('brook corpus', () => {
  it('exits 1 when a flow cannot be loaded, naming it', async () => {
    writeFlows({ 'broken.json': '{"triggers": ' });
    const run = await runBrook(['corpus', corpus]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^NOT LOADED broken\.json/m);
    expect(run.stdout).toContain('broken.json:1:14');
    expect(run.stdout).toMatch(/Corpus check FAILED/);
  });

  it('refuses a folder that does not exist', async () => {
    const run = await runBrook(['corpus', join(corpus, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a folder');
  });
});
