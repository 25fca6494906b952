// Which addresses an outgoing call may reach. Checked after DNS resolution, on the
// address the socket will actually connect to, so a name that resolves to the metadata
// service or a private range is refused however it is spelled (DNS rebinding included).
import { BlockList, isIP } from 'node:net';

export interface NetworkPolicy {
  /** Allow loopback (127.0.0.0/8, ::1) and private ranges (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10). Default false. */
  allowPrivateNetworks?: boolean;
  /** CIDR ranges allowed even though they are loopback or private, e.g. ["127.0.0.1/32"]. Never overrides link-local or metadata. */
  allowedCidrs?: readonly string[];
  /** Extra ranges always refused. */
  blockedCidrs?: readonly string[];
}

export type AddressRule = 'link-local' | 'metadata' | 'unspecified' | 'multicast' | 'loopback' | 'private' | 'reserved' | 'blocked';

export type AddressDecision = { allowed: true } | { allowed: false; rule: AddressRule; reason: string };

type Family = 'ipv4' | 'ipv6';

function familyOf(address: string): Family | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

function list(ranges: readonly string[]): BlockList {
  const blockList = new BlockList();
  for (const range of ranges) {
    const [network, prefixText] = range.split('/');
    const family = network ? familyOf(network) : null;
    if (!network || !family) throw new Error(`"${range}" is not a CIDR range such as 127.0.0.1/32 or fd00::/8.`);
    const prefix = prefixText === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) {
      throw new Error(`"${range}" has an invalid prefix length.`);
    }
    blockList.addSubnet(network, prefix, family);
  }
  return blockList;
}

/** Cloud metadata services: AWS/GCP/Azure/OpenStack (169.254.169.254), Azure wire server, Alibaba, AWS IPv6. */
const METADATA = list(['169.254.169.254/32', '168.63.129.16/32', '100.100.100.200/32', 'fd00:ec2::254/128']);
const LINK_LOCAL = list(['169.254.0.0/16', 'fe80::/10']);
const UNSPECIFIED = list(['0.0.0.0/8', '::/128']);
const MULTICAST = list(['224.0.0.0/4', '255.255.255.255/32', 'ff00::/8']);
const LOOPBACK = list(['127.0.0.0/8', '::1/128']);
const PRIVATE = list(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7', '198.18.0.0/15']);
const RESERVED = list(['192.0.0.0/24', '192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '2001:db8::/32', '64:ff9b::/96', '100::/64']);

/** A policy compiled once, so checking an address is a few lookups. */
export class CompiledNetworkPolicy {
  private readonly allowed: BlockList;
  private readonly blocked: BlockList;
  readonly allowPrivateNetworks: boolean;

  constructor(policy: NetworkPolicy = {}) {
    this.allowPrivateNetworks = policy.allowPrivateNetworks === true;
    this.allowed = list(policy.allowedCidrs ?? []);
    this.blocked = list(policy.blockedCidrs ?? []);
  }

  check(rawAddress: string): AddressDecision {
    const address = rawAddress.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const family = familyOf(address);
    if (!family) return { allowed: false, rule: 'reserved', reason: `"${rawAddress}" is not an IP address.` };
    const refuse = (rule: AddressRule, what: string): AddressDecision => ({ allowed: false, rule, reason: `${address} is ${what}; Brook does not call it.` });
    if (METADATA.check(address, family)) return refuse('metadata', 'a cloud metadata address');
    if (LINK_LOCAL.check(address, family)) return refuse('link-local', 'a link-local address');
    if (UNSPECIFIED.check(address, family)) return refuse('unspecified', 'the unspecified address');
    if (MULTICAST.check(address, family)) return refuse('multicast', 'a multicast or broadcast address');
    if (this.blocked.check(address, family)) return refuse('blocked', 'in a range blocked by configuration');
    const explicitlyAllowed = this.allowed.check(address, family);
    if (LOOPBACK.check(address, family) && !explicitlyAllowed && !this.allowPrivateNetworks) {
      return refuse('loopback', 'a loopback address (allow it with allowPrivateNetworks or an allowed CIDR)');
    }
    if (PRIVATE.check(address, family) && !explicitlyAllowed && !this.allowPrivateNetworks) {
      return refuse('private', 'a private network address (allow it with allowPrivateNetworks or an allowed CIDR)');
    }
    if (RESERVED.check(address, family) && !explicitlyAllowed) return refuse('reserved', 'a reserved address');
    return { allowed: true };
  }
}
