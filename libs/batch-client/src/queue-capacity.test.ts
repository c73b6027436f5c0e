import { BatchClient, DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { jobQueueVcpus } from './queue-capacity';

const batch = mockClient(BatchClient);
const client = new BatchClient({ region: 'us-east-1' });

beforeEach(() => batch.reset());

const queue = (...environments: string[]) =>
  batch.on(DescribeJobQueuesCommand, { jobQueues: ['render'] }).resolves({
    jobQueues: [{ jobQueueName: 'render', jobQueueArn: 'arn:q', priority: 1, state: 'ENABLED', computeEnvironmentOrder: environments.map((computeEnvironment, order) => ({ order, computeEnvironment })) }],
  });

describe('jobQueueVcpus', () => {
  it('adds up the enabled compute environments of the queue, managed by maxvCpus and unmanaged by unmanagedvCpus', async () => {
    queue('spot', 'on-demand', 'mine', 'off');
    batch.on(DescribeComputeEnvironmentsCommand, { computeEnvironments: ['spot', 'on-demand', 'mine', 'off'] }).resolves({
      computeEnvironments: [
        { computeEnvironmentName: 'spot', computeEnvironmentArn: 'arn:1', type: 'MANAGED', state: 'ENABLED', computeResources: { type: 'SPOT', maxvCpus: 64, subnets: [] } },
        { computeEnvironmentName: 'on-demand', computeEnvironmentArn: 'arn:2', type: 'MANAGED', state: 'ENABLED', computeResources: { type: 'EC2', maxvCpus: 16, subnets: [] } },
        { computeEnvironmentName: 'mine', computeEnvironmentArn: 'arn:3', type: 'UNMANAGED', state: 'ENABLED', unmanagedvCpus: 4 },
        { computeEnvironmentName: 'off', computeEnvironmentArn: 'arn:4', type: 'MANAGED', state: 'DISABLED', computeResources: { type: 'EC2', maxvCpus: 256, subnets: [] } },
      ],
    });
    await expect(jobQueueVcpus(client, 'render')).resolves.toBe(84);
  });

  it('says nothing for a queue it does not find, or whose environments give no number', async () => {
    batch.on(DescribeJobQueuesCommand).resolves({ jobQueues: [] });
    await expect(jobQueueVcpus(client, 'render')).resolves.toBeUndefined();
    batch.reset();
    queue('mine');
    batch.on(DescribeComputeEnvironmentsCommand).resolves({ computeEnvironments: [{ computeEnvironmentName: 'mine', computeEnvironmentArn: 'arn:3', type: 'UNMANAGED', state: 'ENABLED' }] });
    await expect(jobQueueVcpus(client, 'render')).resolves.toBeUndefined();
  });
});
