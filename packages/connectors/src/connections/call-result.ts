// What a call made with a connection returns to the engine: the outputs for expressions,
// the recorded (masked) inputs and outputs for the run history, and on failure the
// classified error and whether the connection was flagged.
import type { ClassifiedError } from '@brook/wdl';
import type { ConnectionStatusChange } from '../classification/classify-http.js';

/** Outputs as flows see them: { statusCode, headers, body }. */
export interface ActionOutputs {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The request as it went out, secrets masked. */
export interface RecordedRequest {
  method: string;
  uri: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Recorded {
  inputs: RecordedRequest | Record<string, unknown> | null;
  outputs: ActionOutputs | null;
}

export type InvokeResult =
  | {
      outcome: 'succeeded';
      connectionId: string;
      /** Unmasked, for the flow's expressions. */
      outputs: ActionOutputs;
      /** Masked, for the run history. */
      recorded: Recorded;
      /** Hides secrets in a record of this call kept elsewhere (see RecordMask). */
      hide?: RecordMask;
    }
  | {
      outcome: 'failed';
      connectionId: string;
      error: ClassifiedError;
      /** The service's answer when there was one (unmasked). */
      outputs: ActionOutputs | null;
      recorded: Recorded;
      /** Non-null when this failure flagged the connection (the engine links the run to it). */
      connectionStatusChange: ConnectionStatusChange | null;
      hide?: RecordMask;
    };

/**
 * A copy of a value with the call's secrets hidden: the connection's credentials and
 * tokens and the values of sensitive fields (declared by the connector, or secret by
 * name), wherever they appear. The engine records an action's own inputs and the
 * unmasked outputs, and passes them through this. A function, so the secrets it closes
 * over never travel with a serialized result.
 */
export type RecordMask = <T>(value: T) => T;

export interface InvokeOptions {
  /** Sent as the Idempotency-Key header (derived from run, action and iteration). */
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * What an ApiConnection or OpenApiConnection action asks for: an operation with its
 * flattened parameters, or a raw request relative to the connection's base URL.
 */
export interface ActionCall {
  operationId?: string;
  parameters?: Record<string, unknown>;
  method?: string;
  path?: string;
  queries?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}
