#!/usr/bin/env node
// Server benchmark: a webhook-triggered flow (Request → Compose → Response) end to end
// over HTTP, every run persisted. Requests per second and p50/p99 latency at 1 and 64
// connections, on SQLite (`brook serve` with its in-process workers) and on PostgreSQL
// (`brook serve` answering HTTP plus 2 `brook worker` processes). The server runs from the
// compiled packages (`npm run bench` builds them); this process is the load generator.
//   node scripts/bench/server.mjs [--seconds 10] [--only sqlite|postgres] [--no-write]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { freePort, startPostgresCluster } from '@brook/testkit';
import { writeSection } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const brookBin = join(root, 'packages/cli/bin/brook.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const SECONDS = Number(option('seconds', '10'));
const WARMUP_SECONDS = 2;
const ONLY = option('only', '');
const WRITE = !args.includes('--no-write');

const definition = {
  triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } },
  actions: {
    Compose: { type: 'Compose', inputs: '@triggerBody()', runAfter: {} },
    Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@outputs('Compose')" }, runAfter: { Compose: ['Succeeded'] } },
  },
};

function startProcess(command, env, label) {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server processes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, brookBin, command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('exit', (code, signal) => {
    if (!child.stopping) console.error(`${label} exited (${code ?? signal}):\n${output.slice(-2000)}`);
  });
  return {
    child,
    output: () => output,
    async stop() {
      child.stopping = true;
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForHealth(url, processInfo) {
  for (let i = 0; i < 300; i += 1) {
    try {
      const answer = await fetch(`${url}/healthz`);
      if (answer.ok) return;
    } catch {
      // not up yet
    }
    if (processInfo.child.exitCode !== null) throw new Error(`brook serve stopped:\n${processInfo.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`brook serve did not become healthy:\n${processInfo.output()}`);
}

async function prepareFlow(url) {
  const setup = await fetch(`${url}/api/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.org', name: 'Bench', password: 'a long benchmark password' }) });
  const { csrfToken } = await setup.json();
  const cookie = /brook_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')[0];
  const created = await fetch(`${url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'Echo', definition }) });
  const flow = await created.json();
  return { flow, cookie };
}

/** `connections` callers, each sending one request at a time, for `seconds`; latencies in ms. */
async function load(callbackUrl, connections, seconds) {
  const url = new URL(callbackUrl);
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const path = `${url.pathname}${url.search}`;
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const deadline = performance.now() + seconds * 1000;
  const caller = async (id) => {
    let n = 0;
    while (performance.now() < deadline) {
      const body = JSON.stringify({ caller: id, n: n++ });
      const started = performance.now();
      sent += 1;
      try {
        const { statusCode, body: answer } = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body });
        const text = await answer.text();
        if (statusCode !== 200 || text !== body) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, id) => caller(id)));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { sent, errors, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/** Waits until no run is waiting or running, then counts succeeded runs from /metrics. */
async function persistedRuns(url) {
  for (let i = 0; i < 600; i += 1) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const count = (status) => Number(new RegExp(`^brook_runs\\{status="${status}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    if (count('Waiting') + count('Running') === 0) return { succeeded: count('Succeeded'), failed: count('Failed') };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('runs did not finish within 2 minutes');
}

async function scenario(name, start) {
  const results = [];
  for (const connections of [1, 64]) {
    const env = await start();
    try {
      const { flow } = await prepareFlow(env.url);
      const callbackUrl = flow.triggers[0].callbackUrl;
      const warmup = await load(callbackUrl, connections, WARMUP_SECONDS);
      const measured = await load(callbackUrl, connections, SECONDS);
      const runs = await persistedRuns(env.url);
      const expected = warmup.sent + measured.sent;
      const result = { name, connections, ...measured, sentTotal: expected, persisted: runs.succeeded, allPersisted: runs.succeeded === expected && runs.failed === 0 };
      console.log(
        `${name.padEnd(28)} ${String(connections).padStart(2)} conn: ${result.rps.toFixed(0).padStart(5)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}, runs persisted ${runs.succeeded}/${expected}`,
      );
      results.push(result);
    } finally {
      await env.stop();
    }
  }
  return results;
}

async function sqliteServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-bench-'));
  const port = await freePort();
  const serve = startProcess('serve', { BROOK_PORT: String(port), BROOK_DATA_DIR: dataDir, BROOK_LOG_LEVEL: 'warn', BROOK_WEBHOOK_RATE_LIMIT: '10000000' }, 'brook serve');
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, serve);
  return { url, stop: async () => { await serve.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

/** `workers`: 'separate' runs `brook serve` with no workers plus 2 `brook worker` processes; 'in-process' lets serve run them. */
let databases = 0;
function postgresServer(cluster, workers) {
  return async () => {
    const database = `bench_${process.pid}_${databases++}`;
    const admin = new URL(cluster.url);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    admin.pathname = `/${database}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'brook-bench-'));
    const port = await freePort();
    const env = {
      BROOK_DATABASE_URL: admin.toString(),
      BROOK_SECRET_KEY: 'q0S8xM3xK9V2bq7vJ5n1Lr6tY4wE8uI0oP2aZ7cD3fG=',
      BROOK_DATA_DIR: dataDir,
      BROOK_LOG_LEVEL: 'warn',
      BROOK_DATABASE_POOL: '20',
      BROOK_WEBHOOK_RATE_LIMIT: '10000000',
    };
    const serve = startProcess('serve', { ...env, BROOK_PORT: String(port), BROOK_WORKERS: workers === 'separate' ? '0' : '1' }, 'brook serve');
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, serve);
    const workerProcesses = workers === 'separate' ? [startProcess('worker', env, 'brook worker 1'), startProcess('worker', env, 'brook worker 2')] : [];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return {
      url,
      stop: async () => {
        await serve.stop();
        await Promise.all(workerProcesses.map((worker) => worker.stop()));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
}

function report(results) {
  const rows = results.map((r) => `| ${r.name} | ${r.connections} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.persisted} of ${r.sentTotal}${r.allPersisted ? '' : ' ✗'} |`);
  const sqlite64 = results.find((r) => r.name.startsWith('SQLite') && r.connections === 64);
  const target = sqlite64 ? `Target: at least 3,000 requests/s at 64 connections on SQLite with p99 under 50 ms; measured ${sqlite64.rps.toFixed(0)} requests/s, p99 ${sqlite64.p99.toFixed(1)} ms (${sqlite64.rps >= 3000 && sqlite64.p99 < 50 ? 'met' : 'not met'}).` : '';
  return `A webhook-triggered flow (Request → Compose → Response) called over HTTP on loopback; each call waits for the Response, and every run is persisted (checked after each measurement: runs in the database = calls made, warm-up included). ${SECONDS} s per measurement after a ${WARMUP_SECONDS} s warm-up; the load generator runs on the same machine. SQLite: one \`brook serve\` with its in-process workers. PostgreSQL (scale-out mode): \`brook serve\` answering HTTP with no workers of its own, plus 2 \`brook worker\` processes, so every run crosses processes (the worker wakes on NOTIFY, the Response comes back to serve by NOTIFY, and each process announces its run and action changes for live updates elsewhere by NOTIFY, batched every 20 ms); for comparison, one \`brook serve\` with its in-process workers on PostgreSQL. The server processes, PostgreSQL and the load generator share the 2 cores.

| setup | connections | requests/s | p50 ms | p99 ms | errors | runs persisted |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${target}

Run it with \`npm run bench -- server\`.`;
}

if (!existsSync(join(root, 'packages/cli/dist/main.js'))) {
  console.error('The packages are not built; run `npm run bench -- server` (it builds them) or `npm run build` first.');
  process.exit(2);
}
const results = [];
if (ONLY !== 'postgres') results.push(...(await scenario('SQLite, brook serve', sqliteServer)));
if (ONLY !== 'sqlite') {
  const cluster = await startPostgresCluster();
  try {
    results.push(...(await scenario('PostgreSQL, serve + 2 workers', postgresServer(cluster, 'separate'))));
    results.push(...(await scenario('PostgreSQL, serve alone', postgresServer(cluster, 'in-process'))));
  } finally {
    cluster.stop();
  }
}
if (WRITE) writeSection('Server: webhook to response', report(results));
if (results.some((result) => !result.allPersisted || result.errors > 0)) process.exitCode = 1;
