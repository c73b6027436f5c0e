import type { LogPage } from '@framefarm/dashboard-server/api-types';
import { usePoll } from '../use-poll';

/** The last lines of a job's log, kept live. Lines are text: markup in them is shown, never run. */
export function LogTail({ jobId, lines = 200 }: { jobId: string; lines?: number }) {
  const log = usePoll<LogPage>(`/jobs/${encodeURIComponent(jobId)}/log?tail=${lines}`, 2000);
  if (log.error && !log.data) return <p class="error">{log.error.message}</p>;
  if (!log.data) return <p class="muted">Loading the log…</p>;
  if (log.data.lines.length === 0) return <p class="muted">This job has written no log yet.</p>;
  return (
    <pre class="log" tabIndex={0} aria-label={`Log of ${jobId}`}>
      {log.data.lines.map((line) => `${new Date(line.timestamp).toISOString().slice(11, 23)}  ${line.message}`).join('\n')}
    </pre>
  );
}
