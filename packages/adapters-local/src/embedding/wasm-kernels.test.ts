import * as core from '@energetic-ai/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelValues as values } from '../../test-support/kernel-values.ts';
import { registerFasterWasmKernels } from './wasm-kernels.ts';

interface Tensor {
  shape: number[];
  dataSync(): Float32Array | Int32Array;
}
const tf = core as unknown as {
  ready(): Promise<void>;
  getBackend(): string;
  getKernel(name: string, backend: string): unknown;
  tensor(values: number[] | Float32Array, shape: number[], dtype?: string): Tensor;
  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;
  slice(x: Tensor, begin: number[], size: number[]): Tensor;
  split(x: Tensor, sizes: number[], axis: number): Tensor[];
  softmax(x: Tensor): Tensor;
  gather(x: Tensor, indices: Tensor, axis: number): Tensor;
  sin(x: Tensor): Tensor;
  cos(x: Tensor): Tensor;
};

const random = (shape: number[], seed: number): Tensor =>
  tf.tensor(
    values(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
  );

// Each case runs on the backend's kernels first, then on the replacements, in one thread.
const cases: { name: string; run: () => Tensor[] }[] = [
  { name: 'batched product', run: () => [tf.matMul(random([3, 4, 5, 7], 1), random([3, 4, 7, 6], 2), false, false)] },
  {
    name: 'batched product, right transposed',
    run: () => [tf.matMul(random([6, 9, 8], 3), random([6, 11, 8], 4), false, true)],
  },
  { name: 'one product (backend path)', run: () => [tf.matMul(random([9, 8], 5), random([8, 4], 6), false, false)] },
  {
    name: 'broadcast batch (backend path)',
    run: () => [tf.matMul(random([3, 4, 5], 7), random([1, 5, 2], 8), false, false)],
  },
  {
    name: 'slices of rank 1 to 5',
    run: () => [
      tf.slice(random([10], 9), [2], [5]),
      tf.slice(random([6, 7], 10), [1, 2], [4, -1]),
      tf.slice(random([4, 5, 6], 11), [1, 0, 3], [2, 5, 2]),
      tf.slice(random([3, 4, 5, 6], 12), [0, 1, 2, 3], [3, 2, 2, 3]),
      tf.slice(random([2, 3, 4, 5, 6], 13), [1, 1, 1, 1, 1], [1, 2, 3, 4, 5]),
      tf.slice(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), [0, 1], [2, 2]),
    ],
  },
  {
    name: 'splits on the last and a middle axis',
    run: () => [...tf.split(random([2, 5, 12], 14), [4, 4, 4], 2), ...tf.split(random([2, 5, 12], 15), [2, 3], 1)],
  },
  {
    name: 'gathers along the first axis, and along another (backend path)',
    run: () => {
      const indices = tf.tensor([3, 0, 49, 3, 17], [5], 'int32');
      return [
        tf.gather(random([50, 8], 16), indices, 0),
        tf.gather(random([50, 3, 4], 17), tf.tensor([1, 2, 49, 0], [2, 2], 'int32'), 0),
        tf.gather(tf.tensor([5, 6, 7, 8], [4], 'int32'), tf.tensor([3, 3, 1], [3], 'int32'), 0),
        tf.gather(random([4, 50], 18), indices, 1),
      ];
    },
  },
  {
    name: 'sines and cosines, positions times frequencies included',
    run: () => {
      const positions = tf.tensor(
        Float32Array.from({ length: 128 * 16 }, (_, i) => Math.floor(i / 16) * 10_000 ** -((i % 16) / 16)),
        [128, 16],
      );
      return [tf.sin(positions), tf.cos(positions), tf.sin(random([7, 9], 19)), tf.cos(random([7, 9], 20))];
    },
  },
];

describe('registerFasterWasmKernels', () => {
  const before = new Map<string, { shape: number[]; data: number[] }[]>();
  beforeAll(async () => {
    await tf.ready();
    expect(tf.getBackend()).toBe('wasm');
    const backendKernel = tf.getKernel('BatchMatMul', 'wasm');
    for (const { name, run } of cases)
      before.set(
        name,
        run().map((t) => ({ shape: t.shape, data: [...t.dataSync()] })),
      );
    registerFasterWasmKernels();
    registerFasterWasmKernels();
    expect(tf.getKernel('BatchMatMul', 'wasm')).not.toBe(backendKernel);
  });

  for (const { name, run } of cases) {
    it(`computes what the backend's kernels compute: ${name}`, () => {
      const after = run().map((t) => ({ shape: t.shape, data: [...t.dataSync()] }));
      const expected = before.get(name) ?? [];
      expect(after.map((t) => t.shape)).toEqual(expected.map((t) => t.shape));
      for (const [i, tensor] of after.entries()) {
        const reference = expected[i]?.data ?? [];
        // Copies are exact; products and sums may add in another order (a few ulps).
        tensor.data.forEach((value, j) => {
          expect(Math.abs(value - (reference[j] as number))).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(value)));
        });
        if (/^(slice|split|gather)/.test(name)) expect(tensor.data).toEqual(reference);
      }
    });
  }
});

describe('the replacement gather', () => {
  it("leaves an index out of range to the backend's error", async () => {
    await tf.ready();
    registerFasterWasmKernels();
    expect(() => tf.gather(random([5, 2], 21), tf.tensor([1, 5], [2], 'int32'), 0).dataSync()).toThrow(
      /not in \[0, 4\]/,
    );
  });
});

describe('the replacement softmax', () => {
  it('gives a row the same bits when masked padding (-1e9, as USE Lite pads) lengthens it', async () => {
    await tf.ready();
    registerFasterWasmKernels();
    for (const length of [1, 5, 13, 16, 17, 69]) {
      const row = values(length, length);
      const alone = tf.softmax(tf.tensor(row, [1, length])).dataSync();
      for (const padded of [length + 1, length + 7, 126]) {
        const withPadding = Float32Array.from({ length: padded }, (_, i) => (i < length ? (row[i] as number) : -1e9));
        const result = tf.softmax(tf.tensor(withPadding, [1, padded])).dataSync();
        expect([...result.subarray(0, length)]).toEqual([...alone]);
        expect(result.subarray(length).every((weight) => weight === 0)).toBe(true);
      }
    }
  });
});
