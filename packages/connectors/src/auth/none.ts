import type { AuthScheme } from './types.js';

/** No credentials: public services (and connectors whose document declares no security). */
export const noAuth: AuthScheme = {
  type: 'none',
  fixAction: 'update_credentials',
  parameters: () => [],
  apply: () => undefined,
  secretValues: () => [],
};
