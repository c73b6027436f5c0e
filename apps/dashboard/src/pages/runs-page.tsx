import type { RunsPage as RunsPageData } from '@framefarm/dashboard-server/api-types';
import { CostLine } from '../components/cost-line';
import { Failure } from '../components/layout';
import { ProgressBar } from '../components/progress-bar';
import { StatusBadge } from '../components/status-badge';
import { clock, duration } from '../format';
import { href } from '../route';
import { usePoll } from '../use-poll';

const RUNNING = new Set(['submitted', 'planning', 'rendering', 'encoding']);

export function RunsPage({ next }: { next?: string }) {
  const page = usePoll<RunsPageData>(next ? `/runs?next=${encodeURIComponent(next)}` : '/runs');
  if (page.error && !page.data) return <Failure error={page.error} />;
  if (!page.data) return <p class="muted">Loading runs…</p>;
  const { runs } = page.data;
  return (
    <section>
      <h1>Runs</h1>
      {runs.length === 0 ? (
        <p class="muted">No runs yet. Start one with `framefarm run` or `framefarm submit`.</p>
      ) : (
        <table class="runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Frames</th>
              <th scope="col">Frames/s</th>
              <th scope="col">Duration</th>
              <th scope="col">Cost</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.runId}>
                <td>
                  <a href={href.run(run.runId)}>{run.runId}</a>
                  <div class="muted small">{run.sketch}</div>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td class="wide">
                  <ProgressBar done={run.framesDone} total={run.totalFrames} label={`frames of ${run.runId}`} />
                </td>
                <td>{run.framesPerSecond !== undefined ? run.framesPerSecond.toFixed(1) : '—'}</td>
                <td>{duration(run.durationMs)}</td>
                <td>
                  <CostLine cost={run.cost} running={RUNNING.has(run.stage)} />
                </td>
                <td class="small">{clock(run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        {next ? <a href={href.runs()}>Newest</a> : null}
        {page.data.next ? <a href={href.runs(page.data.next)}>Older runs</a> : null}
      </nav>
    </section>
  );
}
