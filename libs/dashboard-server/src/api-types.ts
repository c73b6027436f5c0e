/**
 * The dashboard's JSON API: what the server sends and the page reads. Times are epoch
 * milliseconds (as Batch reports them); money is US dollars.
 */

export type RunStage = 'submitted' | 'planning' | 'rendering' | 'encoding' | 'succeeded' | 'failed';

export interface CostView {
  totalUsd: number;
  /** Attempts that failed (retried or not): what failures cost. */
  failedUsd: number;
  /** While the run renders: the cost when done, from the render cost per frame so far. */
  projectedUsd?: number;
  byStep: Record<string, number>;
  /** e.g. "us-east-1 prices of 2025-06-01". */
  pricesNote: string;
}

export interface RunListItem {
  runId: string;
  status: string;
  stage: RunStage;
  sketch: string;
  framesDone: number;
  totalFrames: number;
  chunksDone: number;
  chunks: number;
  createdAt: number;
  durationMs: number;
  framesPerSecond?: number;
  cost?: CostView;
}

export interface RunsPage {
  runs: RunListItem[];
  /** Opaque; pass back as `?next=` for the following page. */
  next?: string;
}

export interface AttemptView {
  number: number;
  startedAt: number;
  stoppedAt?: number;
  outcome: 'succeeded' | 'failed' | 'running';
  exitCode?: number;
  reason?: string;
}

export interface JobRow {
  jobId: string;
  jobName: string;
  step: string;
  status: string;
  statusReason?: string;
  createdAt: number;
  startedAt?: number;
  stoppedAt?: number;
  attempts: AttemptView[];
}

export interface ChunkCell {
  index: number;
  start: number;
  end: number;
  status: string;
  framesDone: number;
  jobId?: string;
  /** Path of the latest preview image of a running chunk, when one was published. */
  previewPath?: string;
  /**
   * Changes whenever the chunk's record does (its progress, its end): the page asks for the preview
   * again then, so it follows the frames as they render, and a preview asked for before its first
   * upload (not found) is asked for again once the chunk has moved on.
   */
  previewVersion?: string;
}

export interface RunDetailView extends RunListItem {
  error?: string;
  settings: Record<string, string | number>;
  jobs: JobRow[];
  chunkCells: ChunkCell[];
  videoPath?: string;
  posterPath?: string;
  /** What the buttons may do now. */
  canCancel: boolean;
  canResume: boolean;
}

export interface LogLine {
  timestamp: number;
  message: string;
}

export interface LogPage {
  jobId: string;
  lines: LogLine[];
  /** Pass back as `?after=` to get only newer lines. */
  after?: string;
}

export interface EnvironmentEntry {
  name: string;
  /** Secrets (keys, tokens, passwords) arrive masked. */
  value: string;
  masked: boolean;
}

export interface JobView extends JobRow {
  jobQueue: string;
  jobDefinition: string;
  exitCode?: number;
  reason?: string;
  logStreamName?: string;
  environment: EnvironmentEntry[];
  arrayIndex?: number;
  arraySize?: number;
  runId?: string;
}

export interface ComputeEnvironmentView {
  name: string;
  state: string;
  type: string;
  /** The most vCPUs it runs at once: computeResources.maxvCpus, or unmanagedvCpus for an unmanaged environment. */
  maxvCpus: number;
  instanceTypes: string[];
}

export interface WaitingJob {
  jobId: string;
  jobName: string;
  status: string;
  /** Why it waits, e.g. the RUNNABLE reason or the dependency it waits for. */
  reason: string;
}

export interface QueueView {
  name: string;
  state: string;
  priority: number;
  computeEnvironments: ComputeEnvironmentView[];
  counts: Record<string, number>;
  running: WaitingJob[];
  waiting: WaitingJob[];
}

export interface ApiError {
  error: string;
  message: string;
}
