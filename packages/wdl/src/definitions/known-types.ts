// The trigger and action types of WDL that Brook recognises. Recognising a type is not the
// same as running it: a connector or integration-account action is valid WDL even when no
// engine here can execute it, so it belongs in these lists.

/** Trigger types, in the spelling the service documents (compared case-insensitively). */
export const KNOWN_TRIGGER_TYPES = [
  'Request',
  'Recurrence',
  'Http',
  'HttpWebhook',
  'ApiConnection',
  'ApiConnectionWebhook',
  'ApiConnectionNotification',
  'OpenApiConnection',
  'OpenApiConnectionWebhook',
  'OpenApiConnectionNotification',
  'ApiManagement',
  'Batch',
  'SlidingWindow',
  'ServiceProvider',
  // Names some Power Automate exports and tools use where a type is expected.
  'manual',
  'Button',
] as const;

/** Container actions: they hold actions of their own. */
export const CONTAINER_ACTION_TYPES = ['Scope', 'If', 'Switch', 'Foreach', 'Until'] as const;

/** Action types, in the spelling the service documents (compared case-insensitively). */
export const KNOWN_ACTION_TYPES = [
  ...CONTAINER_ACTION_TYPES,
  // data operations
  'Compose',
  'ParseJson',
  'Query',
  'Select',
  'Join',
  'Table',
  'Expression',
  // variables
  'InitializeVariable',
  'SetVariable',
  'IncrementVariable',
  'DecrementVariable',
  'AppendToArrayVariable',
  'AppendToStringVariable',
  // control
  'Terminate',
  'Wait',
  'Response',
  'Workflow',
  // HTTP and code
  'Http',
  'HttpWebhook',
  'Function',
  'InvokeFunction',
  'JavaScriptCode',
  'CSharpScriptCode',
  'PowershellCode',
  // connectors
  'ApiConnection',
  'ApiConnectionWebhook',
  'ApiConnectionNotification',
  'OpenApiConnection',
  'OpenApiConnectionWebhook',
  'OpenApiConnectionNotification',
  'ServiceProvider',
  'ApiManagement',
  // integration account, XML and batches
  'Liquid',
  'Xslt',
  'XmlValidation',
  'XmlParse',
  'XmlCompose',
  'FlatFileEncoding',
  'FlatFileDecoding',
  'IntegrationAccountArtifactLookup',
  'SendToBatch',
  // AI
  'Agent',
  'NestedAgent',
  'ChunkText',
  'ParseDocument',
] as const;

const knownTriggers = new Map(KNOWN_TRIGGER_TYPES.map((type) => [type.toLowerCase(), type]));
const knownActions = new Map(KNOWN_ACTION_TYPES.map((type) => [type.toLowerCase(), type]));

export function isKnownTriggerType(normalized: string): boolean {
  return knownTriggers.has(normalized);
}

export function isKnownActionType(normalized: string): boolean {
  return knownActions.has(normalized);
}

export function closestTriggerTypes(type: string): string[] {
  return closestNames(type, KNOWN_TRIGGER_TYPES);
}

// What the designers call some actions, and what other tools write for them.
const ACTION_ALIASES: Record<string, string> = {
  condition: 'If',
  applytoeach: 'Foreach',
  for_each: 'Foreach',
  dountil: 'Until',
  do_until: 'Until',
  delay: 'Wait',
  delayuntil: 'Wait',
  filterarray: 'Query',
  filter: 'Query',
  parsejsonaction: 'ParseJson',
  http_request: 'Http',
  request: 'Http',
  javascript: 'JavaScriptCode',
  inlinecode: 'JavaScriptCode',
  childflow: 'Workflow',
  runchildflow: 'Workflow',
};

export function closestActionTypes(type: string): string[] {
  const key = type.trim().toLowerCase().replace(/[\s-]+/g, '');
  const alias = Object.hasOwn(ACTION_ALIASES, key) ? ACTION_ALIASES[key] : undefined;
  const near = closestNames(type, KNOWN_ACTION_TYPES);
  return alias ? [alias, ...near.filter((name) => name !== alias)].slice(0, 3) : near;
}

/**
 * The candidates nearest to `name` by edit distance (case-insensitive), best first. Only
 * names within a distance that still looks like a typo are offered, at most three.
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const wanted = name.trim().toLowerCase();
  // Short words are too easily two edits from anything ("Nope" → "Scope"): allow one.
  const limit = wanted.length <= 4 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
  return candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const contains = wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower));
      // A shared start of three letters or more reads as the same word misspelt further on.
      const sharedStart = commonPrefixLength(wanted, lower) >= Math.min(3, lower.length);
      const distance = contains ? 1 : Math.min(editDistance(wanted, lower), sharedStart ? limit : Infinity);
      return { candidate, distance };
    })
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** Edit distance where swapping two neighbouring letters ("Htpp") counts as one edit. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
