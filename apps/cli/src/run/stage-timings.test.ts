import { JobDetail } from '@aws-sdk/client-batch';
import { stageTimings } from './stage-timings';

const job = (over: Partial<JobDetail>): JobDetail =>
  ({ jobId: 'j', jobName: 'j', jobQueue: 'q', jobDefinition: 'd', status: 'SUCCEEDED', ...over }) as JobDetail;

describe('stageTimings', () => {
  it('measures each stage from the first start to the last stop of its jobs', () => {
    const plan = job({ createdAt: 1_000, startedAt: 1_500, stoppedAt: 2_000 });
    const renders = [job({ startedAt: 2_500, stoppedAt: 6_000 }), job({ startedAt: 2_600, stoppedAt: 7_000 })];
    const encode = job({ startedAt: 7_500, stoppedAt: 9_000 });
    expect(stageTimings(plan, renders, encode)).toEqual({ plan: 500, render: 4_500, encode: 1_500, total: 8_000 });
  });

  it('reports zero for stages that never ran', () => {
    const plan = job({ createdAt: 1_000, startedAt: 1_500, stoppedAt: 2_000, status: 'FAILED' });
    expect(stageTimings(plan, [], undefined)).toEqual({ plan: 500, render: 0, encode: 0, total: 1_000 });
  });
});
