import { oauth2Parameters } from './oauth2/settings.js';
import { MissingCredentialError, stringValue, type AuthScheme } from './types.js';

/**
 * OAuth2 authorization code with PKCE: the owner signs in through a redirect to Brook's
 * callback; the access token is refreshed before it expires and when a call answers 401.
 */
export const oauth2AuthorizationCodeAuth: AuthScheme = {
  type: 'oauth2AuthorizationCode',
  fixAction: 'sign_in_again',
  tokenGrant: 'authorization_code',
  parameters: (spec) => oauth2Parameters(spec, { secretRequired: false, withAuthorize: true }),
  apply(target, { tokens }) {
    if (!tokens) throw new MissingCredentialError('accessToken', 'The connection is not signed in yet.');
    target.headers.authorization = `Bearer ${tokens.accessToken}`;
  },
  secretValues({ values, tokens }) {
    return [stringValue(values, 'clientSecret'), tokens?.accessToken, tokens?.refreshToken].filter((value): value is string => !!value);
  },
};
