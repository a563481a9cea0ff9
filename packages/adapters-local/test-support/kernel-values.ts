/** Deterministic values of varied magnitude and sign, so a misplaced element changes a kernel's result. */
export const kernelValues = (count: number, seed: number): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => Math.sin(seed * 7.31 + i * 1.7) * (1 + (i % 13)));
