import './progress.css';

export function ProgressBar({ value, max, label, failed = 0 }: { value: number; max: number; label: string; failed?: number }) {
  const total = Math.max(max, 1);
  const okShare = (Math.max(0, value - failed) / total) * 100;
  const badShare = (failed / total) * 100;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={`${value} of ${max}`}>
      <span className="progress-ok" style={{ width: `${okShare}%` }} />
      <span className="progress-bad" style={{ width: `${badShare}%` }} />
    </div>
  );
}
