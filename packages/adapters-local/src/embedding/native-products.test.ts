import * as core from '@energetic-ai/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelValues as values } from '../../test-support/kernel-values.ts';
import { encodeOnnxModel, ONNX_FLOAT } from '../../test-support/onnx-proto.ts';
import { closeNativeGate, createNativeGate, GateClosedError } from './native-gate.ts';
import {
  freeCopy,
  loadNativeProducts,
  type Multiply,
  matMulModelBytes,
  registerNativeProducts,
} from './native-products.ts';
import { registerFasterWasmKernels } from './wasm-kernels.ts';

interface Tensor {
  dataSync(): Float32Array;
}
const tf = core as unknown as {
  ready(): Promise<void>;
  tensor(values: Float32Array, shape: number[]): Tensor;
  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;
  conv2d(x: Tensor, filter: Tensor, strides: number, pad: string): Tensor;
};

/** The product in float64, row by row. */
const reference = (a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array => {
  const out = new Float64Array(m * n);
  for (let r = 0; r < m; r++)
    for (let c = 0; c < n; c++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += (a[r * k + i] as number) * (b[i * n + c] as number);
      out[r * n + c] = sum;
    }
  return out;
};

/** Largest difference relative to the largest magnitude of `expected`. */
const relativeError = (got: ArrayLike<number>, expected: ArrayLike<number>): number => {
  let scale = 1e-30;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs((got[i] as number) - (expected[i] as number)));
  return worst / scale;
};

describe('native products (onnxruntime-node)', () => {
  let multiply: Multiply;
  beforeAll(() => {
    const loaded = loadNativeProducts();
    if (loaded === null) throw new Error('onnxruntime-node did not load: the embedder would fall back to WASM');
    multiply = loaded;
  });

  it.each([
    [false, []],
    [true, ['b']],
  ])('ships the one-MatMul model that encodeOnnxModel writes (batched: %s)', (batched, batch) => {
    const model = encodeOnnxModel({
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [
        { name: 'x', type: ONNX_FLOAT, dims: [...batch, 'm', 'k'] },
        { name: 'w', type: ONNX_FLOAT, dims: [...batch, 'k', 'n'] },
      ],
      outputs: [{ name: 'y', type: ONNX_FLOAT, dims: [...batch, 'm', 'n'] }],
      initializers: [],
    });
    expect([...matMulModelBytes(batched)]).toEqual([...model]);
  });

  it.each([
    [3, 1, 64, 5],
    [32, 64, 64, 64],
    [8, 17, 128, 33],
  ])('multiplies a batch of %i matrices of %i x %i by %i columns, each as float64 does', (batch, m, k, n) => {
    const a = values(batch * m * k, m);
    const b = values(batch * k * n, n);
    const out = new Float32Array(batch * m * n);
    multiply(a, b, out, m, k, n, batch);
    for (let i = 0; i < batch; i++) {
      const expected = reference(
        a.subarray(i * m * k, (i + 1) * m * k),
        b.subarray(i * k * n, (i + 1) * k * n),
        m,
        k,
        n,
      );
      expect(relativeError(out.subarray(i * m * n, (i + 1) * m * n), expected)).toBeLessThan(1e-5);
    }
  });

  it('gives a matrix of a batch the same bits as the same rows in a longer, zero-padded product', () => {
    // The attention's products: a text alone has fewer tokens (rows, and inner terms) than when a
    // batch pads it, and the padding's terms are exact zeros.
    const [batch, k, n] = [4, 64, 48];
    for (const m of [1, 2, 7]) {
      const a = values(batch * m * k, m);
      const b = values(batch * k * n, n + m);
      const alone = new Float32Array(batch * m * n);
      multiply(a, b, alone, m, k, n, batch);
      const longer = m + 5;
      const padded = new Float32Array(batch * longer * (k + 16));
      const paddedB = new Float32Array(batch * (k + 16) * n);
      for (let i = 0; i < batch; i++)
        for (let r = 0; r < m; r++)
          padded.set(a.subarray((i * m + r) * k, (i * m + r + 1) * k), (i * longer + r) * (k + 16));
      for (let i = 0; i < batch; i++) paddedB.set(b.subarray(i * k * n, (i + 1) * k * n), i * (k + 16) * n);
      const out = new Float32Array(batch * longer * n);
      multiply(padded, paddedB, out, longer, k + 16, n, batch);
      for (let i = 0; i < batch; i++) {
        const rows = out.subarray(i * longer * n, (i * longer + m) * n);
        expect(
          Buffer.from(rows.slice().buffer).equals(Buffer.from(alone.slice(i * m * n, (i + 1) * m * n).buffer)),
        ).toBe(true);
      }
    }
  });

  it.each([
    [1, 7, 5],
    [2, 3, 4],
    [17, 64, 33],
    [721, 256, 512],
  ])('multiplies %i x %i by %i columns as float64 does, to float32 rounding', (m, k, n) => {
    const a = values(m * k, m);
    const b = values(k * n, n);
    const out = new Float32Array(m * n);
    multiply(a, b, out, m, k, n);
    expect(relativeError(out, reference(a, b, m, k, n))).toBeLessThan(1e-5);
  });

  it('gives a row the same bits alone as in a larger product (one row takes no other path)', () => {
    const [m, k, n] = [9, 512, 1536];
    const a = values(m * k, 3);
    const b = values(k * n, 4);
    const all = new Float32Array(m * n);
    multiply(a, b, all, m, k, n);
    for (const row of [0, 4, 8]) {
      const alone = new Float32Array(n);
      multiply(a.subarray(row * k, (row + 1) * k), b, alone, 1, k, n);
      expect(Buffer.from(alone.buffer).equals(Buffer.from(all.buffer, row * n * 4, n * 4))).toBe(true);
    }
  });

  it('multiplies through a gate while it is open, and refuses once it is closed', () => {
    const gate = createNativeGate();
    const gated = loadNativeProducts(gate);
    if (gated === null) throw new Error('onnxruntime-node did not load through an open gate');
    const a = values(6, 2);
    const out = new Float32Array(4);
    gated(a, a.subarray(0, 6), out, 2, 3, 2);
    expect(relativeError(out, reference(a, a, 2, 3, 2))).toBeLessThan(1e-5);
    closeNativeGate(gate);
    expect(() => gated(a, a, out, 2, 3, 2)).toThrow(GateClosedError);
    // A thread whose gate is closed loads nothing native either: its owner is stopping it.
    expect(loadNativeProducts(gate)).toBeNull();
  });

  it("frees the binding's copy of a product, never the output it was given", () => {
    const given = new ArrayBuffer(16);
    const copy = new ArrayBuffer(16);
    freeCopy(copy, given);
    expect(copy.detached).toBe(true);
    freeCopy(given, given);
    expect(given.detached).toBe(false);
    // Nothing returned, or a copy already freed: nothing to do, and no error.
    expect(() => freeCopy(undefined, given)).not.toThrow();
    expect(() => freeCopy(copy, given)).not.toThrow();
  });

  it("replaces the WASM backend's plain and batched products and 1x1 convolutions, and leaves the rest to it", async () => {
    await tf.ready();
    registerFasterWasmKernels();
    const run = () => [
      tf.matMul(tf.tensor(values(40 * 24, 1), [40, 24]), tf.tensor(values(24 * 16, 2), [24, 16]), false, false),
      tf.conv2d(
        tf.tensor(values(2 * 5 * 1 * 8, 3), [2, 5, 1, 8]),
        tf.tensor(values(8 * 6, 4), [1, 1, 8, 6]),
        1,
        'valid',
      ),
      // The attention's: a batch of products, the right operand transposed.
      tf.matMul(
        tf.tensor(values(2 * 3 * 9 * 8, 9), [2, 3, 9, 8]),
        tf.tensor(values(2 * 3 * 7 * 8, 10), [2, 3, 7, 8]),
        false,
        true,
      ),
      // Not replaced: a transposed left operand, and a 3x3 convolution.
      tf.matMul(tf.tensor(values(24 * 40, 5), [24, 40]), tf.tensor(values(24 * 16, 6), [24, 16]), true, false),
      tf.conv2d(
        tf.tensor(values(1 * 6 * 6 * 2, 7), [1, 6, 6, 2]),
        tf.tensor(values(3 * 3 * 2 * 4, 8), [3, 3, 2, 4]),
        1,
        'valid',
      ),
    ];
    const before = run().map((t) => t.dataSync());
    let calls = 0;
    registerNativeProducts((a, b, out, m, k, n, batch) => {
      calls += 1;
      multiply(a, b, out, m, k, n, batch);
    });
    const after = run().map((t) => t.dataSync());
    expect(calls).toBe(3);
    for (const [i, expected] of before.entries())
      expect(relativeError(after[i] as Float32Array, expected)).toBeLessThan(1e-5);
  });
});
