/**
 * Two bits per dimension (padded to a power of two), and never fewer than 1,024: one sign bit per
 * dimension of each of several independent rotations. More bits estimate an angle more closely,
 * and narrow vectors' codes are small anyway.
 */
const MIN_BITS = 1_024;
const MIN_ROTATIONS = 2;
/**
 * The rotations' random signs come from this seed: codes are saved, so changing it, or how a code
 * is computed, needs a new `BINARY_CODE_VERSION` (saved codes of another version are rebuilt).
 */
const SEED = 0x5eed_d0c5;
export const BINARY_CODE_VERSION = 1;

const powerOfTwoAtLeast = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/** In-place fast Walsh-Hadamard transform (`values.length` a power of two). */
const hadamard = (values: Float32Array): void => {
  for (let half = 1; half < values.length; half *= 2) {
    for (let start = 0; start < values.length; start += half * 2) {
      for (let i = start; i < start + half; i++) {
        const a = values[i] as number;
        const b = values[i + half] as number;
        values[i] = a + b;
        values[i + half] = a - b;
      }
    }
  }
};

/**
 * Binary codes of vectors whose Hamming distances follow their angles: each bit is the sign of
 * the vector after a random rotation (random signs, then a Walsh-Hadamard transform), so two
 * vectors at angle θ differ in a bit with probability θ/π (SimHash). The rotation spreads every
 * input dimension over every bit, so sparse vectors get codes as informative as dense ones.
 */
export class BinaryCoder {
  readonly dimensions: number;
  /** Bytes per code, in whole 16-byte blocks (the scan's unit). */
  readonly codeBytes: number;
  readonly #width: number;
  readonly #signs: Float32Array[];
  readonly #scratch: Float32Array;

  constructor(dimensions: number) {
    this.dimensions = dimensions;
    this.#width = powerOfTwoAtLeast(dimensions);
    const rotations = Math.max(MIN_ROTATIONS, Math.ceil(MIN_BITS / this.#width));
    this.codeBytes = Math.ceil((rotations * this.#width) / 128) * 16;
    let state = SEED;
    const random = () => {
      // 32-bit xorshift: deterministic on every platform.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    this.#signs = Array.from({ length: rotations }, () =>
      Float32Array.from({ length: this.#width }, () => (random() & 1 ? 1 : -1)),
    );
    this.#scratch = new Float32Array(this.#width);
  }

  /** Writes the code of `vector` at `offset` of `out` (`codeBytes` bytes). */
  encode(vector: Float32Array, out: Uint8Array, offset = 0): void {
    out.fill(0, offset, offset + this.codeBytes);
    const scratch = this.#scratch;
    this.#signs.forEach((signs, rotation) => {
      scratch.fill(0);
      for (let i = 0; i < this.dimensions; i++) scratch[i] = (vector[i] as number) * (signs[i] as number);
      hadamard(scratch);
      const first = rotation * this.#width;
      for (let i = 0; i < this.#width; i++) {
        const bit = first + i;
        if ((scratch[i] as number) > 0)
          out[offset + (bit >> 3)] = (out[offset + (bit >> 3)] as number) | (1 << (bit & 7));
      }
    });
  }
}
