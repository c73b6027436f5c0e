import type { JobView } from '@framefarm/dashboard-server/api-types';
import { Failure } from '../components/layout';
import { LogTail } from '../components/log-tail';
import { StatusBadge } from '../components/status-badge';
import { clock, duration } from '../format';
import { href } from '../route';
import { usePoll } from '../use-poll';
import { NotFound } from './not-found';

export function JobPage({ jobId }: { jobId: string }) {
  const job = usePoll<JobView>(`/jobs/${encodeURIComponent(jobId)}`);
  if (job.error?.name === 'ApiFailure' && (job.error as { status?: number }).status === 404) return <NotFound what={`job ${jobId}`} />;
  if (job.error && !job.data) return <Failure error={job.error} />;
  if (!job.data) return <p class="muted">Loading job {jobId}…</p>;
  const j = job.data;
  return (
    <section>
      <h1>
        {j.jobName} <StatusBadge status={j.status} />
      </h1>
      <div class="facts">
        <div>
          <span class="label">Job id</span> {j.jobId}
        </div>
        {j.runId ? (
          <div>
            <span class="label">Run</span> <a href={href.run(j.runId)}>{j.runId}</a>
          </div>
        ) : null}
        <div>
          <span class="label">Queue</span> {j.jobQueue}
        </div>
        <div>
          <span class="label">Definition</span> {j.jobDefinition}
        </div>
        {j.arrayIndex !== undefined ? (
          <div>
            <span class="label">Array index</span> {j.arrayIndex}
          </div>
        ) : null}
        {j.statusReason ? (
          <div>
            <span class="label">Reason</span> {j.statusReason}
          </div>
        ) : null}
      </div>

      <h2>Attempts</h2>
      {j.attempts.length === 0 ? (
        <p class="muted">Not started yet.</p>
      ) : (
        <table class="small-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Outcome</th>
              <th scope="col">Started</th>
              <th scope="col">Ran for</th>
              <th scope="col">Exit code</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {j.attempts.map((a) => (
              <tr key={a.number}>
                <td>{a.number}</td>
                <td>{a.outcome}</td>
                <td>{clock(a.startedAt)}</td>
                <td>{duration((a.stoppedAt ?? Date.now()) - a.startedAt)}</td>
                <td>{a.exitCode ?? '—'}</td>
                <td>{a.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Environment</h2>
      <table class="small-table env">
        <tbody>
          {j.environment.map((e) => (
            <tr key={e.name}>
              <th scope="row">{e.name}</th>
              <td class={e.masked ? 'muted' : ''}>{e.value}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Log</h2>
      <LogTail jobId={j.jobId} />
    </section>
  );
}
