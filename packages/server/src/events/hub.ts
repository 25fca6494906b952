// The engine's event sink in the server: every committed change of a run or an action
// goes to the listeners registered here (live updates over SSE, notifications, metrics).
// A listener that throws is logged and never disturbs the engine.
import type { EngineEvent, EventSink } from '@brook/engine';
import type { Logger } from 'pino';

export type EventListener = (event: EngineEvent) => void;

export class EventHub implements EventSink {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger) {}

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, event: event.type }, 'an event listener failed');
      }
    }
  }

  /** Adds a listener; call the returned function to remove it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
