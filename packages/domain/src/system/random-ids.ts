import type { Ids } from '../ports/ids.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const encode = (value: number, length: number): string => {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
};

/**
 * Time-sortable ids: 10 base-32 characters of milliseconds, then 16 random ones (80 bits) from
 * Web Crypto, which every runtime Docent targets provides. Lower-case, URL-safe.
 */
export const createRandomIds = (clock: { now(): Date }): Ids => ({
  newId() {
    const random = crypto.getRandomValues(new Uint8Array(16));
    let tail = '';
    for (const byte of random) tail += ALPHABET[byte % 32];
    return encode(clock.now().getTime(), 10) + tail;
  },
});
