// A connection as the API shows it: everything but secrets (only the names of the
// secret fields that hold a value).
import { fixActionFor } from '../classification/remedy.js';
import type { AuthType, ConnectionStatus, FixAction } from '../definitions/types.js';
import type { StoredConnection } from './state-store.js';

export interface ConnectionView {
  id: string;
  ownerId: string;
  name: string;
  connectorId: string;
  connectorName: string;
  authType: AuthType;
  fixAction: FixAction;
  parameters: Record<string, unknown>;
  secretsSet: string[];
  status: ConnectionStatus;
  statusReason: string | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  tokenExpiresAt: string | null;
  createdAt: string;
}

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

export function toConnectionView(record: StoredConnection, connectorName: string): ConnectionView {
  return {
    id: record.id,
    ownerId: record.ownerId,
    name: record.name,
    connectorId: record.connectorId,
    connectorName,
    authType: record.authType,
    fixAction: fixActionFor(record.authType),
    parameters: { ...record.parameters },
    secretsSet: [...record.secretNames],
    status: record.status,
    statusReason: record.statusReason,
    lastCheckedAt: iso(record.lastCheckedAt),
    lastSuccessAt: iso(record.lastSuccessAt),
    tokenExpiresAt: iso(record.tokenExpiresAt),
    createdAt: new Date(record.createdAt).toISOString(),
  };
}
