import { stringValue, type AuthScheme } from './types.js';

/** A mail server login (user name and password), used by the SMTP transport itself. */
export const smtpLoginAuth: AuthScheme = {
  type: 'smtp',
  fixAction: 'verify_password',
  parameters: () => [
    { name: 'username', label: 'User name', secret: false, required: false, description: 'Leave empty when the server needs no login.' },
    { name: 'password', label: 'Password', secret: true, required: false },
  ],
  // Mail is not HTTP: the SMTP transport logs in with these values itself.
  apply: () => undefined,
  secretValues({ values }) {
    const password = stringValue(values, 'password');
    return password === undefined ? [] : [password];
  },
};
