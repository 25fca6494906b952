// What the Power Automate designer puts on the clipboard when an action is copied:
// { nodeId, serializedValue: <the action>, allConnectionData, staticResults, isScopeNode }.
// It is one action (a scope may hold many), not a flow: Brook makes a definition of it
// with that action alone at the top level and no trigger.
import { CANONICAL_SCHEMA } from '../definitions/validate-document.js';
import { error, isPlainObject, pointer, warning, type DefinitionProblem } from '../definitions/problems.js';
import { readClipboardConnections } from './connection-references.js';
import { parseJsonText } from './json-text.js';
import { duplicateKeyWarnings, splitDuplicateKeys, type Extracted } from './extracted.js';

export function isDesignerClipboard(document: Record<string, unknown>): boolean {
  return 'serializedValue' in document && ('nodeId' in document || 'allConnectionData' in document);
}

export function readDesignerClipboard(fileName: string, envelope: Record<string, unknown>, duplicateKeys: string[]): Extracted {
  const problems: DefinitionProblem[] = [];
  let action: unknown = envelope.serializedValue;
  if (typeof action === 'string') {
    // Some versions put the action on the clipboard as JSON text.
    const parsed = parseJsonText(`${fileName} (serializedValue)`, action);
    if (parsed.ok) action = parsed.value;
    else problems.push(parsed.problem);
  }
  const name = typeof envelope.nodeId === 'string' && envelope.nodeId.trim() !== '' ? envelope.nodeId : 'Pasted_action';
  const base: Extracted = {
    format: 'designer-clipboard',
    displayName: null,
    definition: null,
    definitionLocation: '/serializedValue',
    parameters: {},
    declaredReferences: readClipboardConnections(envelope.allConnectionData),
    problems,
    duplicateKeys: [],
  };
  if (!isPlainObject(action)) {
    if (problems.length === 0) {
      problems.push(error(`${fileName}#/serializedValue`, 'InvalidShape', `${fileName} is a designer clipboard, but its serializedValue is not an action. Copy the action in the designer again.`));
    }
    return base;
  }
  const duplicates = splitDuplicateKeys(duplicateKeys, '/serializedValue');
  problems.push(...duplicateKeyWarnings(fileName, duplicates.outside));
  const runAfter = isPlainObject(action.runAfter) ? Object.keys(action.runAfter) : [];
  const actionAlone = { ...action, runAfter: {} };
  problems.push(
    warning(
      fileName,
      'ClipboardFragment',
      `${fileName} holds the action '${name}' copied from the designer, not a whole flow. Brook made a flow of it with no trigger${runAfter.length ? ` and without its runAfter on ${runAfter.map((target) => `'${target}'`).join(', ')}, which ${runAfter.length === 1 ? 'is' : 'are'} not part of it` : ''}. Paste it into a flow to run it.`,
    ),
  );
  const definition: Record<string, unknown> = {
    $schema: CANONICAL_SCHEMA,
    contentVersion: '1.0.0.0',
    // What every Power Automate flow declares; connector actions read them.
    parameters: { $connections: { type: 'Object', defaultValue: {} }, $authentication: { type: 'SecureObject', defaultValue: {} } },
    triggers: {},
    actions: { [name]: actionAlone },
  };
  if (isPlainObject(envelope.staticResults) && Object.keys(envelope.staticResults).length > 0) definition.staticResults = envelope.staticResults;
  // Keys repeated inside the action, relative to where it now sits in the definition.
  const actionPointer = pointer('/actions', name);
  return { ...base, definition, duplicateKeys: duplicates.inside.map((key) => actionPointer + key) };
}
