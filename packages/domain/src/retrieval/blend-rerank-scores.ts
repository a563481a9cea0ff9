/**
 * Adds a second-stage model's opinion to the first-stage scores of the same candidates: the model
 * scores are min-max scaled to 0..1 within the call (cross-encoder logits are unbounded and only
 * comparable within one call), times `weight`. All-equal model scores add nothing, so a model with
 * no opinion leaves the order to the first stage. Returns one score per candidate, in input order.
 */
export const blendRerankScores = (
  baseScores: readonly number[],
  modelScores: readonly number[],
  weight: number,
): number[] => {
  if (modelScores.length !== baseScores.length) {
    throw new Error(`blendRerankScores: ${modelScores.length} model scores for ${baseScores.length} candidates`);
  }
  const finite = modelScores.filter(Number.isFinite);
  const low = Math.min(...finite);
  const range = Math.max(...finite) - low;
  return baseScores.map((base, i) => {
    const model = modelScores[i] ?? Number.NaN;
    if (!(range > 0) || !Number.isFinite(model)) return base;
    return base + (weight * (model - low)) / range;
  });
};
