import type { RunDetailView } from '@framefarm/dashboard-server/api-types';
import { useState } from 'preact/hooks';
import { mediaUrl, post } from '../api';
import { ChunkGrid } from '../components/chunk-grid';
import { CostLine } from '../components/cost-line';
import { Failure } from '../components/layout';
import { LogTail } from '../components/log-tail';
import { ProgressBar } from '../components/progress-bar';
import { StatusBadge } from '../components/status-badge';
import { Timeline } from '../components/timeline';
import { duration, usd } from '../format';
import { usePoll } from '../use-poll';
import { NotFound } from './not-found';

const RUNNING = new Set(['submitted', 'planning', 'rendering', 'encoding']);

export function RunPage({ runId }: { runId: string }) {
  const run = usePoll<RunDetailView>(`/runs/${encodeURIComponent(runId)}`);
  const [logJob, setLogJob] = useState<string | undefined>();
  const [action, setAction] = useState<{ busy?: string; message?: string }>({});
  if (run.error?.name === 'ApiFailure' && (run.error as { status?: number }).status === 404) return <NotFound what={`run ${runId}`} />;
  if (run.error && !run.data) return <Failure error={run.error} />;
  if (!run.data) return <p class="muted">Loading run {runId}…</p>;
  const r = run.data;
  const running = RUNNING.has(r.stage);

  const act = async (verb: 'cancel' | 'resume'): Promise<void> => {
    setAction({ busy: verb });
    try {
      const result = await post<{ message: string }>(`/runs/${encodeURIComponent(runId)}/${verb}`);
      setAction({ message: result.message });
    } catch (error) {
      setAction({ message: (error as Error).message });
    }
    run.refresh();
  };

  return (
    <section>
      <h1>
        {r.runId} <StatusBadge status={r.status} />
      </h1>
      {r.error ? (
        <p class="error" role="alert">
          {r.error}
        </p>
      ) : null}
      <div class="facts">
        <div>
          <span class="label">Sketch</span> {r.sketch}
        </div>
        <div>
          <span class="label">Stage</span> {r.stage}
        </div>
        <div>
          <span class="label">Duration</span> {duration(r.durationMs)}
        </div>
        <div>
          <span class="label">Speed</span> {r.framesPerSecond !== undefined ? `${r.framesPerSecond.toFixed(1)} frames/s` : '—'}
        </div>
        <div>
          <span class="label">Cost</span> <CostLine cost={r.cost} running={running} />
        </div>
      </div>
      <ProgressBar done={r.framesDone} total={r.totalFrames} label="frames rendered" />
      <div class="actions">
        <button type="button" disabled={!r.canCancel || action.busy !== undefined} onClick={() => void act('cancel')}>
          {action.busy === 'cancel' ? 'Cancelling…' : 'Cancel run'}
        </button>
        <button type="button" disabled={!r.canResume || action.busy !== undefined} onClick={() => void act('resume')}>
          {action.busy === 'resume' ? 'Resuming…' : 'Resume run'}
        </button>
        {action.message ? (
          <span class="muted" role="status">
            {action.message}
          </span>
        ) : null}
      </div>

      {r.videoPath ? (
        <figure class="video">
          <video controls preload="metadata" src={mediaUrl(r.videoPath)} poster={r.posterPath ? mediaUrl(r.posterPath) : undefined} />
          <figcaption>
            <a href={mediaUrl(r.videoPath)} download>
              Download the video
            </a>
          </figcaption>
        </figure>
      ) : null}

      <h2>Chunks</h2>
      <ChunkGrid cells={r.chunkCells} />

      <h2>Timeline</h2>
      <Timeline jobs={r.jobs} now={Date.now()} />

      <h2>Logs</h2>
      <div class="log-picker" role="group" aria-label="Show the log of">
        {r.jobs.map((job) => (
          <button type="button" key={job.jobId} aria-pressed={logJob === job.jobId} onClick={() => setLogJob(job.jobId)}>
            {job.jobName}
          </button>
        ))}
      </div>
      {logJob ? <LogTail jobId={logJob} /> : <p class="muted">Pick a job to follow its log.</p>}

      {r.cost ? (
        <>
          <h2>Cost by step</h2>
          <table class="small-table">
            <tbody>
              {Object.entries(r.cost.byStep).map(([step, amount]) => (
                <tr key={step}>
                  <th scope="row">{step}</th>
                  <td>{usd(amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted small">{r.cost.pricesNote}</p>
        </>
      ) : null}
    </section>
  );
}
