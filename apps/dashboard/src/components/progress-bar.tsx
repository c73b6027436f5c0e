import { percent } from '../format';

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const value = percent(done, total);
  return (
    <div class="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <div class="progress-fill" style={{ width: `${value}%` }} />
      <span class="progress-text">
        {done} / {total}
      </span>
    </div>
  );
}
