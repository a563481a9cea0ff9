import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../../test-support/compile-wat.ts';
import { HammingScan } from './hamming-scan.ts';
import { HAMMING_SCAN_WASM } from './hamming-scan-module.ts';

const popcount = (byte: number): number => {
  let bits = 0;
  for (let b = byte; b > 0; b >>= 1) bits += b & 1;
  return bits;
};

const distance = (codes: Uint8Array, position: number, query: Uint8Array): number => {
  let bits = 0;
  for (let i = 0; i < query.length; i++)
    bits += popcount((codes[position * query.length + i] as number) ^ (query[i] as number));
  return bits;
};

describe('HammingScan', () => {
  it('runs the bytes that hamming-scan.wat compiles to', async () => {
    const bytes = await compileWat(path.join(import.meta.dirname, 'hamming-scan.wat'));
    expect(bytes.equals(HAMMING_SCAN_WASM)).toBe(true);
  });

  it('property: picks the wanted nearest codes, never an excluded one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((blocks) =>
          fc.record({
            blocks: fc.constant(blocks),
            codes: fc.uint8Array({ minLength: 16 * blocks, maxLength: 16 * blocks * 300 }),
            query: fc.uint8Array({ minLength: 16 * blocks, maxLength: 16 * blocks }),
            wanted: fc.integer({ min: 1, max: 400 }),
            excluded: fc.array(fc.nat(300), { maxLength: 20 }),
          }),
        ),
        ({ blocks, codes, query, wanted, excluded }) => {
          const bytes = 16 * blocks;
          const whole = codes.subarray(0, codes.length - (codes.length % bytes));
          const count = whole.length / bytes;
          const skip = new Set(excluded.filter((position) => position < count));
          const scan = new HammingScan(bytes);
          // In two parts, so that positions carry on across appends.
          scan.append(whole.subarray(0, Math.floor(count / 2) * bytes));
          scan.append(whole.subarray(Math.floor(count / 2) * bytes));
          const picked = [...scan.nearest(query, wanted, skip)];
          expect(picked.length).toBe(Math.max(0, Math.min(wanted, count - skip.size)));
          expect(new Set(picked).size).toBe(picked.length);
          expect(picked.every((position) => position < count && !skip.has(position))).toBe(true);
          const pickedSet = new Set(picked);
          const farthestPicked = Math.max(-1, ...picked.map((p) => distance(whole, p, query)));
          for (let p = 0; p < count; p++) {
            if (!pickedSet.has(p) && !skip.has(p))
              expect(distance(whole, p, query)).toBeGreaterThanOrEqual(farthestPicked);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every code as its memory grows', () => {
    const scan = new HammingScan(16);
    const codes = new Uint8Array(16 * 5_000);
    for (let i = 0; i < 5_000; i++) codes[i * 16] = i % 256;
    for (let i = 0; i < 5_000; i += 700) scan.append(codes.subarray(i * 16, Math.min(5_000, i + 700) * 16));
    expect(scan.count).toBe(5_000);
    const query = new Uint8Array(16);
    query[0] = 77;
    // Exactly the codes equal to the query are at distance 0: positions 77, 333, 589, ...
    const zero = [...scan.nearest(query, 20)];
    expect(zero).toEqual(Array.from({ length: 20 }, (_, i) => 77 + 256 * i));
  });

  it('rejects a code size the kernel cannot sum', () => {
    expect(() => new HammingScan(24)).toThrow(/16-byte blocks/);
    expect(() => new HammingScan(32 * 16)).toThrow(/16-byte blocks/);
  });
});
