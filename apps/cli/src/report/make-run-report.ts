import { BatchClient } from '@aws-sdk/client-batch';
import { SpanSource, WrittenRunReport, jobIdsFromSpans, runReportInput, writeRunReport } from '@framefarm/report';
import { downloadArtifact, loadRun, requireRun, RunJobIds, runArtifacts, runStatusOf } from '@framefarm/runs';
import { ObjectStore, RunRecord, RunRecords } from '@framefarm/run-store';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What the report reads: Batch for the jobs, the run's table and bucket for its record and media, the span source for its trace. */
export interface ReportSources {
  batch: Pick<BatchClient, 'send'>;
  store: { records: Pick<RunRecords, 'getRun' | 'listChunks' | 'table'>; objects: Pick<ObjectStore, 'downloadFile'> };
  /** The local stack's trace store, or X-Ray on AWS. */
  spans: SpanSource;
}

export interface MakeRunReportOptions {
  runId: string;
  outFile: string;
}

/**
 * Writes the report of a run that exists: its record names the jobs (or, for a run whose record
 * lacks them, its spans do), the video and poster are fetched next to the report.
 */
export async function makeRunReport(sources: ReportSources, options: MakeRunReportOptions): Promise<WrittenRunReport> {
  const record = await requireRun(sources, options.runId);
  const run = await loadRun(sources, options.runId, await jobIds(record, sources.spans));
  const media = await fetchMedia(sources, record, dirname(options.outFile));
  const written = await writeRunReport({
    outFile: options.outFile,
    // As `status` says it: Batch has the last word (a run whose encode job is still ending is ENCODING).
    ...(await runReportInput(sources.batch, { runId: record.runId, status: runStatusOf(run) ?? record.status, settings: record.settings, jobs: run })),
    spanSource: sources.spans,
    posterPath: media.poster,
    videoPath: media.video,
  });
  return { ...written, warnings: [...media.warnings, ...written.warnings] };
}

async function jobIds(record: RunRecord, spans: SpanSource): Promise<RunJobIds> {
  const fromRecord: RunJobIds = { planJobId: record.planJobId, renderJobId: record.renderJobId, encodeJobId: record.encodeJobId };
  if (fromRecord.planJobId && fromRecord.renderJobId && fromRecord.encodeJobId) return fromRecord;
  const fromSpans = jobIdsFromSpans((await spans.runSpans({ runId: record.runId })).spans);
  return {
    planJobId: fromRecord.planJobId ?? fromSpans.planJobId,
    renderJobId: fromRecord.renderJobId ?? fromSpans.renderJobId,
    encodeJobId: fromRecord.encodeJobId ?? fromSpans.encodeJobId,
  };
}

/** The video and poster next to the report; a video already there with the recorded size is kept (`framefarm run` put it there). */
async function fetchMedia(sources: ReportSources, record: RunRecord, dir: string): Promise<{ video?: string; poster?: string; warnings: string[] }> {
  const warnings: string[] = [];
  const result: { video?: string; poster?: string; warnings: string[] } = { warnings };
  const artifacts = runArtifacts(record);
  if (!artifacts.video) return result;
  await mkdir(dir, { recursive: true });
  // `framefarm run` leaves out/<runId>/video.mp4; a report written elsewhere names its media after
  // the run, so reports of several runs can share a directory.
  const own = basename(dir) === record.runId;
  const video = join(dir, own ? 'video.mp4' : `${record.runId}.mp4`);
  const poster = join(dir, own ? 'poster.png' : `${record.runId}.poster.png`);
  try {
    if ((await sizeOf(video)) !== artifacts.video.bytes) await downloadArtifact(sources.store.objects, artifacts.video.key, video, artifacts.video.sha256);
    result.video = video;
  } catch (error) {
    warnings.push(`could not fetch the video: ${(error as Error).message}`);
  }
  try {
    await downloadArtifact(sources.store.objects, artifacts.posterKey!, poster);
    result.poster = poster;
  } catch (error) {
    warnings.push(`could not fetch the poster: ${(error as Error).message}`);
  }
  return result;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
