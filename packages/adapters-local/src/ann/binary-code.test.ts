import { cosine, seededVector } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { BinaryCoder } from './binary-code.ts';

const differingBits = (a: Uint8Array, b: Uint8Array): number => {
  let bits = 0;
  for (let i = 0; i < a.length; i++) for (let x = (a[i] as number) ^ (b[i] as number); x > 0; x >>= 1) bits += x & 1;
  return bits;
};

const code = (coder: BinaryCoder, vector: Float32Array): Uint8Array => {
  const out = new Uint8Array(coder.codeBytes);
  coder.encode(vector, out);
  return out;
};

describe('BinaryCoder', () => {
  it('gives two bits per dimension, padded to a power of two, and at least 1,024', () => {
    expect(new BinaryCoder(1024).codeBytes).toBe(256);
    expect(new BinaryCoder(512).codeBytes).toBe(128);
    expect(new BinaryCoder(384).codeBytes).toBe(128);
    expect(new BinaryCoder(16).codeBytes).toBe(128);
    expect(new BinaryCoder(5).codeBytes).toBe(128);
  });

  it('codes a vector the same way every time, and in every coder of its width', () => {
    const vector = seededVector(512, 3);
    expect(code(new BinaryCoder(512), vector)).toEqual(code(new BinaryCoder(512), vector));
  });

  it('differs in a share of bits close to the angle over pi (SimHash), for sparse vectors too', () => {
    const coder = new BinaryCoder(512);
    const bits = coder.codeBytes * 8;
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const a = seededVector(512, 1_000 + i);
      // Half the pairs related (a plus noise), and sparse: 40 non-zero dimensions, as hashed features.
      const b =
        i % 2 === 0
          ? a.map((value, d) => value + 0.6 * (seededVector(512, 5_000 + i)[d] as number))
          : seededVector(512, 9_000 + i);
      if (i % 4 < 2) {
        a.fill(0, 40);
        b.fill(0, 40);
      }
      const angle = Math.acos(Math.min(1, Math.max(-1, cosine(a, b))));
      worst = Math.max(worst, Math.abs(differingBits(code(coder, a), code(coder, b)) / bits - angle / Math.PI));
    }
    // 1,024 bits: the share's standard deviation is at most 0.016.
    expect(worst).toBeLessThan(0.08);
  });
});
