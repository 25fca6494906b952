// The undici agent under every outgoing call: it resolves the host itself and connects
// only to an address the network policy allows, so the check holds for the address the
// socket really uses. TLS options (a client certificate, extra trusted CAs) ride along.
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { CompiledNetworkPolicy } from './network-policy.js';
import { resolveAllowedAddress, type AddressLookup } from './resolve-address.js';

export interface GuardedAgentOptions {
  policy: CompiledNetworkPolicy;
  lookup: AddressLookup;
  timeoutMs: number;
  /** Passed to tls.connect for https addresses (ca, secureContext …). */
  tls?: Pick<ConnectionOptions, 'ca' | 'secureContext'>;
}

export function guardedAgent(options: GuardedAgentOptions): Agent {
  const { policy, lookup, timeoutMs } = options;
  const base = buildConnector({ timeout: Math.min(timeoutMs, 30_000), ...options.tls });
  return new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // The policy is checked here, on the address the socket connects to.
    connect: (connectOptions, callback) => {
      const hostname = connectOptions.hostname.replace(/^\[|\]$/g, '');
      resolveAllowedAddress(hostname, policy, lookup).then(
        (address) => {
          try {
            base({ ...connectOptions, hostname: address, servername: connectOptions.servername ?? (isIP(hostname) ? undefined : hostname) }, callback);
          } catch (error) {
            // A connector that throws (unusable TLS options) must still answer, or the call would hang.
            callback(error as Error, null);
          }
        },
        (error: Error) => callback(error, null),
      );
    },
  });
}
