// The connections an imported flow needs, read from whatever the format declares
// (Power Automate connectionReferences in both dialects, a Logic Apps `$connections`
// value, a designer clipboard's allConnectionData) and completed with the references
// the definition itself uses.
import { collectConnectionReferences } from '../definitions/connection-references.js';
import { isPlainObject } from '../definitions/problems.js';

export interface ImportedConnectionReference {
  /** The key actions use: a connectionReferences key, a `$connections` key, a reference name. */
  name: string;
  /** Connector name, e.g. "shared_office365" or "office365". */
  apiName: string | null;
  /** Connector id, e.g. "/providers/Microsoft.PowerApps/apis/shared_office365". */
  connectorId: string | null;
  /** The connection (or Dataverse connection reference) it was bound to where it came from. */
  connectionName: string | null;
  /** "Embedded"/"Invoker" (Power Automate), "embedded"/"invoker" (solutions); null when not said. */
  source: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** "/providers/Microsoft.PowerApps/apis/shared_office365" → "shared_office365". */
export function lastSegment(id: string | null): string | null {
  if (id === null) return null;
  const segment = id.split('/').filter((part) => part !== '').pop();
  return segment ?? null;
}

/**
 * Power Automate connectionReferences, either dialect:
 * legacy { key: { connectionName, source, id, tier, apiName } } or
 * solution { key: { runtimeSource, connection: { connectionReferenceLogicalName }, api: { name } } }.
 */
export function readPowerAutomateReferences(references: unknown): ImportedConnectionReference[] {
  if (!isPlainObject(references)) return [];
  return Object.entries(references).map(([name, reference]) => {
    if (!isPlainObject(reference)) return { name, apiName: null, connectorId: null, connectionName: null, source: null };
    const api = isPlainObject(reference.api) ? reference.api : {};
    const connection = isPlainObject(reference.connection) ? reference.connection : {};
    const apiName = text(reference.apiName) ?? text(api.name) ?? lastSegment(text(reference.id) ?? text(api.id));
    const connectorId = text(reference.id) ?? text(api.id) ?? (apiName ? `/providers/Microsoft.PowerApps/apis/${apiName}` : null);
    return {
      name,
      apiName,
      connectorId,
      connectionName: text(reference.connectionName) ?? text(connection.connectionReferenceLogicalName) ?? text(connection.name) ?? text(connection.id),
      source: text(reference.source) ?? text(reference.runtimeSource),
    };
  });
}

function isArmPlaceholder(value: string | null): value is string {
  return value !== null && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/**
 * The name an ARM template expression ends with: "[concat(…, '/managedApis/office365')]" or
 * "[resourceId('Microsoft.Web/connections', 'office365')]" → "office365".
 */
function nameInPlaceholder(expression: string): string | null {
  const managedApi = /managedApis\/([\w.-]+)/i.exec(expression);
  if (managedApi) return managedApi[1]!;
  // Names of template parameters and variables are not the name itself.
  const withoutLookups = expression.replace(/\b(?:parameters|variables)\s*\(\s*'[^']*'\s*\)/gi, '');
  const literals = [...withoutLookups.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const last = literals.at(-1);
  return last !== undefined && /^[\w.-]+$/.test(last) ? last : null;
}

/** The last segment of an id; for an ARM template expression, the name it ends with. */
function nameOf(id: string | null): string | null {
  return isArmPlaceholder(id) ? nameInPlaceholder(id) : lastSegment(id);
}

/** A Logic Apps `$connections` value: { key: { connectionId, connectionName, id } }; ARM templates write the ids as expressions. */
export function readLogicAppsConnections(value: unknown): ImportedConnectionReference[] {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).map(([name, connection]) => {
    const entry = isPlainObject(connection) ? connection : {};
    const connectorId = text(entry.id);
    return { name, apiName: nameOf(connectorId), connectorId, connectionName: text(entry.connectionName) ?? nameOf(text(entry.connectionId)), source: null };
  });
}

/** The designer clipboard's allConnectionData: { actionName: { connectionReference: { api, connection, connectionName }, referenceKey } }. */
export function readClipboardConnections(allConnectionData: unknown): ImportedConnectionReference[] {
  if (!isPlainObject(allConnectionData)) return [];
  const references: ImportedConnectionReference[] = [];
  for (const [actionName, data] of Object.entries(allConnectionData)) {
    if (!isPlainObject(data)) continue;
    const reference = isPlainObject(data.connectionReference) ? data.connectionReference : {};
    const api = isPlainObject(reference.api) ? reference.api : {};
    const connection = isPlainObject(reference.connection) ? reference.connection : {};
    const connectorId = text(api.id);
    references.push({
      name: text(data.referenceKey) ?? actionName,
      apiName: lastSegment(connectorId),
      connectorId,
      connectionName: text(reference.connectionName) ?? text(connection.id),
      source: null,
    });
  }
  return references;
}

/** References the definition uses that the format did not declare, with what the definition says about them. */
export function referencesFromDefinition(definition: unknown): ImportedConnectionReference[] {
  return collectConnectionReferences(definition).map((use) => {
    const connectorId = use.apiIds[0] ?? null;
    return { name: use.name, apiName: lastSegment(connectorId), connectorId, connectionName: null, source: null };
  });
}

/** Declared references first; then used ones not declared. One entry per name. */
export function mergeReferences(...lists: ImportedConnectionReference[][]): ImportedConnectionReference[] {
  const byName = new Map<string, ImportedConnectionReference>();
  for (const list of lists) {
    for (const reference of list) {
      const existing = byName.get(reference.name);
      if (!existing) {
        byName.set(reference.name, { ...reference });
        continue;
      }
      existing.apiName ??= reference.apiName;
      existing.connectorId ??= reference.connectorId;
      existing.connectionName ??= reference.connectionName;
      existing.source ??= reference.source;
    }
  }
  return [...byName.values()];
}
