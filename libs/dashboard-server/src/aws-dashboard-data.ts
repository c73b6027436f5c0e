import {
  DescribeComputeEnvironmentsCommand,
  DescribeJobQueuesCommand,
  type BatchClient,
  type JobDetail,
  type JobStatus,
  type JobSummary,
} from '@aws-sdk/client-batch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { describeJobs, listQueueJobs, parentJobIdOf, parseChildJobId } from '@framefarm/batch-client';

import { chunkPreviewKey, isRunId, runIdForJob, type ChunkRecord, type RunRecord, type RunStore } from '@framefarm/run-store';
import {
  cancelRun,
  describeJob,
  loadRun,
  logGroupOf,
  logStreamOf,
  progressOf,
  readLogEvents,
  runArtifacts,
  runJobsInOrder,
  runStatusOf,
  resumeRun,
  RunNotResumableError,
  type LoadedRun,
  type PlanTarget,
} from '@framefarm/runs';
import type { ChunkCell, JobView, LogPage, QueueView, RunDetailView, RunListItem, RunsPage } from './api-types';
import type { DashboardData, MediaObject } from './dashboard-data';
import { costOfRunJobs, OfferCache, UnpricedComputeEnvironmentError, UnpricedInstanceTypeError, type PriceTable } from '@framefarm/cost';
import { costView } from './cost-view';
import { jobRow, jobView } from './views/job-view';
import { queueView } from './views/queue-view';

export interface AwsDashboardOptions {
  batch: BatchClient;
  logs: CloudWatchLogsClient;
  store: RunStore;
  /** The stack's plan queue and definition, to resume a run. */
  target: PlanTarget;
  /** The stack's job queues (plan, render, encode), for the queues page. */
  jobQueues: string[];
  prices: PriceTable;
  now?: () => number;
}

const RUNS_PER_PAGE = 20;
const WAITING_STATUSES: JobStatus[] = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING'];
/** Only a run's own results and previews are served, nothing else in the bucket. */
const MEDIA_KEY = /^runs\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/(video\.mp4|poster\.png|chunks\/\d{5}\.preview\.jpg)$/;
const MEDIA_TYPES: Record<string, string> = { mp4: 'video/mp4', png: 'image/png', jpg: 'image/jpeg' };

const finished = (record: RunRecord): boolean => record.status === 'SUCCEEDED' || record.status === 'FAILED';
const chunkDone = (chunk: ChunkRecord): boolean => chunk.status === 'SUCCEEDED' || chunk.status === 'SKIPPED';

/**
 * The dashboard's data, read through the same AWS APIs and the same run-loading code as the CLI
 * (`@framefarm/runs`), so it is the same for the local stack and a deployed one.
 */
export class AwsDashboardData implements DashboardData {
  private readonly offers: OfferCache;
  /** List items of finished runs, which change only when a run is resumed (its record changes). */
  private readonly finishedItems = new Map<string, { updatedAt: string; item: RunListItem }>();
  private readonly now: () => number;

  constructor(private readonly o: AwsDashboardOptions) {
    this.offers = new OfferCache(o.batch);
    this.now = o.now ?? Date.now;
  }

  private async listItem(run: LoadedRun): Promise<RunListItem> {
    const { record } = run;
    const now = this.now();
    const status = runStatusOf(run) ?? record.status;
    const end = finished({ ...record, status }) ? Math.max(Date.parse(record.updatedAt), ...runJobsInOrder(run).map((j) => j.stoppedAt ?? 0)) : now;
    const durationMs = Math.max(0, end - Date.parse(record.createdAt));
    const progress = progressOf(run, record.settings.totalFrames, record.chunkCount, durationMs);
    // A queue on capacity the price table does not know leaves the run without a cost, not the page.
    const cost = await costOfRunJobs({ plan: run.plan, render: run.render, renderChildren: run.renderChildren, encode: run.encode }, this.offers, this.o.prices, now).catch(
      (error: Error) => {
        if (error instanceof UnpricedInstanceTypeError || error instanceof UnpricedComputeEnvironmentError) return undefined;
        throw error;
      },
    );
    const running = !['succeeded', 'failed'].includes(progress.stage);
    return {
      runId: record.runId,
      status,
      stage: progress.stage,
      sketch: record.settings.sketch,
      framesDone: progress.framesDone,
      totalFrames: progress.totalFrames,
      chunksDone: progress.chunksDone,
      chunks: progress.chunks,
      createdAt: Date.parse(record.createdAt),
      durationMs,
      ...(progress.framesDone > 0 && durationMs > 0 ? { framesPerSecond: (progress.framesDone * 1000) / durationMs } : {}),
      ...(cost ? { cost: costView(cost, running ? { framesDone: progress.framesDone, framesTotal: progress.totalFrames } : undefined) } : {}),
    };
  }

  async runs(next?: string): Promise<RunsPage> {
    const page = await this.o.store.records.listRuns({ limit: RUNS_PER_PAGE, next });
    const runs = await Promise.all(
      page.runs.map(async (record) => {
        const cached = this.finishedItems.get(record.runId);
        if (cached && cached.updatedAt === record.updatedAt) return cached.item;
        const item = await this.listItem(await loadRun(this.o, record.runId));
        if (finished(record) && ['succeeded', 'failed'].includes(item.stage)) this.finishedItems.set(record.runId, { updatedAt: record.updatedAt, item });
        return item;
      }),
    );
    return { runs, ...(page.next ? { next: page.next } : {}) };
  }

  private chunkCells(run: LoadedRun): ChunkCell[] {
    const byIndex = new Map(run.chunks.map((chunk) => [chunk.index, chunk]));
    const childrenByIndex = new Map(run.renderChildren.map((child) => [child.arrayProperties?.index, child]));
    const { chunkCount, settings, runId } = run.record;
    return Array.from({ length: chunkCount }, (_, index) => {
      const chunk = byIndex.get(index);
      const start = index * settings.framesPerRenderJob;
      const child = childrenByIndex.get(index) ?? (chunkCount === 1 ? run.render : undefined);
      return {
        index,
        start: chunk?.start ?? start,
        end: chunk?.end ?? Math.min(settings.totalFrames, start + settings.framesPerRenderJob),
        status: chunk?.status ?? child?.status ?? 'WAITING',
        framesDone: chunk ? (chunkDone(chunk) ? chunk.end - chunk.start : chunk.framesDone) : 0,
        ...(chunk?.jobId || child?.jobId ? { jobId: chunk?.jobId ?? child?.jobId } : {}),
        // Previews are published while a chunk renders (and kept if it fails), not for skipped ones.
        ...(chunk && chunk.status !== 'SKIPPED' ? { previewPath: chunkPreviewKey(runId, index), previewVersion: chunk.updatedAt } : {}),
      };
    });
  }

  async run(runId: string): Promise<RunDetailView | undefined> {
    if (!isRunId(runId)) return undefined;
    if (!(await this.o.store.records.getRun(runId))) return undefined;
    const run = await loadRun(this.o, runId);
    const item = await this.listItem(run);
    const artifacts = runArtifacts(run.record);
    const jobs = [
      ...(run.plan ? [jobRow(run.plan, 'plan')] : []),
      ...(run.renderChildren.length > 0 ? run.renderChildren : run.render ? [run.render] : []).map((job) => jobRow(job, 'render')),
      ...(run.encode ? [jobRow(run.encode, 'encode')] : []),
    ];
    const settings = run.record.settings;
    return {
      ...item,
      ...(run.record.error ? { error: run.record.error } : {}),
      settings: { sketch: settings.sketch, seed: settings.seed, width: settings.width, height: settings.height, fps: settings.fps, totalFrames: settings.totalFrames, framesPerRenderJob: settings.framesPerRenderJob },
      jobs,
      chunkCells: this.chunkCells(run),
      ...(artifacts.video ? { videoPath: artifacts.video.key } : {}),
      ...(artifacts.posterKey ? { posterPath: artifacts.posterKey } : {}),
      canCancel: !['succeeded', 'failed'].includes(item.stage),
      canResume: item.stage === 'failed',
    };
  }

  /** The run a job belongs to: from its RUN_ID (render, encode, plan given one), else plan's own rule. */
  private runIdOf(job: JobDetail): string | undefined {
    const fromEnvironment = job.container?.environment?.find((pair) => pair.name === 'RUN_ID')?.value;
    if (fromEnvironment) return fromEnvironment;
    return job.jobId && !parseChildJobId(job.jobId) ? runIdForJob(job.jobId) : undefined;
  }

  private async stepOf(job: JobDetail, runId: string | undefined): Promise<{ step: string; runId?: string }> {
    const record = runId && isRunId(runId) ? await this.o.store.records.getRun(runId) : undefined;
    if (!record) return { step: '' };
    const parent = job.jobId ? parentJobIdOf(job.jobId) : '';
    const step = parent === record.planJobId ? 'plan' : parent === record.renderJobId ? 'render' : parent === record.encodeJobId ? 'encode' : '';
    return { step, runId: record.runId };
  }

  async job(jobId: string): Promise<JobView | undefined> {
    const job = await describeJob(this.o.batch, jobId);
    if (!job) return undefined;
    const { step, runId } = await this.stepOf(job, this.runIdOf(job));
    return jobView(job, step, runId);
  }

  async log(jobId: string, tail: number): Promise<LogPage | undefined> {
    const job = await describeJob(this.o.batch, jobId);
    if (!job) return undefined;
    const stream = logStreamOf(job);
    const lines = stream ? await readLogEvents(this.o.logs, logGroupOf(job), stream, tail) : [];
    return { jobId, lines };
  }

  async queues(): Promise<QueueView[]> {
    const { jobQueues = [] } = await this.o.batch.send(new DescribeJobQueuesCommand({ jobQueues: this.o.jobQueues }));
    const environmentNames = [...new Set(jobQueues.flatMap((q) => (q.computeEnvironmentOrder ?? []).map((o) => o.computeEnvironment ?? '')))].filter(Boolean);
    const { computeEnvironments = [] } = environmentNames.length
      ? await this.o.batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: environmentNames }))
      : { computeEnvironments: [] };
    return Promise.all(
      jobQueues.map(async (queue) => {
        const byStatus: Record<string, JobSummary[]> = {};
        for (const status of WAITING_STATUSES) {
          const jobSummaryList = await listQueueJobs(this.o.batch, queue.jobQueueArn ?? queue.jobQueueName ?? '', status);
          if (jobSummaryList.length > 0) byStatus[status] = jobSummaryList;
        }
        const arrays = Object.values(byStatus).flat().filter((job) => job.arrayProperties?.size && job.jobId);
        const details = await describeJobs(this.o.batch, arrays.map((job) => job.jobId as string));
        const children = new Map([...details].map(([id, job]) => [id, job.arrayProperties?.statusSummary ?? {}]));
        return queueView(queue, computeEnvironments, byStatus, children);
      }),
    );
  }

  async media(key: string): Promise<MediaObject | undefined> {
    if (!MEDIA_KEY.test(key)) return undefined;
    try {
      const object = await this.o.store.objects.s3.send(new GetObjectCommand({ Bucket: this.o.store.objects.bucket, Key: key }));
      const body = object.Body as NodeJS.ReadableStream | undefined;
      if (!body) return undefined;
      return { body, contentType: MEDIA_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream', ...(object.ContentLength !== undefined ? { bytes: object.ContentLength } : {}) };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async cancel(runId: string): Promise<{ message: string } | undefined> {
    if (!isRunId(runId) || !(await this.o.store.records.getRun(runId))) return undefined;
    const stopped = await cancelRun(this.o, runId, 'Cancelled from the dashboard');
    return { message: stopped > 0 ? `Stopped ${stopped} job${stopped === 1 ? '' : 's'}.` : 'Nothing was left to stop.' };
  }

  async resume(runId: string): Promise<{ message: string } | undefined> {
    if (!isRunId(runId) || !(await this.o.store.records.getRun(runId))) return undefined;
    try {
      const planJobId = await resumeRun(this.o, this.o.target, runId);
      return { message: `Resumed with plan job ${planJobId}: chunks already rendered are kept.` };
    } catch (error) {
      if (error instanceof RunNotResumableError) return { message: error.message };
      throw error;
    }
  }
}
