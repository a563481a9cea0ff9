/**
 * Replacements for four TF.js WASM kernels (tfjs-backend-wasm 4.5.0) that USE Lite runs, registered
 * over the backend's own: two cut its CPU per passage by 30-40%, one makes a text's vector
 * independent of the texts batched with it. Vectors stay within 5e-7 of the backend's (checked
 * against stored vectors in `use-lite-reference.test.ts`):
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
 * - `Softmax`: summed in index order (see `softmaxKernel`), so that padding changes no bit.
 */
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
    const right = transposeB ? transposed(b, transpose, backend) : b;
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

// `x` with its last two dimensions swapped, as a new tensor.
const transposed = (x: TensorInfo, transpose: KernelFunc, backend: WasmBackend): TensorInfo => {
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

// Below this, exp() rounds to float32 zero: exp(-104) = 6.8e-46 is under half the smallest subnormal.
const EXP_UNDERFLOW = -104;

// Softmax over the last axis with its sum taken in index order, in float32. XNNPACK's softmax sums
// in SIMD lanes and accumulators whose grouping depends on the row's length, so the weights of a
// text's real tokens changed in the last bit when the batch padded it longer; with an ordered sum the
// padding's weights (exactly 0 after the graph's -1e9 mask) add nothing, and a text's vector is the
// same bits whatever it is batched with.
const softmaxKernel: KernelFunc = ({ inputs, backend }) => {
  const logits = inputs.logits as TensorInfo;
  const width = logits.shape[logits.shape.length - 1] as number;
  const out = backend.makeOutput(logits.shape, 'float32');
  const x = backend.typedArrayFromHeap(logits);
  const y = backend.typedArrayFromHeap(out);
  const f = Math.fround;
  for (let row = 0; row < x.length; row += width) {
    const end = row + width;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = row; i < end; i += 1) max = Math.max(max, x[i] as number);
    let sum = 0;
    for (let i = row; i < end; i += 1) {
      const shifted = f((x[i] as number) - max);
      const e = shifted < EXP_UNDERFLOW ? 0 : f(Math.exp(shifted));
      y[i] = e;
      sum = f(sum + e);
    }
    const scale = f(1 / sum);
    for (let i = row; i < end; i += 1) y[i] = f((y[i] as number) * scale);
  }
  return out;
};
