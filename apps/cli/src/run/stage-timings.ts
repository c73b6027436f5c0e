import { JobDetail } from '@aws-sdk/client-batch';

/** Wall-clock time of each stage, measured from Batch's own timestamps (epoch ms). */
export interface StageTimings {
  plan: number;
  render: number;
  encode: number;
  total: number;
}

type Job = Partial<JobDetail>;

function span(jobs: Job[]): { start: number; stop: number } | undefined {
  const starts = jobs.map((j) => j.startedAt).filter((t): t is number => typeof t === 'number');
  const stops = jobs.map((j) => j.stoppedAt).filter((t): t is number => typeof t === 'number');
  if (starts.length === 0 || stops.length === 0) return undefined;
  return { start: Math.min(...starts), stop: Math.max(...stops) };
}

const length = (s?: { start: number; stop: number }): number => (s ? Math.max(0, s.stop - s.start) : 0);

/** `renderJobs` are the render children (or the one plain render job). */
export function stageTimings(plan: Job, renderJobs: Job[], encode: Job | undefined): StageTimings {
  const planSpan = span([plan]);
  const encodeSpan = encode ? span([encode]) : undefined;
  const endOfRun = encodeSpan?.stop ?? span(renderJobs)?.stop ?? planSpan?.stop;
  return {
    plan: length(planSpan),
    render: length(span(renderJobs)),
    encode: length(encodeSpan),
    total: plan.createdAt !== undefined && endOfRun !== undefined ? endOfRun - plan.createdAt : 0,
  };
}
