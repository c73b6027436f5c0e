import type { JobDetail } from '@aws-sdk/client-batch';
import { runReportInput } from './run-report-input';

const job = (jobId: string): JobDetail => ({ jobId, jobName: jobId, jobQueue: '', jobDefinition: 'd', status: 'SUCCEEDED', startedAt: 1 });

describe('runReportInput', () => {
  it("takes the report's run fields from the settings and its jobs by step, the render array apart from its children", async () => {
    const batch = { send: () => Promise.reject(new Error('jobs without a queue need no offer')) };
    const settings = { runId: 'r-1', seed: 's', sketch: 'aurora', width: 320, height: 180, fps: 24, totalFrames: 48, framesPerRenderJob: 12 };
    const jobs = { plan: job('p'), render: job('r'), renderChildren: [job('r:0'), job('r:1')], encode: job('e') };
    const input = await runReportInput(batch, { runId: 'r-1', status: 'FAILED', settings, jobs });
    expect(input.run).toEqual({ runId: 'r-1', status: 'FAILED', sketch: 'aurora', width: 320, height: 180, fps: 24, totalFrames: 48, framesPerRenderJob: 12 });
    expect(input.jobs).toEqual({ plan: jobs.plan, renderArray: jobs.render, renderChildren: jobs.renderChildren, encode: jobs.encode });
    expect(input.cost.totalUsd).toBe(0);
  });
});
