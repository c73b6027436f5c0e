import type { JobRow } from '@framefarm/dashboard-server/api-types';
import { duration } from '../format';
import { href } from '../route';

/** Each job on one row: waiting (created → first start) in grey, each attempt coloured by its outcome. */
export function Timeline({ jobs, now }: { jobs: JobRow[]; now: number }) {
  if (jobs.length === 0) return <p class="muted">No jobs yet.</p>;
  const start = Math.min(...jobs.map((j) => j.createdAt));
  const end = Math.max(now, ...jobs.map((j) => j.stoppedAt ?? now));
  const span = Math.max(1, end - start);
  const x = (t: number): string => `${(100 * (t - start)) / span}%`;
  const w = (a: number, b: number): string => `${Math.max(0.3, (100 * (b - a)) / span)}%`;
  return (
    <div class="timeline" aria-label="Timeline of the run's jobs">
      {jobs.map((job) => {
        const firstStart = job.attempts[0]?.startedAt ?? job.startedAt;
        return (
          <div class="timeline-row" key={job.jobId}>
            <a class="timeline-label" href={href.job(job.jobId)} title={job.jobId}>
              {job.jobName}
            </a>
            <div class="timeline-track">
              <span class="bar bar-waiting" style={{ left: x(job.createdAt), width: w(job.createdAt, firstStart ?? job.stoppedAt ?? now) }} />
              {job.attempts.map((a) => (
                <span
                  key={a.number}
                  class={`bar bar-${a.outcome}`}
                  style={{ left: x(a.startedAt), width: w(a.startedAt, a.stoppedAt ?? now) }}
                  title={`attempt ${a.number}: ${a.outcome}, ${duration((a.stoppedAt ?? now) - a.startedAt)}${a.reason ? ` — ${a.reason}` : ''}`}
                />
              ))}
            </div>
            <span class="timeline-status">{job.status}</span>
          </div>
        );
      })}
    </div>
  );
}
