import { assertNever } from '@brook/wdl';
import type { AuthType } from '../definitions/types.js';
import { apiKeyAuth } from './api-key.js';
import { basicAuth } from './basic.js';
import { bearerAuth } from './bearer.js';
import { noAuth } from './none.js';
import { oauth2AuthorizationCodeAuth } from './oauth2-authorization-code.js';
import { oauth2ClientCredentialsAuth } from './oauth2-client-credentials.js';
import { smtpLoginAuth } from './smtp-login.js';
import type { AuthScheme } from './types.js';

export function authScheme(type: AuthType): AuthScheme {
  switch (type) {
    case 'none':
      return noAuth;
    case 'basic':
      return basicAuth;
    case 'apiKey':
      return apiKeyAuth;
    case 'bearer':
      return bearerAuth;
    case 'oauth2AuthorizationCode':
      return oauth2AuthorizationCodeAuth;
    case 'oauth2ClientCredentials':
      return oauth2ClientCredentialsAuth;
    case 'smtp':
      return smtpLoginAuth;
    default:
      return assertNever(type, 'auth type');
  }
}
