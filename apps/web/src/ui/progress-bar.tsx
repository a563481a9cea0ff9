/**
 * A labelled progress bar exposing `aria-valuenow` 0..100 explicitly (a native `<progress>` only
 * exposes its value through the accessibility tree, which scripts and tests cannot read as an attribute).
 */
export const ProgressBar = ({ label, percent }: { label: string; percent: number }) => {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
};
