import { DocentError } from '@docent/domain';

/** Throws `validation_failed` unless the vector has the index's dimension (the VectorIndex port's rule). */
export const checkDimensions = (vector: Float32Array, expected: number): void => {
  if (vector.length !== expected) {
    throw new DocentError('validation_failed', `Expected a ${expected}-d vector, got ${vector.length} dimensions`, {
      details: { expected, actual: vector.length },
    });
  }
};
