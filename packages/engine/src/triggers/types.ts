import type { Recurrence } from '@brook/wdl';
export type { RunStore } from '../ports.js';

export interface TriggerDefinitionLike {
  type?: unknown;
  recurrence?: Recurrence;
  inputs?: unknown;
  [member: string]: unknown;
}
