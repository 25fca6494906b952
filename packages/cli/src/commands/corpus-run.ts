// Corpus section "running flows": every flow of <corpus>/flows that uses only built-in
// actions runs to its end, with any HTTP it calls answered by a local test server, and
// ends as corpus-run-expectations.json records; the flows with recorded exchanges
// (`expectedRuns` in flows/INDEX.json) answer each recorded request as the service did.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFlow, normalizeTypeName, type WorkflowDefinition } from '@brook/wdl';
import { createEngine, createFetchHttpClient, InstantClock, manualTriggerOutputs, MemoryRunStore, supportedActionTypes, triggerNameOf, type HttpClient } from '@brook/engine';
import type { CorpusContext, CorpusSection, CorpusSectionResult } from './corpus.js';
import { replayExchange, type RecordedExchange } from './corpus-run-replay.js';

interface IndexEntry {
  file: string;
  actionTypes?: string[];
  triggers?: string[];
  expectedRuns?: RecordedExchange[];
}

// Two levels up from both src/commands and dist/commands is the package folder.
const EXPECTATIONS_FILE = new URL('../../src/commands/corpus-run-expectations.json', import.meta.url);
const RUN_LIMIT_MS = 20_000;
const TRIGGERS = new Set(['request', 'recurrence', 'manual']);
/** Supported, but they call services through stored connections: not built in. */
const CONNECTOR_ACTIONS = new Set(['apiconnection', 'openapiconnection']);

function loadExpectations(): Record<string, string> {
  return (JSON.parse(readFileSync(EXPECTATIONS_FILE, 'utf8')) as { runs: Record<string, string> }).runs;
}

/** A string a property of this name would plausibly hold (a time for "startTime", a URL for "callbackUrl"…). */
function sampleString(name: string, format: unknown, base: string): string {
  if (format === 'date-time' || /time|date/i.test(name)) return /zone/i.test(name) ? 'UTC' : new Date(Date.UTC(2030, 0, 1, 9)).toISOString();
  if (/url|uri|endpoint/i.test(name)) return `${base}/${encodeURIComponent(name)}`;
  if (/method/i.test(name)) return 'GET';
  if (/frequency|unit/i.test(name)) return 'Hour';
  if (/mail/i.test(name)) return 'someone@example.com';
  return 'sample';
}

/** A value that fits a JSON schema, so a flow reading its trigger body finds something. */
export function sampleFromSchema(schema: unknown, base: string, name = '', depth = 0): unknown {
  if (schema === null || typeof schema !== 'object' || depth > 6) return null;
  const s = schema as { type?: unknown; format?: unknown; properties?: Record<string, unknown>; items?: unknown; enum?: unknown[] };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(name, s.format, base);
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return [sampleFromSchema(s.items, base, name, depth + 1)];
    case 'object':
    default: {
      if (!s.properties) return type === 'object' ? {} : null;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(s.properties)) out[key] = sampleFromSchema(inner, base, key, depth + 1);
      return out;
    }
  }
}

/**
 * Logic Apps Standard flows read parameters and app settings kept beside the definition
 * (parameters.json, local.settings.json), which the corpus does not have: stand-ins are
 * given, URLs pointing at the local server.
 */
function withStandIns(definition: WorkflowDefinition, base: string): { definition: WorkflowDefinition; appSettings: Record<string, unknown> } {
  const text = JSON.stringify(definition);
  const parameters = { ...(definition.parameters ?? {}) };
  for (const [, name] of text.matchAll(/parameters\('([^']+)'\)/g)) {
    if (name && !(name in parameters)) parameters[name] = { type: 'String', value: sampleString(name, undefined, base) };
  }
  const appSettings: Record<string, unknown> = {};
  for (const [, name] of text.matchAll(/appsetting\('([^']+)'\)/g)) if (name) appSettings[name] = sampleString(name, undefined, base);
  return { definition: { ...definition, parameters }, appSettings };
}

/** mulberry32: the same numbers every time, so flows that use rand() end the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends every call to the local echo server, whatever host the flow named. */
function redirectingClient(base: string): HttpClient {
  const real = createFetchHttpClient();
  return {
    send(request) {
      const url = new URL(request.url);
      return real.send({ ...request, url: `${base}${url.pathname}${url.search}`, headers: { ...request.headers, 'x-original-host': url.host }, clientCertificate: undefined });
    },
  };
}

async function echoServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, method: req.method, path: req.url, host: req.headers['x-original-host'], received: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function builtInOnly(entry: IndexEntry, supported: Set<string>): boolean {
  const actions = entry.actionTypes ?? [];
  const triggers = (entry.triggers ?? []).map((t) => normalizeTypeName(t.split('/')[0]));
  return actions.every((type) => supported.has(normalizeTypeName(type)) && !CONNECTOR_ACTIONS.has(normalizeTypeName(type))) && triggers.length > 0 && triggers.every((t) => TRIGGERS.has(t));
}

async function runOne(original: WorkflowDefinition, http: HttpClient, base: string, context: CorpusContext): Promise<string> {
  const { definition, appSettings } = withStandIns(original, base);
  const triggerName = triggerNameOf(definition);
  const trigger = definition.triggers?.[triggerName];
  const schema = (trigger?.inputs as { schema?: unknown } | undefined)?.schema;
  const store = new MemoryRunStore();
  store.addFlowVersion('corpus', definition);
  const engine = createEngine({ store, http, appSettings, clock: new InstantClock(), random: seededRandom(1), httpTimeoutMs: 5000 });
  const triggerOutputs = normalizeTypeName(trigger?.type) === 'recurrence' ? { headers: {}, scheduledTime: new Date().toISOString() } : manualTriggerOutputs({ body: sampleFromSchema(schema, base) ?? {} });
  const running = engine.runToCompletion({ flowId: 'corpus', flowVersion: 1, triggerName, triggerOutputs });
  const limit = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not finish within ${RUN_LIMIT_MS / 1000} s`)), RUN_LIMIT_MS).unref());
  const result = await Promise.race([running, limit]);
  const failedRecords = result.actions.filter((a) => a.status === 'Failed');
  if (context.verbose) for (const record of failedRecords) context.print(`        ${record.key}: ${record.error?.message ?? record.code}`);
  const failed = failedRecords.map((a) => a.name);
  return failed.length === 0 ? result.run.status : `${result.run.status} (${[...new Set(failed)].join(', ')})`;
}

async function run(corpusDir: string, context: CorpusContext): Promise<CorpusSectionResult> {
  const indexFile = join(corpusDir, 'flows', 'INDEX.json');
  if (!existsSync(indexFile)) return { summary: 'no flows/INDEX.json, so no flow was run', failures: 0 };
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as IndexEntry[];
  const expectations = { ...loadExpectations(), ...(context as { runExpectations?: Record<string, string> }).runExpectations };
  const supported = new Set(supportedActionTypes());
  const { url, server } = await echoServer();
  const http = redirectingClient(url);
  let failures = 0;
  let ran = 0;
  let replayed = 0;
  try {
    for (const entry of index) {
      if (context.only && !entry.file.includes(context.only)) continue;
      const bytes = readFileSync(join(corpusDir, 'flows', entry.file));
      const flow = importFlow({ name: entry.file, bytes });
      if (!flow.definition) continue;
      if (entry.expectedRuns?.length) {
        for (const [i, exchange] of entry.expectedRuns.entries()) {
          const differences = await replayExchange(flow.definition, exchange, http).catch((error: unknown) => [`the run crashed: ${String(error)}`]);
          replayed += 1;
          if (differences.length === 0) {
            context.print(`  ok    ${entry.file} exchange ${i + 1}: ${exchange.request.method} answered ${exchange.response.status} as the service did`);
          } else {
            failures += 1;
            context.print(`  FAIL  ${entry.file} exchange ${i + 1}: ${differences.join('; ')}`);
          }
        }
      }
      if (!builtInOnly(entry, supported)) continue;
      const outcome = await runOne(flow.definition, http, url, context).catch((error: unknown) => `crashed: ${error instanceof Error ? error.message : String(error)}`);
      ran += 1;
      const expected = expectations[entry.file];
      if (outcome === expected) {
        context.print(`  ok    ${entry.file}: ${outcome}`);
      } else {
        failures += 1;
        context.print(`  FAIL  ${entry.file}: ${outcome}${expected === undefined ? ' (no expectation recorded in corpus-run-expectations.json)' : `, expected ${expected}`}`);
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  return { summary: `${ran} built-in flows run, ${replayed} recorded exchanges replayed, ${failures} unexpected`, failures };
}

export const corpusSection: CorpusSection = { title: 'Running flows', order: 30, run };
