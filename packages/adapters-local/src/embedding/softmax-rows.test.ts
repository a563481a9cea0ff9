import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../../test-support/compile-wat.ts';
import { softmaxRows } from './softmax-rows.ts';
import { SOFTMAX_ROWS_WASM } from './softmax-rows-module.ts';

/** Softmax of one row in float64, from logits shifted by the row's maximum in float32 (as the kernel does). */
const reference = (row: ArrayLike<number>): number[] => {
  const values = Array.from(row);
  const max = Math.max(...values);
  const exps = values.map((x) => Math.exp(Math.fround(x - max)));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
};

const logit = fc.float({ min: -60, max: 30, noNaN: true, noDefaultInfinity: true });

describe('softmaxRows', () => {
  it('runs the bytes that softmax-rows.wat compiles to', async () => {
    const bytes = await compileWat(path.join(import.meta.dirname, 'softmax-rows.wat'));
    expect(bytes.equals(SOFTMAX_ROWS_WASM)).toBe(true);
  });

  it('property: each row is its float64 softmax, to a few float32 ulps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.array(logit, { minLength: 1, maxLength: 700 }),
        (width, values) => {
          const logits = Float32Array.from(values.slice(0, values.length - (values.length % width)));
          fc.pre(logits.length > 0);
          const out = new Float32Array(logits.length);
          softmaxRows(logits, width, out);
          for (let row = 0; row < logits.length; row += width) {
            const expected = reference(logits.subarray(row, row + width));
            expected.forEach((weight, i) => {
              expect(Math.abs((out[row + i] as number) - weight)).toBeLessThanOrEqual(1e-6 * weight + 1e-30);
            });
          }
        },
      ),
    );
  });

  it('property: a row gets the same bits wherever it sits in a batch and however far it is masked', () => {
    fc.assert(
      fc.property(
        fc.array(logit, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 5 }),
        (values, padding, before) => {
          const alone = new Float32Array(values.length);
          softmaxRows(Float32Array.from(values), values.length, alone);
          const width = values.length + padding;
          // `before` other rows first, so the row starts at every offset within a SIMD block.
          const batch = new Float32Array((before + 1) * width).fill(0.5);
          batch.fill(-1e9, before * width + values.length);
          batch.set(values, before * width);
          softmaxRows(batch, width, batch);
          const row = batch.subarray(before * width, (before + 1) * width);
          expect(Buffer.from(row.slice(0, values.length).buffer).equals(Buffer.from(alone.buffer))).toBe(true);
          expect(row.subarray(values.length).every((weight) => weight === 0)).toBe(true);
        },
      ),
    );
  });

  it('grows its memory for large inputs and refuses rows that do not fit the values', () => {
    const logits = Float32Array.from({ length: 300_000 }, (_, i) => (i % 97) / 10);
    const out = new Float32Array(logits.length);
    softmaxRows(logits, 100, out);
    expect(out.subarray(0, 100).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(out.subarray(299_900).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(() => softmaxRows(new Float32Array(10), 3, new Float32Array(10))).toThrow(/cannot cover/);
    expect(() => softmaxRows(new Float32Array(9), 3, new Float32Array(6))).toThrow(/cannot cover/);
  });
});
