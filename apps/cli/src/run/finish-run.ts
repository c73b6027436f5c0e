import { runReportInput, traceStoreSpanSource, writeRunReport } from '@framefarm/report';
import { downloadArtifact, loadRunJobs, withRenderChildren } from '@framefarm/runs';
import { posterKey, videoKey } from '@framefarm/run-store';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AwsClients } from '../aws/clients';
import { RunRequest } from './run-options';
import type { RunState } from '@framefarm/runs';
import { stageTimings } from './stage-timings';
import { RunSummary } from './summary';

/** Copies the video and poster to `<out>/<runId>/`, writes the report, and sums the run up. */
export async function finishRun(
  clients: AwsClients,
  request: RunRequest,
  state: RunState,
  options: { outDir: string; stateDir?: string; succeeded: boolean },
): Promise<RunSummary> {
  const dir = join(options.outDir, request.runId);
  mkdirSync(dir, { recursive: true });
  let video: string | undefined;
  let poster: string | undefined;
  if (options.succeeded) {
    video = join(dir, 'video.mp4');
    poster = join(dir, 'poster.png');
    await downloadArtifact(clients.store.objects, state.record?.video?.key ?? videoKey(request.runId), video, state.record?.video?.sha256);
    await downloadArtifact(clients.store.objects, state.record?.posterKey ?? posterKey(request.runId), poster);
  }
  // A succeeded run's last poll read every job in its final state; a failed run's other jobs may
  // have moved on since (a dependent job cancelled), so they are read again.
  const run = options.succeeded ? await withRenderChildren(clients, state) : await loadRunJobs(clients, request.runId, { planJobId: state.plan?.jobId });
  const input = await runReportInput(clients.batch, { runId: request.runId, status: options.succeeded ? 'SUCCEEDED' : 'FAILED', settings: request, jobs: run });
  const { jobs, cost } = input;
  const renderJobs = jobs.renderChildren.length > 0 ? jobs.renderChildren : jobs.renderArray ? [jobs.renderArray] : [];
  const report = await writeRunReport({
    outFile: join(dir, 'report.html'),
    ...input,
    spanSource: options.stateDir ? traceStoreSpanSource(options.stateDir) : undefined,
    posterPath: poster,
    videoPath: video,
  });
  const timingsMs = stageTimings(state.plan ?? {}, renderJobs, state.encode);
  const shown = (p?: string) => (p ? relative(process.cwd(), p) || p : undefined);
  return {
    runId: request.runId,
    status: options.succeeded ? 'SUCCEEDED' : 'FAILED',
    video: shown(video),
    poster: shown(poster),
    report: shown(report.path),
    frames: request.totalFrames,
    chunks: Math.ceil(request.totalFrames / request.framesPerRenderJob),
    width: request.width,
    height: request.height,
    fps: request.fps,
    timingsMs,
    framesPerSecond: timingsMs.render > 0 ? request.totalFrames / (timingsMs.render / 1000) : 0,
    jobs: { plan: state.plan?.jobId, render: state.render?.jobId, encode: state.encode?.jobId },
    cost: { usd: cost.totalUsd, failedUsd: cost.failedUsd, byStep: cost.byStep, prices: cost.prices },
  };
}
