// Shapes of the connections and connectors API (docs/api.md, "Connections and connectors").
import { AUTH_TYPES } from '@brook/connectors';
import { z } from 'zod';
import { personRef } from '../flows/schemas.js';

export const authType = z.enum(AUTH_TYPES as unknown as [string, ...string[]]);
const parameterSchema = z.object({
  name: z.string(),
  label: z.string(),
  secret: z.boolean(),
  required: z.boolean(),
  description: z.string().optional(),
  default: z.unknown().optional(),
  options: z.array(z.string()).optional(),
});

export const connectorSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  authType,
  parameters: z.array(parameterSchema),
  authOptions: z.array(z.object({ authType, parameters: z.array(parameterSchema) })),
  operations: z.array(z.object({ id: z.string(), method: z.string(), path: z.string(), summary: z.string() })),
});

export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  authType,
  fixAction: z.enum(['verify_password', 'sign_in_again', 'update_credentials']),
  owner: personRef,
  sharedWith: z.array(personRef),
  canEdit: z.boolean(),
  parameters: z.record(z.string(), z.unknown()),
  secretsSet: z.array(z.string()),
  status: z.enum(['connected', 'unauthenticated', 'error']),
  statusReason: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  tokenExpiresAt: z.string().nullable(),
  broken: z.object({ runs: z.number(), flows: z.number(), since: z.string().nullable() }),
  createdAt: z.string(),
});

const values = z.record(z.string().max(200), z.unknown());
export const createConnectionBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  connectorId: z.string().min(1).max(200),
  authType: authType.optional(),
  parameters: values.default({}),
  secrets: values.default({}),
});
export const updateConnectionBody = z.object({ name: z.string().trim().min(1, 'must not be empty').max(200).optional(), parameters: values.optional() });
export const verifyBody = z.object({ secrets: values.optional(), parameters: values.optional() });
export const oauthStartBody = z.object({
  returnTo: z
    .string()
    .max(2000)
    .refine((path) => path.startsWith('/') && !path.startsWith('//') && !path.includes('\\'), 'must be a path in the portal, starting with /')
    .optional(),
});
export const oauthCallbackQuery = z.object({
  state: z.string().min(1).max(500),
  code: z.string().max(4000).optional(),
  error: z.string().max(500).optional(),
  error_description: z.string().max(2000).optional(),
});
export const importConnectorBody = z.object({ document: z.string().min(1, 'must not be empty').max(5 * 1024 * 1024), name: z.string().trim().min(1).max(200).optional() });
export const shareBody = z.object({ userId: z.string().min(1).max(200) });
export const connectionParams = z.object({ id: z.string().min(1).max(200) });
export const shareParams = z.object({ id: z.string().min(1).max(200), userId: z.string().min(1).max(200) });
export const sinceQuery = z.object({ since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional() });
