// Drives the built `brook validate` as a user does (`npm test` builds first; alone, run
// `node scripts/build.mjs --backend`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const brook = fileURLToPath(new URL('../../bin/brook.js', import.meta.url));
const built = fileURLToPath(new URL('../../dist/commands/validate.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'brook-validate-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBrook(args: string[]): Promise<Run> {
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

function write(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, content instanceof Uint8Array ? content : JSON.stringify(content, null, 2));
  return path;
}

const good = {
  $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: { Reply: { type: 'Response', inputs: { statusCode: 200, body: "@triggerBody()?['name']" }, runAfter: {} } },
};

beforeAll(() => {
  expect(existsSync(built), 'brook is not built: run `node scripts/build.mjs --backend` before these tests').toBe(true);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('brook validate', () => {
  it('prints the format and contents of a good flow, and exits 0', async () => {
    const run = await runBrook(['validate', write('good.json', good)]);
    expect(run).toEqual({
      code: 0,
      stdout: 'Format: definition (workflow definition)\nContents: 1 trigger (Request), 1 action\nNo problems found.\n',
      stderr: '',
    });
  });

  it('prints each problem as `path: message`, errors before warnings, and exits 1', async () => {
    const broken = {
      triggers: { a: { type: 'Request' }, b: { type: 'Request' } },
      actions: { Reply: { type: 'Respnse', inputs: {}, runAfter: { Missing: ['Succeeded'] } } },
    };
    const run = await runBrook(['validate', write('broken.json', broken)]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['Format: definition (workflow definition)', 'Contents: 2 triggers (Request), 1 action', '2 errors, 1 warning']);
    expect(lines[4]).toBe('Errors:');
    expect(lines[5]).toMatch(/^\/actions\/Reply\/type: Action 'Reply' has type "Respnse".*Response/);
    expect(lines[6]).toMatch(/^\/actions\/Reply\/runAfter\/Missing: 'Reply' runs after 'Missing'/);
    expect(lines[8]).toBe('Warnings:');
    expect(lines[9]).toMatch(/^\/triggers: The definition has 2 triggers/);
  });

  it('exits 0 when there are only warnings', async () => {
    const run = await runBrook(['validate', write('warn.json', { ...good, contentVersion: 'v1' })]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Warnings:\n/contentVersion: contentVersion is "v1"');
  });

  it('prints { format, problems } with --json', async () => {
    const run = await runBrook(['validate', '--json', write('json.json', { triggers: {}, actions: { A: { type: 'Nope' } } })]);
    expect(run.code).toBe(1);
    const output = JSON.parse(run.stdout) as { format: string; problems: Array<{ code: string; path: string; severity: string; message: string }> };
    expect(Object.keys(output)).toEqual(['format', 'problems']);
    expect(output.format).toBe('definition');
    expect(output.problems.map((problem) => [problem.code, problem.path, problem.severity])).toEqual([
      ['UnknownActionType', '/actions/A/type', 'error'],
      ['NoTrigger', '/triggers', 'warning'],
    ]);
  });

  it('reads a Power Automate package and names broken files in it', async () => {
    const flow = { properties: { displayName: 'Daily digest', definition: good, connectionReferences: {} } };
    const goodZip = zipSync({
      'manifest.json': strToU8(JSON.stringify({ schema: '1.0', details: { displayName: 'Daily digest' }, resources: {} })),
      'Microsoft.Flow\\flows\\manifest.json': strToU8(JSON.stringify({ flowAssets: { assetPaths: ['f1'] } })),
      'Microsoft.Flow\\flows\\f1\\definition.json': strToU8(JSON.stringify(flow)),
    });
    const run = await runBrook(['validate', write('digest.zip', goodZip)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Format: power-automate-package (Power Automate export package "Daily digest")');
    const broken = zipSync({ 'Microsoft.Flow/flows/f1/definition.json': strToU8('{"properties": {"definition": }}') });
    const failed = await runBrook(['validate', write('broken.zip', broken)]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('broken.zip/Microsoft.Flow/flows/f1/definition.json:1:31: broken.zip/Microsoft.Flow/flows/f1/definition.json is not valid JSON: expected a value at line 1, column 31.');
  });

  it('says so when the file cannot be read', async () => {
    const run = await runBrook(['validate', join(folder, 'missing.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read');
    expect(run.stderr).toContain('no such file');
  });

  it('says that a folder is not a file, and points at a Standard workflow.json inside it', async () => {
    const plain = await runBrook(['validate', folder]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toBe(`brook validate: cannot read ${folder}: it is a folder, not a file. Give the flow file itself (a definition .json or an export package .zip).\n`);
    const project = join(folder, 'standard');
    mkdirSync(project);
    writeFileSync(join(project, 'workflow.json'), JSON.stringify({ definition: good, kind: 'Stateful' }));
    const standard = await runBrook(['validate', project]);
    expect(standard.code).toBe(1);
    expect(standard.stderr).toContain(`Give the flow file itself, such as ${join(project, 'workflow.json')}.`);
  });

  it('reports garbage as unreadable instead of failing', async () => {
    const bytes = new Uint8Array(4096).map((_, index) => (index * 7919 + 13) % 256);
    const run = await runBrook(['validate', write('noise.bin', bytes)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('noise.bin: noise.bin is not text in UTF-8 or UTF-16');
  });
});
