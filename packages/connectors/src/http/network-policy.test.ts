import { describe, expect, it } from 'vitest';
import { CompiledNetworkPolicy } from './network-policy.js';

describe('network policy', () => {
  const strict = new CompiledNetworkPolicy();
  const open = new CompiledNetworkPolicy({ allowPrivateNetworks: true });

  it('always refuses link-local and cloud metadata addresses', () => {
    for (const policy of [strict, open, new CompiledNetworkPolicy({ allowedCidrs: ['169.254.0.0/16', 'fe80::/10'] })]) {
      expect(policy.check('169.254.169.254')).toMatchObject({ allowed: false, rule: 'metadata' });
      expect(policy.check('169.254.1.2')).toMatchObject({ allowed: false, rule: 'link-local' });
      expect(policy.check('fe80::1')).toMatchObject({ allowed: false, rule: 'link-local' });
      expect(policy.check('fd00:ec2::254')).toMatchObject({ allowed: false, rule: 'metadata' });
      expect(policy.check('::ffff:169.254.169.254')).toMatchObject({ allowed: false, rule: 'metadata' });
      expect(policy.check('0.0.0.0')).toMatchObject({ allowed: false, rule: 'unspecified' });
    }
  });

  it('refuses loopback and private ranges unless configured', () => {
    expect(strict.check('127.0.0.1')).toMatchObject({ allowed: false, rule: 'loopback' });
    expect(strict.check('::1')).toMatchObject({ allowed: false, rule: 'loopback' });
    expect(strict.check('::ffff:127.0.0.1')).toMatchObject({ allowed: false, rule: 'loopback' });
    expect(strict.check('10.1.2.3')).toMatchObject({ allowed: false, rule: 'private' });
    expect(strict.check('192.168.0.10')).toMatchObject({ allowed: false, rule: 'private' });
    expect(strict.check('fd12::1')).toMatchObject({ allowed: false, rule: 'private' });
    expect(open.check('127.0.0.1')).toEqual({ allowed: true });
    expect(open.check('10.1.2.3')).toEqual({ allowed: true });
  });

  it('allows exactly the listed CIDR ranges', () => {
    const policy = new CompiledNetworkPolicy({ allowedCidrs: ['127.0.0.1/32', '10.20.0.0/16'] });
    expect(policy.check('127.0.0.1')).toEqual({ allowed: true });
    expect(policy.check('127.0.0.2')).toMatchObject({ allowed: false });
    expect(policy.check('10.20.5.5')).toEqual({ allowed: true });
    expect(policy.check('10.21.5.5')).toMatchObject({ allowed: false, rule: 'private' });
  });

  it('allows public addresses and refuses blocked ones', () => {
    expect(strict.check('93.184.216.34')).toEqual({ allowed: true });
    expect(strict.check('2606:4700::1111')).toEqual({ allowed: true });
    expect(new CompiledNetworkPolicy({ blockedCidrs: ['93.184.0.0/16'] }).check('93.184.216.34')).toMatchObject({ allowed: false, rule: 'blocked' });
  });

  it('explains refusals and rejects malformed configuration', () => {
    const decision = strict.check('127.0.0.1');
    expect(decision.allowed ? '' : decision.reason).toMatch(/loopback.*allowPrivateNetworks/);
    expect(() => new CompiledNetworkPolicy({ allowedCidrs: ['localhost'] })).toThrow(/not a CIDR range/);
    expect(() => new CompiledNetworkPolicy({ allowedCidrs: ['10.0.0.0/40'] })).toThrow(/invalid prefix/);
  });
});
