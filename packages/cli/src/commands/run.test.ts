import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFile, triggerOutputsFrom } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'brook-run-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('brook run', () => {
  it('runs a definition on a temporary SQLite store and reports every action; exit 0 when it succeeded', async () => {
    const path = file('ok.json', {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Greet: { type: 'Compose', inputs: "Hello @{triggerBody()?['name']}" },
        Loop: { type: 'Foreach', foreach: '@createArray(1, 2)', actions: { Twice: { type: 'Compose', inputs: '@mul(item(), 2)' } }, runAfter: { Greet: ['Succeeded'] } },
        Reply: { type: 'Response', inputs: { statusCode: 201, body: "@outputs('Greet')" }, runAfter: { Loop: ['Succeeded'] } },
      },
      outputs: { greeting: { type: 'String', value: "@outputs('Greet')" } },
    });
    const outcome = await runFile(path, { trigger: '{"name":"Ada"}' });
    expect(outcome.exitCode).toBe(0);
    const report = outcome.report!;
    expect(report).toMatchObject({ status: 'Succeeded', error: null, outputs: { greeting: 'Hello Ada' }, response: { statusCode: 201, body: 'Hello Ada' } });
    expect(report.actions.Greet).toMatchObject({ status: 'Succeeded', inputs: 'Hello Ada', outputs: 'Hello Ada', error: null, attempts: 1 });
    expect(report.actions.Twice?.iterations?.map((i) => i.outputs)).toEqual([2, 4]);
    expect(Object.keys(report.actions)).toEqual(['Greet', 'Loop', 'Twice', 'Reply']);
  });

  it('exits 1 when the run failed, with the classified error', async () => {
    const path = file('fail.json', { triggers: { manual: { type: 'Request' } }, actions: { Divide: { type: 'Compose', inputs: '@div(1, 0)' } } });
    const outcome = await runFile(path, {});
    expect(outcome.exitCode).toBe(1);
    expect(outcome.report).toMatchObject({ status: 'Failed', failedAction: 'Divide', error: { category: 'expression' } });
  });

  it('exits 2 with the problems when the definition is invalid', async () => {
    const path = file('bad.json', { triggers: {}, actions: { A: { type: 'Compose', inputs: 1, runAfter: { Missing: ['Succeeded'] } } } });
    const outcome = await runFile(path, {});
    expect(outcome.exitCode).toBe(2);
    expect(outcome.problems?.join('\n')).toContain('/actions/A/runAfter/Missing');
  });

  it('applies the trigger conditions: no run when they are not met', async () => {
    const path = file('conditions.json', { triggers: { manual: { type: 'Request', conditions: [{ expression: "@equals(triggerBody()?['go'], true)" }] } }, actions: { A: { type: 'Compose', inputs: 1 } } });
    expect(await runFile(path, { trigger: '{"go": false}' })).toMatchObject({ exitCode: 1, problems: [expect.stringContaining('No run was started')] });
    expect(await runFile(path, { trigger: '{"go": true}' })).toMatchObject({ exitCode: 0 });
  });

  it('reads --trigger as the body, or as the whole trigger outputs', () => {
    expect(triggerOutputsFrom('{"a":1}')).toEqual({ headers: {}, body: { a: 1 } });
    expect(triggerOutputsFrom('{"body":{"a":1},"queries":{"p":"2"}}')).toEqual({ headers: {}, body: { a: 1 }, queries: { p: '2' } });
    expect(triggerOutputsFrom(undefined)).toEqual({ headers: {} });
    expect(() => triggerOutputsFrom('{oops')).toThrow();
  });
});
