import { oauth2Parameters } from './oauth2/settings.js';
import { MissingCredentialError, stringValue, type AuthScheme } from './types.js';

/** OAuth2 client credentials: Brook gets a token with the client ID and secret, and gets a new one when it expires. */
export const oauth2ClientCredentialsAuth: AuthScheme = {
  type: 'oauth2ClientCredentials',
  fixAction: 'update_credentials',
  tokenGrant: 'client_credentials',
  parameters: (spec) => oauth2Parameters(spec, { secretRequired: true, withAuthorize: false }),
  apply(target, { tokens }) {
    if (!tokens) throw new MissingCredentialError('accessToken', 'No access token has been obtained yet.');
    target.headers.authorization = `Bearer ${tokens.accessToken}`;
  },
  secretValues({ values, tokens }) {
    return [stringValue(values, 'clientSecret'), tokens?.accessToken].filter((value): value is string => !!value);
  },
};
