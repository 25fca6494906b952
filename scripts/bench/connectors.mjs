// Benchmark: what a connection adds to an HTTP call — opening its sealed credentials,
// putting them on the request, masking what is recorded — in microseconds, and the
// whole ConnectionManager.invoke against a plain guarded HTTP call to the same local
// server. Results go to the "Connections" section of docs/benchmarks.md.
import { createServer } from 'node:http';
import {
  authScheme,
  ConnectionManager,
  ConnectorRegistry,
  generateSecretKey,
  HttpClient,
  InMemoryConnectionStateStore,
  Keyring,
  maskSecrets,
} from '@brook/connectors';
import { writeSection } from './_report.mjs';

const keyring = Keyring.fromKeys([generateSecretKey()]);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median µs per operation over `rounds` rounds of `iterations` calls. */
function timeSync(fn, iterations = 20_000, rounds = 7) {
  for (let i = 0; i < 2_000; i++) fn(i); // warm up
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  return median(samples);
}

async function timeAsync(fn, iterations = 2_000, rounds = 5) {
  for (let i = 0; i < 300; i++) await fn(i);
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  return median(samples);
}

// ---------------------------------------------------------------- parts
const bundle = JSON.stringify({ v: 1, secrets: { password: 'correct horse battery staple' }, tokens: { accessToken: 'a'.repeat(800), refreshToken: 'r'.repeat(64), tokenType: 'Bearer', expiresAt: Date.now() + 3600_000, obtainedAt: Date.now() } });
const sealed = keyring.seal(bundle, 'connection:bench');
const open = timeSync(() => JSON.parse(keyring.open(sealed, 'connection:bench')));
const seal = timeSync(() => keyring.seal(bundle, 'connection:bench'));

const values = { username: 'alice', password: 'correct horse battery staple', apiKey: 'k-1234567890', token: 't'.repeat(40) };
const inject = {};
for (const [type, spec] of [
  ['basic', { type: 'basic' }],
  ['apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key' }],
  ['bearer', { type: 'bearer' }],
]) {
  const scheme = authScheme(type);
  inject[type] = timeSync(() => scheme.apply({ url: new URL('https://api.example.com/v1/orders?page=2'), headers: { accept: 'application/json' } }, { spec, values }));
}

const recorded = {
  inputs: { method: 'POST', uri: 'https://api.example.com/v1/orders?page=2', headers: { authorization: 'Basic YWxpY2U6cHc=', 'content-type': 'application/json' }, body: { item: 'pen', quantity: 2, customer: { name: 'Ada', email: 'ada@example.com' } } },
  outputs: { statusCode: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'abc' }, body: { id: 42, items: Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, count: i })) } },
};
const mask = timeSync(() => maskSecrets(recorded, { sensitiveFields: ['pin'], secretValues: [values.password, 'YWxpY2U6Y29ycmVjdCBob3JzZQ=='] }), 5_000);

// ---------------------------------------------------------------- whole call
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true,"id":42}');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const http = new HttpClient({ network: { allowedCidrs: ['127.0.0.1/32'] } });
const store = new InMemoryConnectionStateStore();
const manager = new ConnectionManager({ store, keyring, connectors: new ConnectorRegistry(), http });
const { connection } = await manager.create({ ownerId: 'bench', name: 'Bench', connectorId: 'http', authType: 'basic', parameters: { baseUrl: base, verifyPath: '/', username: 'alice' }, secrets: { password: values.password } });

const plainCall = () => http.request({ method: 'POST', url: `${base}/orders`, headers: { 'content-type': 'application/json' }, body: '{"item":"pen"}' });
// As the server makes it: the call, then the run record passed through the call's mask.
const connectionCall = async () => {
  const result = await manager.invoke(connection.id, { method: 'POST', path: '/orders', body: { item: 'pen' } });
  if (result.outcome !== 'succeeded') throw new Error(result.error.message);
  result.hide?.({ inputs: { method: 'POST', path: '/orders', body: { item: 'pen' } }, outputs: result.outputs });
};
// Rounds of the two alternate, so a change of load on the machine touches both alike.
const plainRounds = [];
const connectionRounds = [];
for (let round = 0; round < 9; round++) {
  plainRounds.push(await timeAsync(plainCall, 1_000, 1));
  connectionRounds.push(await timeAsync(connectionCall, 1_000, 1));
}
const plain = median(plainRounds);
const viaConnection = median(connectionRounds);
// The same call with the HTTP client answering at once: the connection's own work, without the network.
const answered = { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true,"id":42}') };
const stubHttp = { policy: http.policy, request: async () => answered, close: async () => undefined };
const offline = new ConnectionManager({ store, keyring, connectors: new ConnectorRegistry(), http: stubHttp });
const withoutNetwork = await timeAsync(async () => {
  const result = await offline.invoke(connection.id, { method: 'POST', path: '/orders', body: { item: 'pen' } });
  if (result.outcome !== 'succeeded') throw new Error(result.error.message);
  result.hide({ inputs: { method: 'POST', path: '/orders', body: { item: 'pen' } }, outputs: result.outputs });
}, 5_000, 7);

// The call's mask on the record the engine keeps of the action (its inputs and the answer).
const sample = await manager.invoke(connection.id, { method: 'POST', path: '/orders', body: { item: 'pen' } });
const hideRecord = timeSync(() => sample.hide({ inputs: recorded.inputs, outputs: recorded.outputs }), 5_000);
await manager.close();
await http.close();
server.close();

const fmt = (us) => us.toFixed(us < 10 ? 2 : 1);
const rows = [
  ['Open the sealed credentials (AES-256-GCM, ~1 KB bundle, JSON parse)', fmt(open)],
  ['Seal them again (after a token refresh)', fmt(seal)],
  ['Put Basic credentials on a request', fmt(inject.basic)],
  ['Put an API key header on a request', fmt(inject.apiKey)],
  ['Put a bearer token on a request', fmt(inject.bearer)],
  ['Mask the recorded inputs and outputs (20-item body)', fmt(mask)],
  ['Hide the call\'s secrets in the run record the engine keeps (same record)', fmt(hideRecord)],
  ['Guarded HTTP POST to a loopback server, no connection', fmt(plain)],
  ['The same POST through ConnectionManager.invoke (Basic), its run record masked', fmt(viaConnection)],
  ['**Overhead of the connection per call** (the difference of the two)', `**${fmt(viaConnection - plain)}**`],
  ['**The connection\'s own work per call**: invoke with the HTTP answer given at once (read, open, inject, classify, both masks)', `**${fmt(withoutNetwork)}**`],
];
const table = ['| step | µs (median) |', '|---|---:|', ...rows.map(([step, us]) => `| ${step} | ${us} |`)].join('\n');
console.log(table);
writeSection(
  'Connections',
  `What a connection adds to an HTTP call: its credentials are opened, put on the request at the last moment, and what is recorded is masked (the call's own record, and the run record the engine keeps of the action, where the connection's secrets and sensitive values are hidden). \`scripts/bench/connectors.mjs\`; the whole-call rows are sequential calls to a server in the same process, in alternating rounds, so they include that server's time; the difference between them is the connection's cost (it includes reading the connection from the in-memory store; a database read adds its own latency). The last row is the same call with the HTTP client answering at once: the connection's CPU time alone, steadier on a busy machine.

${table}`,
);
