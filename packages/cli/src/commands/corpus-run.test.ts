// The "running flows" corpus section over a small corpus made here: a built-in flow runs
// as expected, and a recorded exchange is answered the way the service answered it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusSection, sampleFromSchema } from './corpus-run.js';
import { parseCallbackUrl } from './corpus-run-replay.js';

const corpus = mkdtempSync(join(tmpdir(), 'brook-corpus-run-'));
afterAll(() => rmSync(corpus, { recursive: true, force: true }));

const echo = {
  triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { type: 'object', properties: { callbackUrl: { type: 'string' } } } } } },
  actions: {
    Call: { type: 'Http', inputs: { method: 'POST', uri: 'https://api.example.com/orders', body: "@triggerBody()" } },
    Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@{body('Call')?['ok']}" }, runAfter: { Call: ['Succeeded'] } },
  },
};

function write(index: unknown[], files: Record<string, unknown>): void {
  rmSync(join(corpus, 'flows'), { recursive: true, force: true });
  mkdirSync(join(corpus, 'flows'), { recursive: true });
  writeFileSync(join(corpus, 'flows', 'INDEX.json'), JSON.stringify(index));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(corpus, 'flows', name), JSON.stringify(content));
}

async function check(runExpectations: Record<string, string>): Promise<{ lines: string[]; failures: number }> {
  const lines: string[] = [];
  const context = { print: (line: string) => void lines.push(line), verbose: true, runExpectations };
  const result = await corpusSection.run(corpus, context);
  return { lines, failures: result.failures };
}

describe('corpus section: running flows', () => {
  it('runs built-in flows with their HTTP served locally and compares the outcome', async () => {
    write([{ file: 'echo.json', actionTypes: ['Http', 'Response'], triggers: ['Request/Http'] }], { 'echo.json': echo });
    expect(await check({ 'echo.json': 'Succeeded' })).toMatchObject({ failures: 0 });
    const wrong = await check({ 'echo.json': 'Failed' });
    expect(wrong.failures).toBe(1);
    expect(wrong.lines.join('\n')).toContain('FAIL  echo.json: Succeeded, expected Failed');
  });

  it('replays recorded exchanges and reports differences', async () => {
    const exchange = (body: string) => ({
      request: { method: 'POST', url: '/api/x/triggers/manual/invoke?api-version=1&sig=REDACTED', headers: [['Content-Type', 'application/json']], body: '{}' },
      response: { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body },
    });
    write([{ file: 'echo.json', actionTypes: ['Http', 'Response'], triggers: ['Request/Http'], expectedRuns: [exchange('True'), exchange('False')] }], { 'echo.json': echo });
    const { lines, failures } = await check({ 'echo.json': 'Succeeded' });
    expect(lines.some((line) => line.includes('ok    echo.json exchange 1'))).toBe(true);
    expect(lines.some((line) => line.includes('FAIL  echo.json exchange 2: body "True", the service: "False"'))).toBe(true);
    expect(failures).toBe(1);
  });

  it('has nothing to do without an INDEX.json', async () => {
    rmSync(join(corpus, 'flows'), { recursive: true, force: true });
    expect(await check({})).toMatchObject({ failures: 0 });
  });

  it('reads callback URLs and samples trigger bodies', () => {
    expect(parseCallbackUrl('/api/w/triggers/t/invoke/a/b%20c?api-version=1&sp=x&sv=1&sig=s&q%25=1%3d2')).toEqual({ relativePath: 'a/b%20c', query: { 'q%': '1=2' } });
    expect(sampleFromSchema({ type: 'object', properties: { startTime: { type: 'string' }, n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } }, 'http://x')).toEqual({
      startTime: '2030-01-01T09:00:00.000Z',
      n: 1,
      tags: ['sample'],
    });
  });
});
