import { chunkRange } from '@framefarm/job-specs';
import { SPAN_ATTRIBUTES } from '@framefarm/tracing/spans';
import { EdgeKind, PathNode, computeCriticalPath } from './critical-path';
import { childJobId, jobAttempts } from '@framefarm/batch-client';
import { spansByJob } from './job-spans';
import { BatchJob, CollectRunInput, RunRecordFields } from './run-input';
import { JobStep, ReportJob, ReportSpan, RunData } from './run-data';

interface Classified {
  detail: BatchJob;
  step: JobStep;
}

/**
 * Turns what Batch, the traces and the run record say about a run into the report's model. Pure:
 * everything comes in as arguments (fetched elsewhere), so it is tested with fixture data.
 */
export function collectRunData(input: CollectRunInput): RunData {
  const { run, jobs, now } = input;
  const classified: Classified[] = [
    ...(jobs.plan ? [{ detail: jobs.plan, step: 'plan' as const }] : []),
    ...[...jobs.renderChildren]
      .sort((a, b) => (a.arrayProperties?.index ?? 0) - (b.arrayProperties?.index ?? 0))
      .map((detail) => ({ detail, step: 'render' as const })),
    ...(jobs.encode ? [{ detail: jobs.encode, step: 'encode' as const }] : []),
  ].filter((job): job is Classified => Boolean(job.detail.jobId));

  const spans = spansByJob(input.spans);
  const reportJobs = classified.map(({ detail, step }) => toReportJob(detail, step, run, now, spans.get(detail.jobId as string) ?? []));
  const predecessors = predecessorsOf(classified, jobs.renderArray);
  for (const job of reportJobs) job.predecessors = (predecessors.get(job.jobId) ?? []).map((edge) => edge.id);

  const pathNodes: PathNode[] = reportJobs
    .filter((job) => job.attempts.length > 0)
    .map((job) => ({
      id: job.jobId,
      createdAt: job.createdAt,
      endedAt: job.endedAt,
      running: job.attempts.map((attempt): [number, number] => [attempt.startedAt, attempt.stoppedAt ?? now]),
      predecessors: predecessors.get(job.jobId) ?? [],
    }));

  const startedAt = Math.min(...reportJobs.map((job) => job.createdAt), now);
  const endedAt = reportJobs.length > 0 ? Math.max(...reportJobs.map((job) => job.endedAt)) : now;
  const attributed = new Set(reportJobs.map((job) => job.jobId));
  const attempts = reportJobs.flatMap((job) => job.attempts);
  const frames = run.totalFrames;
  const wallMs = endedAt - startedAt;
  const status = run.status ?? overallStatus(reportJobs);
  return {
    runId: run.runId,
    status,
    settings: {
      sketch: run.sketch,
      width: run.width,
      height: run.height,
      fps: run.fps,
      totalFrames: run.totalFrames,
      framesPerRenderJob: run.framesPerRenderJob,
    },
    startedAt,
    endedAt,
    jobs: reportJobs,
    ...(jobs.renderArray?.jobId ? { renderArrayJobId: jobs.renderArray.jobId } : {}),
    criticalPath: computeCriticalPath(pathNodes),
    totals: {
      jobs: reportJobs.length,
      renderJobs: reportJobs.filter((job) => job.step === 'render').length,
      attempts: attempts.length,
      failedAttempts: attempts.filter((attempt) => attempt.outcome === 'failed').length,
      wallMs,
      queuedMs: sum(reportJobs.map((job) => job.queuedMs)),
      runningMs: sum(reportJobs.map((job) => job.runningMs)),
      ...(frames !== undefined ? { frames } : {}),
      ...(frames !== undefined && wallMs > 0 && status === 'SUCCEEDED' ? { framesPerSecond: (frames * 1000) / wallMs } : {}),
      spans: input.spans.length,
    },
    ...(input.cost ? { cost: input.cost } : {}),
    ...(input.spans[0] ? { traceId: input.spans[0].traceId } : {}),
    unattributedSpans: input.spans.filter((span) => !attributed.has(String(span.attributes[SPAN_ATTRIBUTES.jobId]))).length,
  };
}

function toReportJob(detail: BatchJob, step: JobStep, run: RunRecordFields, now: number, spans: ReportSpan[]): ReportJob {
  const attempts = jobAttempts(detail);
  const createdAt = detail.createdAt ?? attempts[0]?.startedAt ?? now;
  const finished = detail.stoppedAt !== undefined && (detail.status === 'SUCCEEDED' || detail.status === 'FAILED');
  const endedAt = finished ? (detail.stoppedAt as number) : attempts.length > 0 ? Math.max(now, ...attempts.map((a) => a.stoppedAt ?? now)) : now;
  const runningMs = sum(attempts.map((attempt) => (attempt.stoppedAt ?? now) - attempt.startedAt));
  // Everything from creation to the end that was not running: waiting for dependencies, for a
  // compute slot, and between attempts.
  const queuedMs = Math.max(0, endedAt - createdAt - runningMs);
  const arrayIndex = detail.arrayProperties?.index;
  const job: ReportJob = {
    jobId: detail.jobId as string,
    jobName: detail.jobName ?? '',
    step,
    ...(arrayIndex !== undefined ? { arrayIndex } : {}),
    status: detail.status ?? 'UNKNOWN',
    ...(detail.statusReason ? { statusReason: detail.statusReason } : {}),
    createdAt,
    attempts,
    endedAt,
    finished,
    queuedMs,
    runningMs,
    predecessors: [],
    spans,
  };
  const range = step === 'render' && arrayIndex !== undefined ? chunkOf(arrayIndex, run) : undefined;
  if (range) {
    job.frames = { start: range.start, end: range.end };
    const succeeded = attempts.find((attempt) => attempt.outcome === 'succeeded' && attempt.stoppedAt !== undefined);
    if (succeeded && (succeeded.stoppedAt as number) > succeeded.startedAt) {
      job.framesPerSecond = ((range.end - range.start) * 1000) / ((succeeded.stoppedAt as number) - succeeded.startedAt);
    }
  }
  return job;
}

/** The frames of a chunk, or undefined when the run's settings are unknown or do not cover the index. */
function chunkOf(index: number, run: RunRecordFields): { start: number; end: number } | undefined {
  if (!run.totalFrames || !run.framesPerRenderJob) return undefined;
  try {
    return chunkRange(index, run.totalFrames, run.framesPerRenderJob);
  } catch {
    return undefined;
  }
}

/**
 * Who each job waited on. Plan submits the render array and encode; `dependsOn` adds the rest. A
 * dependency on the render array means all its children; a `SEQUENTIAL` render array makes
 * child i wait for child i-1. Dependencies on jobs outside the run are left out.
 */
function predecessorsOf(jobs: Classified[], renderArray: BatchJob | undefined): Map<string, Array<{ id: string; kind: EdgeKind }>> {
  const renderArrayId = renderArray?.jobId;
  const plan = jobs.find((job) => job.step === 'plan')?.detail.jobId;
  const children = jobs.filter((job) => job.step === 'render').map((job) => job.detail);
  const childAt = (arrayId: string, index: number) => children.find((child) => child.jobId === childJobId(arrayId, index))?.jobId;
  const result = new Map<string, Array<{ id: string; kind: EdgeKind }>>();
  for (const { detail, step } of jobs) {
    const edges: Array<{ id: string; kind: EdgeKind }> = [];
    if (plan && step !== 'plan') edges.push({ id: plan, kind: 'submission' });
    const index = detail.arrayProperties?.index;
    // Children show their own dependencies on AWS; where they do not, they have the array's.
    const dependsOn = step === 'render' && !detail.dependsOn?.length ? renderArray?.dependsOn ?? [] : detail.dependsOn ?? [];
    for (const dependency of dependsOn) {
      if (dependency.type === 'SEQUENTIAL' && !dependency.jobId && index !== undefined && index > 0 && renderArrayId) {
        const previous = childAt(renderArrayId, index - 1);
        if (previous) edges.push({ id: previous, kind: 'dependency' });
      } else if (dependency.jobId === renderArrayId) {
        for (const child of children) edges.push({ id: child.jobId as string, kind: 'dependency' });
      } else if (dependency.jobId && jobs.some((job) => job.detail.jobId === dependency.jobId)) {
        edges.push({ id: dependency.jobId, kind: 'dependency' });
      }
    }
    result.set(detail.jobId as string, dedupe(edges));
  }
  return result;
}

function dedupe(edges: Array<{ id: string; kind: EdgeKind }>): Array<{ id: string; kind: EdgeKind }> {
  const seen = new Map<string, { id: string; kind: EdgeKind }>();
  for (const edge of edges) if (!seen.has(edge.id) || edge.kind === 'dependency') seen.set(edge.id, edge);
  return [...seen.values()];
}

function overallStatus(jobs: ReportJob[]): string {
  if (jobs.length === 0) return 'UNKNOWN';
  if (jobs.some((job) => job.status === 'FAILED')) return 'FAILED';
  if (jobs.length > 0 && jobs.every((job) => job.status === 'SUCCEEDED')) return 'SUCCEEDED';
  return 'RUNNING';
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
