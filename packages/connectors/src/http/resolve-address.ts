// Name resolution under the network policy: the one place that decides which address a
// socket (HTTP or SMTP) connects to.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { HttpCallError } from './errors.js';
import type { CompiledNetworkPolicy } from './network-policy.js';

export type AddressLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: AddressLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The first address of `hostname` the policy allows; a 'blocked' or 'dns' HttpCallError otherwise. */
export async function resolveAllowedAddress(hostname: string, policy: CompiledNetworkPolicy, lookup: AddressLookup = systemLookup): Promise<string> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = (await lookup(bare)).map((entry) => entry.address);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ENOTFOUND';
      throw new HttpCallError('dns', `The name ${bare} could not be resolved (${code}).`, { host: bare, code });
    }
    if (addresses.length === 0) throw new HttpCallError('dns', `The name ${bare} has no address.`, { host: bare, code: 'ENOTFOUND' });
  }
  let firstRefusal = '';
  for (const address of addresses) {
    const decision = policy.check(address);
    if (decision.allowed) return address;
    firstRefusal ||= decision.reason;
  }
  const via = isIP(bare) ? '' : `${bare} resolves to an address Brook may not call: `;
  throw new HttpCallError('blocked', `${via}${firstRefusal}`, { host: bare });
}
