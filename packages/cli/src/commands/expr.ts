// `brook expr`: evaluates WDL values the way a definition would, for scripts and tests.
// Reads JSON lines { "expr": <value>, "context": { variables, parameters, triggerBody,
// triggerOutputs, actions: { NAME: { outputs, status } }, items, … } } on stdin and writes
// one line per input line: { "ok": true, "value": … } or { "ok": false, "error": { code,
// message } }. `expr` is a value as written in a definition ("@add(1,2)", "Hi @{x}", plain
// text, or any JSON holding such strings). A bad line gets an error line; the command never
// stops early. `brook expr '@add(1,2)' [--context JSON]` evaluates one value instead.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { createJsonHost, evaluateTemplate, ExpressionError, type JsonContext } from '@brook/wdl';

interface ExprOptions {
  context?: string;
  now?: string;
}

type ExprResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

function failure(code: string, message: string): ExprResult {
  return { ok: false, error: { code, message } };
}

const ONE_OBJECT_PER_LINE = 'Write one object per line: {"expr": "@add(1,2)", "context": {}}.';

/** Evaluate one input line. Never throws. */
export function evaluateLine(rawLine: string, lineNumber: number, now?: () => Date): ExprResult {
  // Windows tools (PowerShell's pipe, Notepad) start text with a byte order mark.
  const line = rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
  if (line.trim() === '') return failure('InvalidJson', `Line ${lineNumber} is empty. ${ONE_OBJECT_PER_LINE}`);
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (cause) {
    return failure('InvalidJson', `Line ${lineNumber} is not JSON (${cause instanceof Error ? cause.message : String(cause)}). ${ONE_OBJECT_PER_LINE}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('expr' in input)) {
    return failure('InvalidInput', `Line ${lineNumber} must be an object with an "expr" member, as in {"expr": "@add(1,2)", "context": {}}.`);
  }
  const { expr, context } = input as { expr: unknown; context?: unknown };
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) {
    return failure('InvalidInput', `Line ${lineNumber}: "context" must be an object such as {"variables": {}, "parameters": {}, "triggerBody": …}.`);
  }
  return evaluate(expr, (context ?? {}), now);
}

function evaluate(expr: unknown, context: JsonContext, now?: () => Date): ExprResult {
  try {
    const host = createJsonHost(context, now ? { now } : {});
    return { ok: true, value: evaluateTemplate(expr, host) };
  } catch (cause) {
    if (cause instanceof ExpressionError) return failure(cause.code, cause.message);
    return failure('InternalError', `Evaluation failed unexpectedly: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function serialize(result: ExprResult): string {
  try {
    return JSON.stringify(result);
  } catch (cause) {
    return JSON.stringify(failure('InternalError', `The result could not be written as JSON: ${cause instanceof Error ? cause.message : String(cause)}`));
  }
}

function clockOption(now: string | undefined): (() => Date) | undefined {
  if (now === undefined) return undefined;
  const fixed = new Date(now);
  if (Number.isNaN(fixed.getTime())) throw new Error(`--now must be an ISO 8601 timestamp such as 2024-01-31T12:00:00Z; got '${now}'.`);
  return () => new Date(fixed.getTime());
}

async function writeLine(text: string): Promise<void> {
  if (!process.stdout.write(`${text}\n`)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

export function register(program: Command): void {
  program
    .command('expr')
    .description('evaluate WDL expressions: JSON lines {"expr", "context"} on stdin, one {"ok", "value"|"error"} line out per line')
    .argument('[value]', 'evaluate this one value instead of reading stdin, e.g. "@add(1,2)"')
    .option('--context <json>', 'with [value]: the context as JSON (variables, parameters, triggerBody, actions, …)')
    .option('--now <timestamp>', 'fix the clock for utcNow() and friends, e.g. 2024-01-31T12:00:00Z')
    .action(async (value: string | undefined, options: ExprOptions) => {
      let now: (() => Date) | undefined;
      try {
        now = clockOption(options.now);
      } catch (cause) {
        console.error(`brook expr: ${(cause as Error).message}`);
        process.exitCode = 2;
        return;
      }
      if (value !== undefined) {
        const context = options.context === undefined ? {} : safeParse(options.context);
        const result =
          context === undefined
            ? failure('InvalidInput', '--context is not valid JSON.')
            : evaluateLine(JSON.stringify({ expr: value, context }), 1, now);
        await writeLine(serialize(result));
        if (!result.ok) process.exitCode = 1;
        return;
      }
      // A reader that goes away (`brook expr | head -1`) ends the command quietly.
      process.stdout.on('error', (cause: NodeJS.ErrnoException) => {
        if (cause.code === 'EPIPE') process.exit(0);
        throw cause;
      });
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let lineNumber = 0;
      for await (const line of lines) {
        lineNumber++;
        await writeLine(serialize(evaluateLine(line, lineNumber, now)));
      }
    });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
