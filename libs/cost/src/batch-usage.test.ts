import { BatchClient, DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand, type JobDetail } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { attemptUsagesOf, jobSizeOf, UnknownJobSizeError } from './batch-usage';
import type { ComputeOffer } from './compute-offer';
import { queueOffers } from './queue-offers';

const OFFER: ComputeOffer = { platform: 'ec2', purchase: 'spot', instanceTypes: ['c6i.large'] };
const RESOURCES = [
  { type: 'VCPU' as const, value: '1' },
  { type: 'MEMORY' as const, value: '2048' },
];

/** JobDetail as DescribeJobs returns it (trimmed to the fields the cost reads). */
const job = (over: Partial<JobDetail>): JobDetail => ({
  jobName: 'render',
  jobId: 'a1:0',
  jobQueue: 'arn:aws:batch:us-east-1:123456789012:job-queue/framefarm-render',
  status: 'SUCCEEDED',
  startedAt: 1_000,
  jobDefinition: 'arn:aws:batch:us-east-1:123456789012:job-definition/framefarm-render:1',
  container: { resourceRequirements: RESOURCES },
  ...over,
} as JobDetail);

describe('jobSizeOf', () => {
  it('reads resourceRequirements, then the legacy fields', () => {
    expect(jobSizeOf(job({}))).toEqual({ vcpus: 1, memoryMiB: 2048 });
    expect(jobSizeOf(job({ container: { vcpus: 2, memory: 512 } }))).toEqual({ vcpus: 2, memoryMiB: 512 });
    expect(() => jobSizeOf(job({ container: {} }))).toThrow(UnknownJobSizeError);
  });
});

describe('attemptUsagesOf', () => {
  it('keeps a failed attempt apart from the retry that succeeded', () => {
    const usages = attemptUsagesOf(
      job({
        startedAt: 5_000,
        stoppedAt: 9_000,
        attempts: [
          { startedAt: 1_000, stoppedAt: 3_000, container: { exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' } },
          { startedAt: 5_000, stoppedAt: 9_000, container: { exitCode: 0 } },
        ],
      }),
      'render',
      OFFER,
    );
    expect(usages.map((u) => [u.outcome, u.startedAt, u.stoppedAt])).toEqual([
      ['failed', 1_000, 3_000],
      ['succeeded', 5_000, 9_000],
    ]);
  });

  it('adds the attempt running now, which attempts[] does not list yet', () => {
    const usages = attemptUsagesOf(
      job({ status: 'RUNNING', startedAt: 5_000, attempts: [{ startedAt: 1_000, stoppedAt: 3_000, container: { exitCode: 1 } }] }),
      'render',
      OFFER,
    );
    expect(usages.map((u) => [u.outcome, u.startedAt, u.stoppedAt])).toEqual([
      ['failed', 1_000, 3_000],
      ['running', 5_000, undefined],
    ]);
  });

  it('costs nothing for a job that never started', () => {
    expect(attemptUsagesOf(job({ status: 'RUNNABLE', startedAt: undefined }), 'render', OFFER)).toEqual([]);
  });
});

describe('queueOffers', () => {
  it('prices each queue at its first compute environment, by name and by ARN', async () => {
    const batch = mockClient(BatchClient);
    const queueArn = 'arn:aws:batch:us-east-1:123456789012:job-queue/framefarm-render';
    batch.on(DescribeJobQueuesCommand).resolves({
      jobQueues: [
        {
          jobQueueName: 'framefarm-render',
          jobQueueArn: queueArn,
          state: 'ENABLED',
          priority: 10,
          computeEnvironmentOrder: [
            { order: 2, computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/OnDemand' },
            { order: 1, computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/Spot' },
          ],
        },
      ],
    });
    batch.on(DescribeComputeEnvironmentsCommand).resolves({
      computeEnvironments: [
        {
          computeEnvironmentName: 'Spot',
          computeEnvironmentArn: 'arn:aws:batch:us-east-1:123456789012:compute-environment/Spot',
          ecsClusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/Spot',
          computeResources: { type: 'SPOT', maxvCpus: 64, subnets: [], instanceTypes: ['c6i.large', 'm6i.large'] },
        },
      ],
    });
    const offers = await queueOffers(new BatchClient({ region: 'us-east-1' }), ['framefarm-render']);
    const expected: ComputeOffer = { platform: 'ec2', purchase: 'spot', instanceTypes: ['c6i.large', 'm6i.large'] };
    expect(offers.get('framefarm-render')).toEqual(expected);
    expect(offers.get(queueArn)).toEqual(expected);
    expect(batch.commandCalls(DescribeComputeEnvironmentsCommand)[0].args[0].input.computeEnvironments).toEqual([
      'arn:aws:batch:us-east-1:123456789012:compute-environment/Spot',
    ]);
    batch.restore();
  });
});
