import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { BatchClient, DescribeJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { waitForJobs } from '@framefarm/batch-client';
import { allJobSpecs, LOCAL_RESOURCES, type StepName } from '@framefarm/job-specs';
import { localEndpointEnvironment, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { probeVideo } from '@framefarm/media';
import { RunStore } from '@framefarm/run-store';
import { WORK_DIR } from './buildah';
import type { ImageRoot } from './image-root';

export const RENDER = { totalFrames: 24, framesPerRenderJob: 8, width: 320, height: 180 };

/**
 * The quick start through the local stack with every job running inside its image's file system
 * as the image's user: the local image table maps each job definition's image to run-in-image.sh
 * on that image's root. Plan submits the render array and encode as usual.
 */
export async function renderInImages(roots: Record<StepName, ImageRoot>, log: (line: string) => void): Promise<{ runId: string; seconds: number }> {
  const imageTable = Object.fromEntries(
    allJobSpecs().map((spec) => [spec.image, { entrypoint: [...roots[spec.step].runPrefix, ...roots[spec.step].entrypoint], cwd: WORK_DIR }]),
  );
  const stateDir = join(WORK_DIR, `state-${process.pid}`);
  // The jobs run in the images' file systems (their own /tmp, writable, as the image's user), which
  // is this tool's stand-in for a container; bubblewrap's read-only root would make those read-only.
  const stack = await startLocalStack({ stateDir, port: 0, quiet: true, imageTable, batch: { sandbox: false } });
  const batch = new BatchClient({ endpoint: stack.endpoint, region: stack.region, credentials: stack.credentials });
  const started = Date.now();
  try {
    const { outputs } = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials });
    const { jobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 'images-plan',
        jobQueue: outputs.CfnOutputPlanJobQueue,
        jobDefinition: outputs.CfnOutputPlanJobDefinition,
        containerOverrides: {
          environment: [
            { name: 'TOTAL_FRAMES', value: String(RENDER.totalFrames) },
            { name: 'FRAMES_PER_RENDER_JOB', value: String(RENDER.framesPerRenderJob) },
            { name: 'WIDTH', value: String(RENDER.width) },
            { name: 'HEIGHT', value: String(RENDER.height) },
          ],
        },
      }),
    );
    const runId = `run-${jobId}`;
    log(`submitted plan ${jobId}; run ${runId}`);
    const store = RunStore.fromEnv({ ...localEndpointEnvironment(stack.endpoint, stack.region, stack.credentials), FRAMEFARM_BUCKET: LOCAL_RESOURCES.bucket, FRAMEFARM_TABLE: LOCAL_RESOURCES.table });
    await expectSucceeded(batch, [jobId!], 'plan');
    const planned = await store.records.getRun(runId);
    if (!planned?.renderJobId || !planned.encodeJobId) throw new Error(`plan recorded no render or encode job: ${JSON.stringify(planned)}`);
    await expectSucceeded(batch, [planned.renderJobId, planned.encodeJobId], 'render and encode');
    const record = await store.records.getRun(runId);
    if (record?.status !== 'SUCCEEDED' || !record.video) throw new Error(`run ${runId} ended ${record?.status}`);
    const video = join(stateDir, 'video.mp4');
    await store.objects.downloadFile(record.video.key, video);
    const probe = await probeVideo(video);
    if (probe.frames !== RENDER.totalFrames || probe.width !== RENDER.width || probe.height !== RENDER.height) {
      throw new Error(`the video has ${probe.frames} frames of ${probe.width}×${probe.height}, not ${RENDER.totalFrames} of ${RENDER.width}×${RENDER.height}`);
    }
    return { runId, seconds: (Date.now() - started) / 1000 };
  } finally {
    batch.destroy();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

async function expectSucceeded(batch: BatchClient, jobIds: string[], what: string): Promise<void> {
  const result = await waitForJobs(batch, jobIds, { pollIntervalMs: 500 });
  if (result.succeeded) return;
  const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: jobIds }));
  const reasons = (jobs ?? []).map((job) => `${job.jobName} ${job.status}: ${job.statusReason ?? ''}`).join('; ');
  throw new Error(`${what} did not succeed in the images: ${reasons} (framefarm logs shows the jobs' output)`);
}
