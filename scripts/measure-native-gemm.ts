/**
 * How fast USE Lite's per-token work could run: the matrix products of its dense layers (tokens x
 * 256/512/1536 by its weights), on one thread, in TF.js's WASM backend (XNNPACK, SIMD: what the
 * embedding workers run) and in onnxruntime-node (native MLAS, already installed for the ONNX
 * embedder), on random data. Prints CPU ms and GFLOPS per product. Not a test. Usage:
 *   node scripts/measure-native-gemm.ts [rows] [repetitions]     (default 512 rows: 8 texts x 64 tokens)
 */
import * as core from '@energetic-ai/core';
import * as ort from 'onnxruntime-node';
import { encodeOnnxModel, ONNX_FLOAT } from '../packages/adapters-local/test-support/onnx-proto.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

interface Tensor {
  data(): Promise<Float32Array>;
  dispose(): void;
}
const tf = core as unknown as {
  ready(): Promise<void>;
  randomNormal(shape: number[]): Tensor;
  matMul(a: Tensor, b: Tensor): Tensor;
};

const rows = Number(process.argv[2] ?? 512);
const repetitions = Number(process.argv[3] ?? 20);
// The model's weight products: the 1x1 convolutions and dense layers (inputs x outputs).
const SHAPES: [number, number][] = [
  [256, 768],
  [512, 1536],
  [1536, 512],
];

const timed = async (run: () => Promise<unknown>): Promise<number> => {
  for (let i = 0; i < 3; i++) await run();
  const started = processCpuMs();
  for (let i = 0; i < repetitions; i++) await run();
  return (processCpuMs() - started) / repetitions;
};

await tf.ready();
for (const [inner, columns] of SHAPES) {
  const a = tf.randomNormal([rows, inner]);
  const b = tf.randomNormal([inner, columns]);
  const wasmMs = await timed(async () => {
    const product = tf.matMul(a, b);
    await product.data();
    product.dispose();
  });
  const model = encodeOnnxModel({
    nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
    inputs: [{ name: 'x', type: ONNX_FLOAT, dims: ['rows', inner] }],
    outputs: [{ name: 'y', type: ONNX_FLOAT, dims: ['rows', columns] }],
    initializers: [{ name: 'w', dims: [inner, columns], values: Array.from(await b.data()) }],
  });
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const x = new ort.Tensor('float32', await a.data(), [rows, inner]);
  const nativeMs = await timed(() => session.run({ x }));
  const gflop = (2 * rows * inner * columns) / 1e9;
  console.log(
    `[${rows} x ${inner}] x [${inner} x ${columns}]: TF.js WASM ${wasmMs.toFixed(2)} ms (${((gflop / wasmMs) * 1000).toFixed(1)} GFLOPS), ` +
      `onnxruntime-node ${nativeMs.toFixed(2)} ms (${((gflop / nativeMs) * 1000).toFixed(1)} GFLOPS)`,
  );
  await session.release();
  a.dispose();
  b.dispose();
}
