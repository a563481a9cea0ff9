/**
 * USE Lite's weight products (its dense layers and 1x1 convolutions, ~70% of its CPU) run natively
 * in onnxruntime-node's MLAS instead of TF.js's WASM XNNPACK: 2.2x less CPU per text on this
 * machine, vectors within 3e-7 of the WASM kernels' (ADR 0035). Registered over the WASM backend's
 * `BatchMatMul` (plain 2-D products only; the attention's batched products keep Docent's WASM kernel)
 * and `Conv2D` (1x1, stride 1, NHWC only).
 *
 * onnxruntime-node's public `run` is asynchronous, and a TF.js kernel must return synchronously, so
 * this drives the package's native session directly (`dist/binding.js`, whose `run` is
 * synchronous; the public API only wraps it in a promise). That file is not a documented API:
 * `loadNativeProducts` returns null when it is missing or changed, and the WASM kernels stay.
 */
import { createRequire } from 'node:module';
import { throughGate } from './native-gate.ts';
import { replaceWasmKernel, type TensorInfo, type WasmBackend, wasmKernel } from './wasm-backend.ts';
import { transposeLastTwo } from './wasm-kernels.ts';

/**
 * An ONNX model of one MatMul node, y[m, n] = x[m, k] w[k, n], all dimensions symbolic (written by
 * test-support's `encodeOnnxModel`; `native-products.test.ts` checks these bytes against it).
 */
const MATMUL_MODEL =
  'CAgSC2RvY2VudC10ZXN0Om8KFQoBeAoBdxIBeRoCbjAiBk1hdE11bBIRZG9jZW50X3Rlc3RfZ3JhcGhaFQoBeBIQCg4IARIKCgMSAW0KAxIBa1oVCgF3EhAKDggBEgoKAxIBawoDEgFuYhUKAXkSEAoOCAESCgoDEgFtCgMSAW5CBAoAEA0=';

/** The same MatMul over a batch of matrices, y[b, m, n] = x[b, m, k] w[b, k, n] (the attention's). */
const BATCHED_MATMUL_MODEL =
  'CAgSC2RvY2VudC10ZXN0On4KFQoBeAoBdxIBeRoCbjAiBk1hdE11bBIRZG9jZW50X3Rlc3RfZ3JhcGhaGgoBeBIVChMIARIPCgMSAWIKAxIBbQoDEgFrWhoKAXcSFQoTCAESDwoDEgFiCgMSAWsKAxIBbmIaCgF5EhUKEwgBEg8KAxIBYgoDEgFtCgMSAW5CBAoAEA0=';

/** The base64 models above, for the test that checks them. */
export const matMulModelBytes = (batched = false): Uint8Array =>
  Buffer.from(batched ? BATCHED_MATMUL_MODEL : MATMUL_MODEL, 'base64');

/**
 * Row-major products on this thread: `out` [batch x m x n] = `a` [batch x m x k] times `b`
 * [batch x k x n], matrix by matrix; `batch` defaults to 1.
 */
export type Multiply = (
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  m: number,
  k: number,
  n: number,
  batch?: number,
) => void;

interface NativeSession {
  loadModel(buffer: ArrayBufferLike, offset: number, length: number, options: object): void;
  run(feeds: object, fetches: object, options: object): unknown;
}
interface OrtModule {
  binding: { InferenceSession: new () => NativeSession };
  initOrt(): void;
}
type OrtTensor = new (type: 'float32', data: Float32Array, dims: number[]) => object;

/**
 * The native product, or null when onnxruntime-node's binding cannot be loaded here. One session
 * per thread, on the calling thread only (one intra-op thread: the embedding pool already runs a
 * worker per core). In a worker thread, pass the gate its owner closes before stopping it
 * (`native-gate.ts`): loading and every product then go through it, and a product asked for once
 * it is closed throws `GateClosedError`.
 */
export const loadNativeProducts = (gate?: SharedArrayBuffer): Multiply | null => {
  const guarded = <T>(call: () => T): T => (gate === undefined ? call() : throughGate(gate, call));
  let loaded: { plain: NativeSession; batched: NativeSession; Tensor: OrtTensor };
  try {
    loaded = guarded(loadSessions);
  } catch {
    return null;
  }
  const { plain, batched, Tensor } = loaded;
  // MLAS takes another path for a single row, whose sums differ in the last bits from the same row's
  // in a larger product: a matrix of one row is multiplied as two (a spare row added, its product
  // dropped; rows of a product never mix), so a text's vector is the same bits alone as batched.
  let pairs = new Float32Array(0);
  let pairsOut = new Float32Array(0);
  return (a, b, out, m, k, n, batch = 1) => {
    const single = m === 1;
    if (single && pairs.length < 2 * k * batch) pairs = new Float32Array(2 * k * batch);
    if (single && pairsOut.length < 2 * n * batch) pairsOut = new Float32Array(2 * n * batch);
    if (single) for (let i = 0; i < batch; i++) pairs.set(a.subarray(i * k, (i + 1) * k), 2 * i * k);
    const x = single ? pairs.subarray(0, 2 * k * batch) : a;
    const y = single ? pairsOut.subarray(0, 2 * n * batch) : out;
    const rows = single ? 2 : m;
    const [session, dims] = batch === 1 ? [plain, (d: number[]) => d] : [batched, (d: number[]) => [batch, ...d]];
    const result = guarded(() =>
      session.run(
        { x: new Tensor('float32', x, dims([rows, k])), w: new Tensor('float32', b, dims([k, n])) },
        { y: new Tensor('float32', y, dims([rows, n])) },
        {},
      ),
    ) as { y?: { data?: ArrayBufferView } };
    freeCopy(result.y?.data?.buffer, y.buffer);
    if (single) for (let i = 0; i < batch; i++) out.set(pairsOut.subarray(2 * i * n, 2 * i * n + n), i * n);
  };
};

/**
 * Frees the binding's copy of a product at once. The binding writes the product into the output it
 * is given, then returns a copy of it in a new ArrayBuffer (1.5-6 MB a product). Left to the garbage
 * collector, those copies cost as much CPU as the products: 400 products of 512 x 256 by 1536 took
 * 1.55-1.73 s kept and 0.85 s freed. Detaching a buffer releases its memory. Only a buffer that is
 * not `given` is detached, should a later binding return the given output itself.
 */
export const freeCopy = (copy: ArrayBufferLike | undefined, given: ArrayBufferLike): void => {
  if (copy instanceof ArrayBuffer && copy !== given && !copy.detached) copy.transfer(0);
};

/** onnxruntime-node's native sessions for the two MatMul models, and its tensor class. */
const loadSessions = (): { plain: NativeSession; batched: NativeSession; Tensor: OrtTensor } => {
  const require = createRequire(import.meta.url);
  const ort = require('onnxruntime-node/dist/binding.js') as OrtModule;
  const Tensor = (require('onnxruntime-node') as { Tensor: OrtTensor }).Tensor;
  ort.initOrt();
  const session = (model: Uint8Array): NativeSession => {
    const loaded = new ort.binding.InferenceSession();
    loaded.loadModel(model.buffer, model.byteOffset, model.byteLength, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    });
    return loaded;
  };
  return { plain: session(matMulModelBytes()), batched: session(matMulModelBytes(true)), Tensor };
};

let registered = false;

/** a x b into a new tensor of `outShape`, made before the views (making it may grow the WASM memory). */
const product = (
  backend: WasmBackend,
  multiply: Multiply,
  a: TensorInfo,
  b: TensorInfo,
  outShape: number[],
  [m, k, n, batch]: [number, number, number, number?],
): TensorInfo => {
  const out = backend.makeOutput(outShape, 'float32');
  multiply(
    backend.typedArrayFromHeap(a) as Float32Array,
    backend.typedArrayFromHeap(b) as Float32Array,
    backend.typedArrayFromHeap(out) as Float32Array,
    m,
    k,
    n,
    batch,
  );
  return out;
};

/**
 * Registers `multiply` for the WASM backend's `BatchMatMul` (plain 2-D products, and batches of
 * matrices of one shape with the right operand transposed or not: the attention's) and 1x1 `Conv2D`,
 * over the kernels registered now (call after `registerFasterWasmKernels`); anything else goes to
 * those. Idempotent: the first call's `multiply` stays.
 */
export const registerNativeProducts = (multiply: Multiply): void => {
  if (registered) return;
  registered = true;
  const matMul = wasmKernel('BatchMatMul');
  const conv = wasmKernel('Conv2D');
  const transpose = wasmKernel('Transpose');
  replaceWasmKernel('BatchMatMul', (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const rank = a.shape.length;
    const sameBatch = b.shape.length === rank && a.shape.slice(0, -2).every((size, i) => size === b.shape[i]);
    if (rank < 2 || !sameBatch || transposeA || a.dtype !== 'float32' || b.dtype !== 'float32') return matMul(args);
    const { backend } = args;
    const right = transposeB ? transposeLastTwo(b, transpose, backend) : b;
    try {
      const [m, k] = a.shape.slice(-2) as [number, number];
      const n = right.shape[rank - 1] as number;
      const batch = a.shape.slice(0, -2).reduce((size, d) => size * d, 1);
      return product(backend, multiply, a, right, [...a.shape.slice(0, -2), m, n], [m, k, n, batch]);
    } finally {
      if (right !== b) backend.disposeData(right.dataId);
    }
  });
  replaceWasmKernel('Conv2D', (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dilations } = args.attrs as {
      strides: number[] | number;
      pad: unknown;
      dataFormat: string;
      dilations: number[] | number;
    };
    const ones = (value: number[] | number) => [value].flat().every((v) => v === 1);
    const pointwise = filter.shape[0] === 1 && filter.shape[1] === 1 && ones(strides) && ones(dilations);
    if (!pointwise || pad !== 'valid' || dataFormat !== 'NHWC' || x.dtype !== 'float32' || x.shape.length !== 4) {
      return conv(args);
    }
    const [batch, height, width, channels] = x.shape as [number, number, number, number];
    const outputs = filter.shape[3] as number;
    return product(
      args.backend,
      multiply,
      x,
      filter,
      [batch, height, width, outputs],
      [batch * height * width, channels, outputs],
    );
  });
};
