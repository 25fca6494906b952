// Drives the built `brook expr` command over stdin/stdout, as scripts use it
// (`npm test` builds first; alone, run `npm run build`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const brook = fileURLToPath(new URL('../../bin/brook.js', import.meta.url));
const built = fileURLToPath(new URL('../../dist/commands/expr.js', import.meta.url));

interface Run {
  code: number | null;
  lines: unknown[];
  stderr: string;
}

function runBrook(args: string[], stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [brook, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
      resolve({ code, lines, stderr });
    });
    child.stdin.end(stdin);
  });
}

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

beforeAll(() => {
  expect(existsSync(built), 'brook is not built: run `npm run build` before these tests').toBe(true);
});

describe('brook expr', () => {
  it('answers each JSON line with one result line, in order', async () => {
    const input = [
      line({ expr: '@add(1,2)' }),
      line({ expr: "Hi @{variables('name')}", context: { variables: { name: 'Ann' } } }),
      line({ expr: 'plain text' }),
      line({ expr: "@triggerOutputs()?['body/value']", context: { triggerOutputs: { body: { value: [1, 2] } } } }),
      line({ expr: "@outputs('Get_item')?['body/Title']", context: { actions: { Get_item: { outputs: { body: { Title: 'T' } }, status: 'Succeeded' } } } }),
      line({ expr: "@actions('Get_item').status", context: { actions: { Get_item: { outputs: {}, status: 'Failed' } } } }),
      line({ expr: "@item()?['id']", context: { items: { id: 9 } } }),
      line({ expr: { to: "@parameters('to')", n: '@float(2)' }, context: { parameters: { to: 'x@example.com' } } }),
    ].join('');
    const run = await runBrook(['expr'], input);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      { ok: true, value: 3 },
      { ok: true, value: 'Hi Ann' },
      { ok: true, value: 'plain text' },
      { ok: true, value: [1, 2] },
      { ok: true, value: 'T' },
      { ok: true, value: 'Failed' },
      { ok: true, value: 9 },
      { ok: true, value: { to: 'x@example.com', n: 2 } },
    ]);
  });

  it('turns every bad line into an error line and carries on', async () => {
    const input = ['not json\n', line({ nope: 1 }), line([1]), line({ expr: '@add(1,' }), line({ expr: '@div(1,0)' }), '\n', line({ expr: '@x', context: 5 }), line({ expr: '@not(false)' })].join('');
    const run = await runBrook(['expr'], input);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(8);
    expect(run.lines[0]).toMatchObject({ ok: false, error: { code: 'InvalidJson', message: expect.stringContaining('Line 1 is not JSON') as unknown } });
    expect(run.lines[1]).toMatchObject({ ok: false, error: { code: 'InvalidInput', message: expect.stringContaining('"expr" member') as unknown } });
    expect(run.lines[2]).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(run.lines[3]).toMatchObject({ ok: false, error: { code: 'InvalidTemplate', message: expect.stringContaining('at position 7') as unknown } });
    expect(run.lines[4]).toEqual({ ok: false, error: { code: 'ArithmeticError', message: "Unable to evaluate '@div(1,0)': 'div' cannot divide by zero: its 2nd argument is 0." } });
    expect(run.lines[5]).toEqual({ ok: false, error: { code: 'InvalidJson', message: 'Line 6 is empty. Write one object per line: {"expr": "@add(1,2)", "context": {}}.' } });
    expect(run.lines[6]).toMatchObject({ ok: false, error: { code: 'InvalidInput', message: expect.stringContaining('"context" must be an object') as unknown } });
    expect(run.lines[7]).toEqual({ ok: true, value: true });
  });

  it('reads what Windows tools write: a byte order mark and CRLF line ends', async () => {
    const run = await runBrook(['expr'], `\ufeff${JSON.stringify({ expr: '@add(1,2)' })}\r\n${JSON.stringify({ expr: "@concat('a','b')" })}\r\n`);
    expect(run.lines).toEqual([
      { ok: true, value: 3 },
      { ok: true, value: 'ab' },
    ]);
  });

  it('fixes the clock with --now', async () => {
    const run = await runBrook(['expr', '--now', '2024-01-31T12:00:00Z'], line({ expr: "@utcNow('yyyy-MM-dd')" }));
    expect(run.lines).toEqual([{ ok: true, value: '2024-01-31' }]);
  });

  it('evaluates one value given as an argument', async () => {
    const ok = await runBrook(['expr', "@concat('a', variables('b'))", '--context', '{"variables":{"b":"c"}}'], '');
    expect(ok.lines).toEqual([{ ok: true, value: 'ac' }]);
    expect(ok.code).toBe(0);
    const failed = await runBrook(['expr', '@nope()'], '');
    expect(failed.lines).toMatchObject([{ ok: false, error: { code: 'UnknownFunction' } }]);
    expect(failed.code).toBe(1);
  });

  it('takes huge lines, and refuses expressions past 8,192 characters with the position', async () => {
    const big = 'x'.repeat(5_000_000);
    const tooLong = `@concat(${Array.from({ length: 3000 }, () => "'ab'").join(',')})`;
    const run = await runBrook(['expr'], line({ expr: "@length(variables('big'))", context: { variables: { big } } }) + line({ expr: tooLong }) + line({ expr: '@true' }));
    expect(run.lines).toHaveLength(3);
    expect(run.lines[0]).toEqual({ ok: true, value: 5_000_000 });
    expect(run.lines[1]).toMatchObject({ ok: false, error: { code: 'InvalidTemplate', message: expect.stringMatching(/15007 characters long; the limit is 8192.* at position 8193 /) as unknown } });
    expect(run.lines[2]).toEqual({ ok: true, value: true });
  });

  it('handles many lines without stopping', async () => {
    const input = Array.from({ length: 2000 }, (_, i) => line({ expr: `@mul(${i}, 2)` })).join('');
    const run = await runBrook(['expr'], input);
    expect(run.lines).toHaveLength(2000);
    expect(run.lines[1999]).toEqual({ ok: true, value: 3998 });
  });
});
