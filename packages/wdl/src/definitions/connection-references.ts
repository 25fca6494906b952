// Which connections a definition needs, and where: the keys of the `$connections`
// parameter that expressions read (Logic Apps Consumption, Power Automate invoker tokens),
// Power Automate `host.connectionName`s, `host.connection.referenceName`s (Power Automate,
// Logic Apps Standard managed connectors) and Standard service-provider connection names.
import { walkActionTree } from './action-tree.js';
import { forEachString } from './json-walk.js';
import { evaluatedMembers } from './operation-members.js';
import { isPlainObject, pointer } from './problems.js';
import { referencedConnectionKeys } from './template-strings.js';

export type ConnectionReferenceKind = 'connections-parameter' | 'connection-name' | 'reference-name' | 'service-provider';

export interface ConnectionReferenceUse {
  name: string;
  kind: ConnectionReferenceKind;
  /** The connectors it is used with, when the definition says (host.apiId, serviceProviderId). */
  apiIds: string[];
  /** JSON pointers of the triggers and actions that use it, in document order. */
  paths: string[];
}

/** Every connection reference in the definition, in order of first use. Never throws. */
export function collectConnectionReferences(definition: unknown): ConnectionReferenceUse[] {
  const found = new Map<string, ConnectionReferenceUse>();
  const add = (kind: ConnectionReferenceKind, name: string, path: string, apiId: unknown): void => {
    const key = `${kind}\u0000${name}`;
    const use = found.get(key) ?? { name, kind, apiIds: [], paths: [] };
    if (!use.paths.includes(path)) use.paths.push(path);
    if (typeof apiId === 'string' && apiId !== '' && !use.apiIds.includes(apiId)) use.apiIds.push(apiId);
    found.set(key, use);
  };
  for (const operation of operationsOf(definition)) {
    for (const [, value, memberPath] of evaluatedMembers(operation.value, operation.path)) {
      forEachString(value, memberPath, (text) => {
        for (const key of referencedConnectionKeys(text)) add('connections-parameter', key, operation.path, null);
      });
    }
    const inputs = isPlainObject(operation.value) ? operation.value.inputs : undefined;
    if (!isPlainObject(inputs)) continue;
    const host = inputs.host;
    if (isPlainObject(host)) {
      const apiId = host.apiId ?? (isPlainObject(host.api) ? host.api.id : undefined);
      if (isLiteralName(host.connectionName)) add('connection-name', host.connectionName, operation.path, apiId);
      if (isLiteralName(host.connection)) add('connection-name', host.connection, operation.path, apiId);
      if (isPlainObject(host.connection) && isLiteralName(host.connection.referenceName)) add('reference-name', host.connection.referenceName, operation.path, apiId);
    }
    const serviceProvider = inputs.serviceProviderConfiguration;
    if (isPlainObject(serviceProvider) && isLiteralName(serviceProvider.connectionName)) {
      add('service-provider', serviceProvider.connectionName, operation.path, serviceProvider.serviceProviderId);
    }
  }
  return [...found.values()];
}

function isLiteralName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !value.startsWith('@');
}

/** Triggers, then every action of the tree, with their JSON pointers. */
export function operationsOf(definition: unknown): Array<{ name: string; path: string; value: unknown }> {
  const operations: Array<{ name: string; path: string; value: unknown }> = [];
  if (isPlainObject(definition) && isPlainObject(definition.triggers)) {
    for (const [name, value] of Object.entries(definition.triggers)) operations.push({ name, path: pointer('/triggers', name), value });
  }
  for (const entry of walkActionTree(definition).actions) operations.push({ name: entry.name, path: entry.path, value: entry.value });
  return operations;
}
