/**
 * Replacements for seven TF.js WASM kernels (tfjs-backend-wasm 4.5.0) that USE Lite runs, registered
 * over the backend's own: they cut its CPU per passage, and the softmax makes a text's vector
 * independent of the texts batched with it. Vectors stay within 1e-6 of the stored reference
 * (`use-lite-reference.test.ts`). When onnxruntime-node loads, `native-products.ts` takes the
 * products over, batched ones included, and this `BatchMatMul` only serves as its fallback.
 *
 * - `BatchMatMul` with a batch of matrices (attention: texts x 4 heads of [tokens x 64-128] each).
 *   The backend sends any batch > 1, and any transposed right operand, to a naive triple loop in C++
 *   at ~2 GFLOPS; one plain product goes to XNNPACK at ~20-40. Here each matrix of the batch runs as
 *   its own XNNPACK product, through the backend's own exported `BatchMatMul`, on views registered
 *   at offsets into the tensors' memory; a transposed right operand is transposed first (the
 *   backend's `Transpose`, a copy).
 * - `Slice` and `SplitV` (the split of each attention layer's query/key/value projection): the
 *   backend copies the whole input out of the WASM heap (`readSync`) for every slice it cuts; here
 *   the slice is copied straight from a view of the heap.
 * - `Softmax`: SIMD exponentials, each row summed in index order (`softmax-rows.wat`), so that
 *   padding changes no bit; 4x less CPU than the same in JavaScript.
 * - `GatherV2` along the first axis (the token embeddings' lookup): the backend computes every
 *   element's address from strides, ~3 ms a batch; here each row is one copy.
 * - `Sin` and `Cos` (the position signal): V8's `Math.sin` rounded to float32 takes half the time
 *   of the backend's `sinf`; both are within an ulp of the exact value.
 */
import { softmaxRows } from './softmax-rows.ts';
import {
  type KernelArgs,
  type KernelFunc,
  replaceWasmKernel,
  type TensorInfo,
  tf,
  type WasmBackend,
  wasmKernel,
} from './wasm-backend.ts';

let registered = false;
const FLOAT_BYTES = 4;

/** Registers the kernels above over the WASM backend's own; idempotent. Call after `tf.ready()`. */
export const registerFasterWasmKernels = (): void => {
  const batchMatMul = wasmKernel('BatchMatMul');
  if (registered) return;
  registered = true;
  const transpose = wasmKernel('Transpose');
  replaceWasmKernel('BatchMatMul', slicedBatchMatMul(batchMatMul, transpose));
  replaceWasmKernel('Slice', numeric(sliceKernel, wasmKernel('Slice')));
  replaceWasmKernel('SplitV', numeric(splitVKernel, wasmKernel('SplitV')));
  replaceWasmKernel('Softmax', softmaxKernel);
  replaceWasmKernel('GatherV2', gatherRows(wasmKernel('GatherV2')));
  replaceWasmKernel('Sin', elementwise(Math.sin, wasmKernel('Sin')));
  replaceWasmKernel('Cos', elementwise(Math.cos, wasmKernel('Cos')));
};

const slicedBatchMatMul = (original: KernelFunc, transpose: KernelFunc): KernelFunc => {
  let wasmBatchMatMul: ((...args: unknown[]) => void) | undefined;
  const kernel = (args: KernelArgs): TensorInfo | TensorInfo[] => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const rank = a.shape.length;
    const batch = tf.util.sizeFromShape(a.shape.slice(0, -2));
    // Only what USE Lite's attention needs; anything else (broadcast batches, transposed left
    // operand, other types) keeps the backend's kernel.
    if (
      batch <= 1 ||
      transposeA ||
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      b.shape.length !== rank ||
      b.shape.slice(0, -2).some((size, i) => size !== a.shape[i])
    ) {
      return original(args);
    }
    const { backend } = args;
    const right = transposeB ? transposeLastTwo(b, transpose, backend) : b;
    try {
      return sliced(a, right, batch, backend);
    } finally {
      if (right !== b) backend.disposeData(right.dataId);
    }
  };
  const sliced = (a: TensorInfo, b: TensorInfo, batch: number, backend: WasmBackend): TensorInfo => {
    wasmBatchMatMul ??= backend.wasm.cwrap('BatchMatMul', null, [
      'number',
      'array',
      'number',
      'number',
      'array',
      'number',
      'number',
      'number',
      'number',
    ]);
    const rank = a.shape.length;
    const rows = a.shape[rank - 2] as number;
    const inner = a.shape[rank - 1] as number;
    const columns = b.shape[rank - 1] as number;
    const out = backend.makeOutput([...a.shape.slice(0, -2), rows, columns], 'float32');
    const aOffset = backend.dataIdMap.get(a.dataId).memoryOffset;
    const bOffset = backend.dataIdMap.get(b.dataId).memoryOffset;
    const outOffset = backend.dataIdMap.get(out.dataId).memoryOffset;
    const aShape = shapeBytes([1, rows, inner]);
    const bShape = shapeBytes([1, inner, columns]);
    const aSize = rows * inner;
    const bSize = inner * columns;
    const outSize = rows * columns;
    for (let i = 0; i < batch; i += 1) {
      const aId = view(backend, aSize, aOffset + i * aSize * FLOAT_BYTES);
      const bId = view(backend, bSize, bOffset + i * bSize * FLOAT_BYTES);
      const outId = view(backend, outSize, outOffset + i * outSize * FLOAT_BYTES);
      try {
        wasmBatchMatMul(aId, aShape, 3, bId, bShape, 3, false, false, outId);
      } finally {
        // Unregistering a view frees nothing (the memory is its tensor's) but drops the XNNPACK
        // operator the backend cached for it as a right-hand operand.
        backend.wasm.tfjs.disposeData(aId);
        backend.wasm.tfjs.disposeData(bId);
        backend.wasm.tfjs.disposeData(outId);
      }
    }
    return out;
  };
  return kernel;
};

/** `x` with its last two dimensions swapped, as a new tensor, by the backend's `transpose` kernel. */
export const transposeLastTwo = (x: TensorInfo, transpose: KernelFunc, backend: WasmBackend): TensorInfo => {
  const perm = x.shape.map((_, i) => i);
  const rank = perm.length;
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1] as number, perm[rank - 2] as number];
  return transpose({ inputs: { x }, attrs: { perm }, backend }) as TensorInfo;
};

/** Registers `size` floats at `memoryOffset` with the backend under a fresh id, without copying. */
const view = (backend: WasmBackend, size: number, memoryOffset: number): number => {
  const id = backend.dataIdNextNumber++;
  backend.wasm.tfjs.registerTensor(id, size, memoryOffset);
  return id;
};

const shapeBytes = (shape: number[]): Uint8Array => new Uint8Array(new Int32Array(shape).buffer);

// The backend's own Slice, reading its input through a view of the heap instead of a copy of it.
const slice = (x: TensorInfo, begin: unknown, size: unknown, backend: WasmBackend): TensorInfo => {
  const [start, extent] = tf.slice_util.parseSliceParams(x, begin, size);
  // The output first: allocating may grow the WASM memory, which detaches earlier views of it.
  const out = backend.makeOutput(extent, x.dtype);
  const input = backend.typedArrayFromHeap(x);
  const output = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape);
  copyBlock(input, strides, output, start, extent, 0, 0, 0);
  return out;
};

// Copies the block [start, start + extent) of a row-major input into `output`, innermost dimension
// as one contiguous run per row.
const copyBlock = (
  input: Float32Array | Int32Array | Uint8Array,
  strides: number[],
  output: Float32Array | Int32Array | Uint8Array,
  start: number[],
  extent: number[],
  dimension: number,
  inputOffset: number,
  outputOffset: number,
): number => {
  const last = extent.length - 1;
  if (dimension === last || extent.length === 0) {
    const from = inputOffset + (start[last] ?? 0);
    const length = extent[last] ?? 1;
    output.set(input.subarray(from, from + length), outputOffset);
    return outputOffset + length;
  }
  const stride = strides[dimension] as number;
  let at = outputOffset;
  for (let i = 0; i < (extent[dimension] as number); i += 1) {
    at = copyBlock(
      input,
      strides,
      output,
      start,
      extent,
      dimension + 1,
      inputOffset + ((start[dimension] as number) + i) * stride,
      at,
    );
  }
  return at;
};

// String tensors are not on the heap: the backend's kernel handles them.
const numeric =
  (kernel: KernelFunc, original: KernelFunc): KernelFunc =>
  (args) =>
    (args.inputs.x as TensorInfo).dtype === 'string' ? original(args) : kernel(args);

const sliceKernel: KernelFunc = ({ inputs, attrs, backend }) =>
  slice(inputs.x as TensorInfo, attrs.begin, attrs.size, backend);

const splitVKernel: KernelFunc = ({ inputs, attrs, backend }) => {
  const x = inputs.x as TensorInfo;
  const rank = x.shape.length;
  const axis = ((attrs.axis as number) + rank) % rank;
  const sizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(rank).fill(0);
  return sizes.map((size) => {
    const extent = x.shape.slice();
    extent[axis] = size;
    const part = slice(x, begin.slice(), extent, backend);
    begin[axis] = (begin[axis] as number) + size;
    return part;
  });
};

// Softmax over the last axis with each row's sum taken in index order, in float32 (`softmaxRows`).
// XNNPACK's softmax sums in SIMD lanes and accumulators whose grouping depends on the row's length,
// so the weights of a text's real tokens changed in the last bit when the batch padded it longer;
// with an ordered sum the padding's weights (exactly 0 after the graph's -1e9 mask) add nothing, and
// a text's vector is the same bits whatever it is batched with.
const softmaxKernel: KernelFunc = ({ inputs, backend }) => {
  const logits = inputs.logits as TensorInfo;
  const width = logits.shape[logits.shape.length - 1] as number;
  const out = backend.makeOutput(logits.shape, 'float32');
  softmaxRows(
    backend.typedArrayFromHeap(logits) as Float32Array,
    width,
    backend.typedArrayFromHeap(out) as Float32Array,
  );
  return out;
};

// Rows of `x` picked by `indices` (axis 0, no batch dimensions), each copied whole. Anything else,
// and an index out of range (which the backend reports), goes to the backend's kernel.
const gatherRows =
  (original: KernelFunc): KernelFunc =>
  (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
    const rows = x.shape[0] as number;
    if (x.shape.length === 0 || indices.dtype !== 'int32' || x.dtype === 'string' || batchDims !== 0)
      return original(args);
    if (axis !== 0 && axis !== -x.shape.length) return original(args);
    const { backend } = args;
    const picked = backend.typedArrayFromHeap(indices) as Int32Array;
    if (picked.some((index) => index < 0 || index >= rows)) return original(args);
    const width = tf.util.sizeFromShape(x.shape.slice(1));
    // The output first: allocating may grow the WASM memory, which detaches earlier views of it
    // (the indices are viewed again below).
    const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    const input = backend.typedArrayFromHeap(x);
    const output = backend.typedArrayFromHeap(out);
    const ids = backend.typedArrayFromHeap(indices) as Int32Array;
    for (let i = 0; i < ids.length; i += 1) {
      const from = (ids[i] as number) * width;
      output.set(input.subarray(from, from + width), i * width);
    }
    return out;
  };

// `fn` of each float32 element, rounded to float32; other types go to the backend's kernel.
const elementwise =
  (fn: (value: number) => number, original: KernelFunc): KernelFunc =>
  (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype !== 'float32') return original(args);
    const { backend } = args;
    const out = backend.makeOutput(x.shape, 'float32');
    const input = backend.typedArrayFromHeap(x);
    const output = backend.typedArrayFromHeap(out);
    for (let i = 0; i < input.length; i += 1) output[i] = fn(input[i] as number);
    return out;
  };
