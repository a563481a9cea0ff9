import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blendRerankScores } from './blend-rerank-scores.ts';

const scores = (length: number) =>
  fc.array(fc.integer({ min: -50, max: 50 }), { minLength: length, maxLength: length });

describe('blendRerankScores', () => {
  it('adds the model scores scaled to 0..weight', () => {
    expect(blendRerankScores([1, 0.5, 0.2], [-3, 5, 1], 2)).toEqual([1, 2.5, 1.2]);
  });

  it('leaves the first stage alone when the model has no opinion', () => {
    expect(blendRerankScores([1, 0.5], [4, 4], 2)).toEqual([1, 0.5]);
    expect(blendRerankScores([], [], 2)).toEqual([]);
  });

  it('rejects a score count that does not match the candidates', () => {
    expect(() => blendRerankScores([1, 2], [1], 1)).toThrow('1 model scores for 2 candidates');
  });

  it('property: unchanged by a positive affine change of the model scores', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(scores(n), scores(n))),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        ([base, model], scale, shift) => {
          const plain = blendRerankScores(base, model, 1.5);
          const moved = blendRerankScores(
            base,
            model.map((m) => m * scale + shift),
            1.5,
          );
          for (const [i, value] of plain.entries()) expect(moved[i]).toBeCloseTo(value, 6);
        },
      ),
    );
  });

  it('property: with equal first-stage scores the model decides the order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) => scores(n)),
        (model) => {
          const blended = blendRerankScores(
            model.map(() => 0.3),
            model,
            1,
          );
          for (let i = 0; i < model.length; i++) {
            for (let j = 0; j < model.length; j++) {
              if ((model[i] ?? 0) > (model[j] ?? 0)) expect(blended[i]).toBeGreaterThanOrEqual(blended[j] ?? 0);
            }
          }
        },
      ),
    );
  });
});
