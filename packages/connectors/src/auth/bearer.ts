import { requireValue, stringValue, type AuthScheme } from './types.js';

/** A fixed bearer token (a personal access token, a long-lived service token). */
export const bearerAuth: AuthScheme = {
  type: 'bearer',
  fixAction: 'update_credentials',
  parameters: () => [{ name: 'token', label: 'Token', secret: true, required: true, description: 'Sent as Authorization: Bearer <token>.' }],
  apply(target, { values }) {
    target.headers.authorization = `Bearer ${requireValue(values, 'token', 'token')}`;
  },
  secretValues({ values }) {
    const token = stringValue(values, 'token');
    return token === undefined ? [] : [token];
  },
};
