import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressGroup } from './address-group.ts';

describe('addressGroup', () => {
  it('keeps an IPv4 address, also when IPv4-mapped', () => {
    expect(addressGroup('203.0.113.9')).toBe('203.0.113.9');
    expect(addressGroup('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('reduces IPv6 to its /64, however it is written', () => {
    expect(addressGroup('2001:db8:0:1::7')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('2001:0DB8:0000:0001:ffff:0:0:1')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('returns what is not an address unchanged', () => {
    expect(addressGroup('unknown')).toBe('unknown');
    expect(addressGroup('1:2:3')).toBe('1:2:3');
    expect(addressGroup('1::2::3')).toBe('1::2::3');
  });

  it('property: every address of one /64 falls into the same group', () => {
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(
        fc.array(hextet, { minLength: 8, maxLength: 8 }),
        fc.array(hextet, { minLength: 4, maxLength: 4 }),
        (a, host) => {
          const other = [...a.slice(0, 4), ...host];
          expect(addressGroup(other.join(':'))).toBe(addressGroup(a.join(':')));
        },
      ),
    );
  });
});
