// Shapes of the flows API (docs/api.md, "Flows").
import { z } from 'zod';

export const runStatus = z.enum(['Waiting', 'Running', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped']);
export const personRef = z.object({ id: z.string(), name: z.string() });
const definitionObject = z.record(z.string(), z.unknown()).describe('A WDL workflow definition: { triggers, actions, … }');
const connectionMap = z.record(z.string().min(1).max(200), z.string().min(1).max(200)).describe('connection reference name → connection id');

export const flowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  owner: personRef,
  coOwners: z.array(personRef),
  version: z.number(),
  triggerType: z.string().nullable(),
  lastRun: z.object({ id: z.string(), status: runStatus, startedAt: z.string() }).nullable(),
  runsLast7Days: z.number(),
  failuresLast7Days: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const connectionReferenceSchema = z.object({ name: z.string(), connectorId: z.string().nullable(), connectionId: z.string().nullable() });
export const triggerInfoSchema = z.object({
  name: z.string(),
  type: z.string(),
  method: z.string().nullable(),
  relativePath: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  nextRunAt: z.string().nullable(),
});

export const flowSchema = flowSummarySchema.extend({
  definition: z.record(z.string(), z.unknown()),
  connectionReferences: z.array(connectionReferenceSchema),
  triggers: z.array(triggerInfoSchema),
});

export const problemSchema = z.object({ path: z.string(), message: z.string(), code: z.string() });
export const flowVersionSchema = z.object({
  version: z.number(),
  createdAt: z.string(),
  createdBy: personRef.nullable(),
  definition: z.record(z.string(), z.unknown()),
  connections: z.record(z.string(), z.string()).describe('connection reference name → connection id: the connections this version calls'),
});

const flowName = z.string().trim().min(1, 'must not be empty').max(200);
const flowDescription = z.string().max(4000);

export const createFlowBody = z.object({ name: flowName, description: flowDescription.optional(), definition: definitionObject, connections: connectionMap.optional() });
export const updateFlowBody = z.object({
  name: flowName.optional(),
  description: flowDescription.optional(),
  definition: definitionObject.optional(),
  connections: connectionMap.describe("connection reference name → connection id, merged into the current version's mapping; a change makes a new version").optional(),
});
export const importFlowBody = z.object({
  fileName: z.string().trim().min(1, 'must not be empty').max(300),
  content: z.string().min(1, 'must not be empty'),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  name: flowName.optional(),
  workflow: z.string().max(300).optional().describe('For files holding several workflows: which one'),
});
export const validateBody = z.object({ definition: z.unknown() });
export const manualRunBody = z.object({ body: z.unknown().optional(), headers: z.record(z.string(), z.string()).optional() });
export const ownerBody = z.object({ userId: z.string().min(1).max(200) });
export const flowParams = z.object({ id: z.string().min(1).max(200) });
export const ownerParams = z.object({ id: z.string().min(1).max(200), userId: z.string().min(1).max(200) });
export const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(28) });
export const statsSchema = z.object({ days: z.array(z.object({ date: z.string(), succeeded: z.number(), failed: z.number(), cancelled: z.number() })) });
