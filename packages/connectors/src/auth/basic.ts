import { requireValue, stringValue, type AuthScheme } from './types.js';

function header(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** HTTP Basic: user name and password. When it breaks, the portal offers "Verify password". */
export const basicAuth: AuthScheme = {
  type: 'basic',
  fixAction: 'verify_password',
  parameters: () => [
    { name: 'username', label: 'User name', secret: false, required: true },
    { name: 'password', label: 'Password', secret: true, required: true },
  ],
  apply(target, { values }) {
    target.headers.authorization = header(requireValue(values, 'username', 'user name'), requireValue(values, 'password', 'password'));
  },
  secretValues({ values }) {
    const password = stringValue(values, 'password');
    if (password === undefined) return [];
    return [password, header(stringValue(values, 'username') ?? '', password).slice('Basic '.length)];
  },
};
