import type { QueueView } from '@framefarm/dashboard-server/api-types';
import { Failure } from '../components/layout';
import { href } from '../route';
import { usePoll } from '../use-poll';

export function QueuesPage() {
  const queues = usePoll<QueueView[]>('/queues');
  if (queues.error && !queues.data) return <Failure error={queues.error} />;
  if (!queues.data) return <p class="muted">Loading queues…</p>;
  return (
    <section>
      <h1>Queues and compute environments</h1>
      {queues.data.map((q) => (
        <article class="queue" key={q.name} aria-label={`queue ${q.name}`}>
          <h2>
            {q.name} <span class="muted small">priority {q.priority}, {q.state}</span>
          </h2>
          <p class="small">
            {q.computeEnvironments.map((ce) => `${ce.name} (${ce.type}, up to ${ce.maxvCpus} vCPUs${ce.instanceTypes.length ? `, ${ce.instanceTypes.join(', ')}` : ''}, ${ce.state})`).join(' → ')}
          </p>
          <p class="small">
            {Object.entries(q.counts)
              .filter(([, n]) => n > 0)
              .map(([status, n]) => `${status} ${n}`)
              .join(' · ') || 'no jobs'}
          </p>
          {q.running.length > 0 ? (
            <>
              <h3>Running</h3>
              <ul>
                {q.running.map((job) => (
                  <li key={job.jobId}>
                    <a href={href.job(job.jobId)}>{job.jobName}</a> {job.status}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {q.waiting.length > 0 ? (
            <>
              <h3>Waiting</h3>
              <ul>
                {q.waiting.map((job) => (
                  <li key={job.jobId}>
                    <a href={href.job(job.jobId)}>{job.jobName}</a> {job.status}: <span class="muted">{job.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
      ))}
    </section>
  );
}
