import type { FixAction } from '../api/types';

/** The words of the link that repairs a connection, by what its scheme needs. */
export function fixLabel(fix: FixAction): string {
  switch (fix) {
    case 'verify_password':
      return 'Verify password';
    case 'sign_in_again':
      return 'Sign in again';
    case 'update_credentials':
      return 'Update credentials';
  }
}
