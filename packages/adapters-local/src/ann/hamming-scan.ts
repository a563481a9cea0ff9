import { instantiateKernel, WASM_PAGE, type WasmMemory } from '../wasm/wasm-kernel.ts';
import { HAMMING_SCAN_WASM } from './hamming-scan-module.ts';

/** Most 16-byte blocks in a code: a byte lane of the kernel's sum holds up to 31 x 8 bits. */
export const MAX_CODE_BLOCKS = 31;
const HISTOGRAM_AT = 512;
const HISTOGRAM_SLOTS = MAX_CODE_BLOCKS * 128 + 1;
const CODES_AT = WASM_PAGE;
/** A distance above any code's: an excluded code is never within the cut-off. */
const EXCLUDED = 0xffff;

interface Kernel {
  memory: WasmMemory;
  scan(codes: number, count: number, blocks: number, query: number, out: number, histogram: number): void;
}

/**
 * Binary codes in WebAssembly memory, and the ones nearest a query by Hamming distance: each scan
 * reads every code (SIMD popcount, ~40 ms for 3.7M codes of 128 bytes on one core here) and
 * counts distances as it goes, so the nearest are picked without sorting. Memory holds the codes
 * and a 2-byte distance per code.
 */
export class HammingScan {
  readonly #bytes: number;
  readonly #kernel: Kernel;
  #count = 0;
  #capacity = 0;

  /** `codeBytes`: a multiple of 16, at most `MAX_CODE_BLOCKS` x 16. */
  constructor(codeBytes: number) {
    if (codeBytes % 16 !== 0 || codeBytes === 0 || codeBytes > MAX_CODE_BLOCKS * 16)
      throw new Error(`A code is 16 to ${MAX_CODE_BLOCKS * 16} bytes in whole 16-byte blocks, not ${codeBytes}`);
    this.#bytes = codeBytes;
    this.#kernel = instantiateKernel<Kernel>(HAMMING_SCAN_WASM);
  }

  /** Codes held. */
  get count(): number {
    return this.#count;
  }

  /** Appends codes (`codes.length` a multiple of the code size); a code's position is its order. */
  append(codes: Uint8Array): void {
    const added = codes.length / this.#bytes;
    this.#reserve(this.#count + added);
    new Uint8Array(this.#kernel.memory.buffer, CODES_AT + this.#count * this.#bytes, codes.length).set(codes);
    this.#count += added;
  }

  /**
   * Replaces the codes with `count` codes that the caller writes into the view returned (valid
   * until the next `append`): saved codes are read straight into place.
   */
  fill(count: number): Uint8Array {
    this.#reserve(count);
    this.#count = count;
    return new Uint8Array(this.#kernel.memory.buffer, CODES_AT, count * this.#bytes);
  }

  /**
   * Positions of the `wanted` codes nearest `query` (all of them when fewer), leaving out the
   * `excluded` positions, in position order; codes tied at the cut-off distance are taken in
   * position order.
   */
  nearest(query: Uint8Array, wanted: number, excluded: ReadonlySet<number> = new Set()): Uint32Array {
    const count = this.#count;
    const take = Math.min(wanted, count - excluded.size);
    if (take <= 0) return new Uint32Array(0);
    const { memory, scan } = this.#kernel;
    const distancesAt = this.#distancesAt();
    new Uint8Array(memory.buffer, 0, this.#bytes).set(query);
    const histogram = new Uint32Array(memory.buffer, HISTOGRAM_AT, HISTOGRAM_SLOTS);
    histogram.fill(0);
    scan(CODES_AT, count, this.#bytes / 16, 0, distancesAt, HISTOGRAM_AT);
    const distances = new Uint16Array(memory.buffer, distancesAt, count);
    for (const position of excluded) {
      histogram[distances[position] as number] = (histogram[distances[position] as number] as number) - 1;
      distances[position] = EXCLUDED;
    }
    // The cut-off: the smallest distance with at least `take` codes at or under it.
    let cutOff = 0;
    let below = 0;
    while (below + (histogram[cutOff] as number) < take) below += histogram[cutOff++] as number;
    let atCutOff = take - below;
    const positions = new Uint32Array(take);
    let found = 0;
    for (let i = 0; i < count && found < take; i++) {
      const distance = distances[i] as number;
      if (distance < cutOff || (distance === cutOff && atCutOff-- > 0)) positions[found++] = i;
    }
    return positions;
  }

  #distancesAt(): number {
    return CODES_AT + this.#capacity * this.#bytes;
  }

  /** Grows memory to hold `count` codes and their distances, by at least half again. */
  #reserve(count: number): void {
    if (count <= this.#capacity) return;
    const capacity = Math.max(count, Math.ceil(this.#capacity * 1.5), 1024);
    const needed = CODES_AT + capacity * (this.#bytes + 2);
    const { memory } = this.#kernel;
    const pages = Math.ceil(needed / WASM_PAGE) - memory.buffer.byteLength / WASM_PAGE;
    if (pages > 0) {
      try {
        memory.grow(pages);
      } catch {
        throw new Error(`Binary codes of ${count} vectors do not fit in 4 GiB of WebAssembly memory`);
      }
    }
    this.#capacity = capacity;
  }
}
