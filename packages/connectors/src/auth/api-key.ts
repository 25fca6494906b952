import type { AuthSpec } from '../definitions/types.js';
import { requireValue, stringValue, type AuthScheme } from './types.js';

const DEFAULT_HEADER = 'X-API-Key';

function placement(spec: AuthSpec, values: Record<string, unknown>): { in: 'header' | 'query'; name: string } {
  const fromSpec = spec.type === 'apiKey' ? spec : { in: 'header' as const, name: DEFAULT_HEADER };
  const where = stringValue(values, 'apiKeyIn');
  return { in: where === 'query' || where === 'header' ? where : fromSpec.in, name: stringValue(values, 'apiKeyName') ?? fromSpec.name };
}

/** An API key sent in a header or a query parameter. */
export const apiKeyAuth: AuthScheme = {
  type: 'apiKey',
  fixAction: 'update_credentials',
  parameters(spec, { configurable }) {
    const fixed = placement(spec, {});
    const key = { name: 'apiKey', label: 'API key', secret: true, required: true, description: `Sent in the ${fixed.in} ${fixed.name}.` };
    if (!configurable) return [key];
    return [
      { name: 'apiKeyIn', label: 'Send the key in', secret: false, required: false, default: fixed.in, options: ['header', 'query'] },
      { name: 'apiKeyName', label: 'Header or query parameter name', secret: false, required: false, default: fixed.name },
      { ...key, description: 'Sent in the header or query parameter named above.' },
    ];
  },
  apply(target, { spec, values }) {
    const key = requireValue(values, 'apiKey', 'API key');
    const where = placement(spec, values);
    if (where.in === 'query') target.url.searchParams.set(where.name, key);
    else target.headers[where.name.toLowerCase()] = key;
  },
  secretValues({ values }) {
    const key = stringValue(values, 'apiKey');
    return key === undefined ? [] : [key, encodeURIComponent(key)];
  },
};
