const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/iu;
const HEXTETS = 8;

// `a:b::c` to its eight 16-bit groups, or null when it is not an IPv6 address.
const expandIpv6 = (address: string): string[] | null => {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? (halves[1] ?? '').split(':') : [];
  const missing = HEXTETS - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/u.test(group))) return null;
  return groups.map((group) => group.replace(/^0+(?=.)/u, ''));
};

/**
 * The unit one client controls, for throttling by address: an IPv4 address itself (also when written
 * as IPv4-mapped IPv6), and for IPv6 its /64 network, because one host is routinely handed a whole
 * /64 and could otherwise rotate through 2^64 addresses. Anything else is returned as it is.
 */
export const addressGroup = (address: string): string => {
  const trimmed = address.trim().replace(/%.*$/u, '');
  const mapped = IPV4_MAPPED.exec(trimmed);
  if (mapped?.[1] !== undefined) return mapped[1];
  const groups = trimmed.includes(':') ? expandIpv6(trimmed) : null;
  return groups === null ? trimmed : `${groups.slice(0, 4).join(':')}::/64`;
};
