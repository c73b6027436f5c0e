import type { JobAttempt } from '@framefarm/batch-client';
import type { RunCost } from '@framefarm/cost';
/** Everything the report shows, in milliseconds since the epoch; built by `collectRunData`. */
export type JobStep = 'plan' | 'render' | 'encode';
export type AttemptOutcome = JobAttempt['outcome'];

/** One attempt of a job (Batch's view, the running one included). */
export type ReportAttempt = JobAttempt;

export interface ReportSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  start: number;
  end: number;
  /** 0 for the job's own span, 1 for its children, … */
  depth: number;
  attempt?: number;
  error?: string;
}

export interface ReportJob {
  jobId: string;
  jobName: string;
  step: JobStep;
  arrayIndex?: number;
  status: string;
  statusReason?: string;
  createdAt: number;
  attempts: ReportAttempt[];
  /** Stopped, or still going at report time. */
  endedAt: number;
  finished: boolean;
  queuedMs: number;
  runningMs: number;
  /** Frames [start, end) of a render chunk. */
  frames?: { start: number; end: number };
  framesPerSecond?: number;
  /** Jobs that had to finish (or, for plan, submit this one) before it could start. */
  predecessors: string[];
  spans: ReportSpan[];
}

export interface CriticalPathStep {
  jobId: string;
  /** From the moment the job could run (its gating predecessor finished, or it was created) to its start. */
  waitMs: number;
  runningMs: number;
}

export interface CriticalPath {
  steps: CriticalPathStep[];
  totalMs: number;
}

export interface RunTotals {
  jobs: number;
  renderJobs: number;
  attempts: number;
  failedAttempts: number;
  wallMs: number;
  queuedMs: number;
  runningMs: number;
  frames?: number;
  /** Frames over the run's wall time. */
  framesPerSecond?: number;
  spans: number;
}

export interface RunData {
  runId: string;
  status: string;
  settings: { sketch?: string; width?: number; height?: number; fps?: number; totalFrames?: number; framesPerRenderJob?: number };
  startedAt: number;
  endedAt: number;
  /** Jobs in timeline order: plan, render children by index, encode. */
  jobs: ReportJob[];
  renderArrayJobId?: string;
  criticalPath: CriticalPath;
  totals: RunTotals;
  cost?: RunCost;
  traceId?: string;
  /** Spans of the trace that belong to no job of the run. */
  unattributedSpans: number;
}
