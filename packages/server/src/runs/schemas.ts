// Shapes of the runs API (docs/api.md, "Runs").
import { ERROR_CATEGORIES } from '@brook/wdl';
import { z } from 'zod';
import { runStatus } from '../flows/schemas.js';

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2025-01-31T09:14:00Z' });

export const classifiedErrorSchema = z.object({
  code: z.string(),
  category: z.enum(ERROR_CATEGORIES as [string, ...string[]]),
  message: z.string(),
  status: z.number().optional(),
  connectionId: z.string().optional(),
  connectionName: z.string().optional(),
  remedy: z.object({ summary: z.string(), steps: z.array(z.string()) }),
});

export const runSummarySchema = z.object({
  id: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  flowVersion: z.number(),
  status: runStatus,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  triggerName: z.string(),
  error: classifiedErrorSchema.nullable(),
  failedAction: z.string().nullable(),
  connectionIds: z.array(z.string()),
  resubmittedFrom: z.string().nullable(),
  resubmitMode: z.enum(['run', 'action']).nullable(),
  resubmittedAs: z.array(z.string()),
});

export const actionRecordSchema = z.object({
  name: z.string(),
  type: z.string(),
  scopePath: z.array(z.string()),
  iteration: z.number().nullable(),
  status: z.enum(['Waiting', 'Running', 'Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled']),
  code: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  inputs: z.unknown(),
  outputs: z.unknown(),
  error: classifiedErrorSchema.nullable(),
  attempts: z.array(z.object({ startedAt: z.string(), endedAt: z.string(), status: z.string(), code: z.string().nullable(), error: classifiedErrorSchema.nullable() })),
  connectionId: z.string().nullable(),
  connectionName: z.string().nullable(),
  resubmitted: z.boolean(),
  canResubmitFrom: z.boolean(),
  resubmitFromBlockedReason: z.string().nullable(),
});

export const runSchema = runSummarySchema.extend({
  triggerOutputs: z.unknown(),
  outputs: z.record(z.string(), z.unknown()),
  response: z.object({ statusCode: z.number(), headers: z.record(z.string(), z.string()), body: z.unknown() }).nullable(),
  actions: z.array(actionRecordSchema),
  definition: z.record(z.string(), z.unknown()),
});

export const listRunsQuery = z.object({
  flowId: z.string().max(200).optional(),
  status: runStatus.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  connectionId: z.string().max(200).optional(),
  category: z.enum(ERROR_CATEGORIES as [string, ...string[]]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const runParams = z.object({ id: z.string().min(1).max(200) });
export const resubmitBody = z.object({ fromAction: z.string().min(1).max(200).optional() });
const runIds = z.array(z.string().min(1).max(200)).min(1, 'must name at least one run').max(5000);
export const bulkResubmitBody = z.union([
  z.object({ runIds, fromFailedAction: z.boolean().optional() }).strict(),
  z.object({ connectionId: z.string().min(1).max(200), since: isoTime.optional(), fromFailedAction: z.boolean().optional() }).strict(),
]);
export const bulkCancelBody = z.object({ runIds });

export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['bulk-resubmit', 'bulk-cancel']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  results: z.array(z.object({ runId: z.string(), newRunId: z.string().nullable(), error: z.string().nullable() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
