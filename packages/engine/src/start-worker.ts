// `startWorker({ store, …ports, concurrency, workerId })`: an engine that claims and
// runs runs from the store until stopped (what `brook worker` and `brook serve` start).
import { createEngine, type Engine, type EngineOptions } from './engine.js';
import type { Worker, WorkerOptions } from './run/claim.js';

export interface StartWorkerOptions extends EngineOptions, WorkerOptions {}

export function startWorker(options: StartWorkerOptions): Worker & { engine: Engine } {
  const engine = createEngine(options);
  const worker = engine.startWorker(options);
  return Object.assign(worker, { engine });
}
