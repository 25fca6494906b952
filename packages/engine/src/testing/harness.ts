// What the engine's tests share: run a definition in memory with an instant clock, look
// records up by key, and serve HTTP on 127.0.0.1 with a handler.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowDefinition } from '@brook/wdl';
import { InstantClock } from '../clock.js';
import { runDefinition, type RunDefinitionOptions } from '../run-definition.js';
import type { RunResult } from '../engine.js';
import type { ActionRecord } from '../ports.js';

export interface RunView extends RunResult {
  /** Records by key ('Send', 'Inner#2'). */
  byKey: Record<string, ActionRecord>;
  status(key: string): string | undefined;
  outputs(key: string): unknown;
}

export function view(result: RunResult): RunView {
  const byKey: Record<string, ActionRecord> = {};
  for (const action of result.actions) byKey[action.key] = action;
  return { ...result, byKey, status: (key) => byKey[key]?.status, outputs: (key) => byKey[key]?.outputs };
}

export async function run(definition: WorkflowDefinition, options: RunDefinitionOptions = {}): Promise<RunView> {
  return view(await runDefinition(definition, { clock: new InstantClock(), ...options }));
}

export const manual = { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } };

export function flow(actions: Record<string, unknown>, extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return { triggers: manual, actions: actions as WorkflowDefinition['actions'], ...extra };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type TestHandler = (request: RecordedRequest, response: ServerResponse, index: number) => void | Promise<void>;

/** An HTTP server on 127.0.0.1 (port 0) that records requests and answers with `handler`. */
export async function serve(handler: TestHandler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res, requests.length - 1)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
