/**
 * Ordinary least squares for the measuring scripts: the coefficients `b` that minimise
 * |X b - y|^2, by the normal equations (X'X) b = X'y solved with Gaussian elimination and partial
 * pivoting. Fine for the few well-scaled columns a cost split has; not for ill-conditioned data.
 */
export const leastSquares = (rows: readonly (readonly number[])[], y: readonly number[]): number[] => {
  const k = rows[0]?.length ?? 0;
  // The augmented matrix [X'X | X'y].
  const a = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k + 1 }, (_, j) =>
      rows.reduce((sum, row, r) => sum + (row[i] as number) * (j < k ? (row[j] as number) : (y[r] as number)), 0),
    ),
  );
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(a[r]?.[col] as number) > Math.abs(a[pivot]?.[col] as number)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const head = a[col] as number[];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / (head[col] as number);
      for (let j = col; j <= k; j++) row[j] = (row[j] as number) - factor * (head[j] as number);
    }
  }
  return a.map((row, i) => (row[k] as number) / (row[i] as number));
};
