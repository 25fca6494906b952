// Client certificates a call presents to the service (mutual TLS): a PKCS#12 (PFX)
// bundle with its password, as WDL's ClientCertificate authentication gives it, or a PEM
// certificate and private key. Each is read once into a TLS context; a bundle that does
// not open is the action's mistake, said without repeating the password.
import { createHash } from 'node:crypto';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { HttpCallError } from './errors.js';

export type ClientCertificate =
  | { pfx: Uint8Array; passphrase?: string }
  | { cert: string | Uint8Array; key: string | Uint8Array; passphrase?: string };

/** A stable name for a certificate and its password, so calls with the same one share connections. */
export function clientCertificateKey(certificate: ClientCertificate): string {
  const hash = createHash('sha256');
  const part = (value: string | Uint8Array | undefined): void => {
    const bytes = value === undefined ? Buffer.alloc(0) : Buffer.from(value);
    hash.update(`${bytes.length}:`).update(bytes);
  };
  if ('pfx' in certificate) {
    hash.update('pfx');
    part(certificate.pfx);
  } else {
    hash.update('pem');
    part(certificate.cert);
    part(certificate.key);
  }
  part(certificate.passphrase);
  return hash.digest('hex');
}

/**
 * The TLS context that presents `certificate`. `trusted` are extra CA certificates
 * (PEM) to accept from services besides the usual public roots.
 */
export function clientCertificateContext(certificate: ClientCertificate, trusted: readonly string[], host: string): SecureContext {
  const ca = trusted.length > 0 ? [...rootCertificates, ...trusted] : undefined;
  try {
    if ('pfx' in certificate) {
      return createSecureContext({ pfx: Buffer.from(certificate.pfx), ...(certificate.passphrase !== undefined ? { passphrase: certificate.passphrase } : {}), ...(ca ? { ca } : {}) });
    }
    return createSecureContext({
      cert: Buffer.from(certificate.cert),
      key: Buffer.from(certificate.key),
      ...(certificate.passphrase !== undefined ? { passphrase: certificate.passphrase } : {}),
      ...(ca ? { ca } : {}),
    });
  } catch (error) {
    const reason = (error as Error).message || 'unreadable';
    const what = 'pfx' in certificate ? 'The client certificate (PFX) could not be opened' : 'The client certificate and key (PEM) could not be read';
    throw new HttpCallError(
      'client_certificate',
      `${what} (${reason}): check that it is a base64 PKCS#12 file${'pfx' in certificate ? '' : ' or a PEM certificate with its private key'} and that the password is right.`,
      { host },
    );
  }
}
