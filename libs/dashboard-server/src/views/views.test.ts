import type { JobDetail } from '@aws-sdk/client-batch';
import { jobView } from './job-view';
import { MASK, maskEnvironment } from './mask-environment';
import { queueView } from './queue-view';

describe('maskEnvironment', () => {
  it('hides every value whose name says it is a credential, and keeps the rest', () => {
    const shown = maskEnvironment([
      { name: 'TOTAL_FRAMES', value: '120' },
      { name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalr' },
      { name: 'AWS_ACCESS_KEY_ID', value: 'AKIA' },
      { name: 'AWS_SESSION_TOKEN', value: 'tok' },
      { name: 'MY_API_KEY', value: 'k' },
      { name: 'DB_PASSWORD', value: 'p' },
      { name: 'GITHUB_TOKEN', value: 'g' },
      { name: 'RUN_ID', value: 'run-1' },
    ]);
    expect(shown.filter((e) => !e.masked).map((e) => [e.name, e.value])).toEqual([
      ['RUN_ID', 'run-1'],
      ['TOTAL_FRAMES', '120'],
    ]);
    expect(shown.filter((e) => e.masked).every((e) => e.value === MASK)).toBe(true);
    expect(JSON.stringify(shown)).not.toMatch(/wJalr|AKIA|tok"|"k"|"p"|"g"/);
  });
});

describe('jobView', () => {
  it('names an array child by its index and lists its attempts', () => {
    const job = {
      jobName: 'render',
      jobId: 'abc:3',
      jobQueue: 'arn:aws:batch:us-east-1:1:job-queue/framefarm-render',
      jobDefinition: 'arn:aws:batch:us-east-1:1:job-definition/framefarm-render:2',
      status: 'RUNNING',
      createdAt: 1,
      startedAt: 50,
      arrayProperties: { index: 3 },
      attempts: [{ startedAt: 10, stoppedAt: 20, container: { exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' } }],
      container: { environment: [{ name: 'AWS_SESSION_TOKEN', value: 'x' }] },
    } as JobDetail;
    const view = jobView(job, 'render', 'run-1');
    expect(view).toMatchObject({ jobName: 'render:3', jobQueue: 'framefarm-render', jobDefinition: 'framefarm-render:2', arrayIndex: 3, runId: 'run-1' });
    expect(view.attempts.map((a) => a.outcome)).toEqual(['failed', 'running']);
    expect(view.environment).toEqual([{ name: 'AWS_SESSION_TOKEN', value: MASK, masked: true }]);
  });
});

describe('queueView', () => {
  it('orders compute environments as the queue does and says why jobs wait', () => {
    const view = queueView(
      {
        jobQueueName: 'framefarm-render',
        jobQueueArn: 'arn:q',
        state: 'ENABLED',
        priority: 10,
        computeEnvironmentOrder: [
          { order: 2, computeEnvironment: 'arn:ce/OnDemand' },
          { order: 1, computeEnvironment: 'arn:ce/Spot' },
        ],
      },
      [
        { computeEnvironmentName: 'OnDemand', computeEnvironmentArn: 'arn:ce/OnDemand', ecsClusterArn: '', state: 'ENABLED', computeResources: { type: 'EC2', maxvCpus: 8, subnets: [] } },
        { computeEnvironmentName: 'Spot', computeEnvironmentArn: 'arn:ce/Spot', ecsClusterArn: '', state: 'ENABLED', computeResources: { type: 'SPOT', maxvCpus: 16, subnets: [], instanceTypes: ['c6i.large'] } },
      ],
      {
        RUNNING: [{ jobId: 'a:0', jobName: 'render', status: 'RUNNING', arrayProperties: { index: 0 } }],
        RUNNABLE: [
          { jobId: 'a:1', jobName: 'render', status: 'RUNNABLE', arrayProperties: { index: 1 } },
          { jobId: 'b', jobName: 'odd', status: 'RUNNABLE', statusReason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.' },
        ],
        PENDING: [
          { jobId: 'c', jobName: 'encode', status: 'PENDING' },
          { jobId: 'arr', jobName: 'render', status: 'PENDING', arrayProperties: { size: 4 } },
        ],
      },
      new Map([['arr', { RUNNABLE: 3, RUNNING: 1 }]]),
    );
    expect(view.computeEnvironments.map((ce) => [ce.name, ce.type])).toEqual([
      ['Spot', 'SPOT'],
      ['OnDemand', 'EC2'],
    ]);
    expect(view.counts).toEqual({ RUNNING: 1, RUNNABLE: 2, PENDING: 2 });
    expect(view.running.map((j) => j.jobName)).toEqual(['render:0']);
    expect(view.waiting.map((j) => [j.jobName, j.reason])).toEqual([
      ['encode', 'waiting for the jobs it depends on'],
      ['render', 'array of 4: 3 waiting for capacity (1 job(s) running, up to 24 vCPUs in Spot, OnDemand), 1 running'],
      ['render:1', 'waiting for capacity (1 job(s) running, up to 24 vCPUs in Spot, OnDemand)'],
      ['odd', expect.stringMatching(/^MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT/)],
    ]);
  });

  it('says so when every compute environment of the queue is disabled', () => {
    const view = queueView(
      { jobQueueName: 'q', jobQueueArn: 'arn:q', state: 'ENABLED', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'held' }] },
      [{ computeEnvironmentName: 'held', computeEnvironmentArn: 'arn:ce/held', ecsClusterArn: '', state: 'DISABLED', computeResources: { type: 'SPOT', maxvCpus: 2, subnets: [] } }],
      { RUNNABLE: [{ jobId: 'j', jobName: 'render', status: 'RUNNABLE' }] },
    );
    expect(view.waiting[0].reason).toBe('waiting for capacity (every compute environment of the queue is disabled: held)');
  });

  it('counts the capacity `framefarm submit` splits over: disabled environments run nothing, unmanaged ones their unmanagedvCpus', () => {
    const view = queueView(
      {
        jobQueueName: 'q',
        jobQueueArn: 'arn:q',
        state: 'ENABLED',
        priority: 1,
        computeEnvironmentOrder: [
          { order: 1, computeEnvironment: 'spot' },
          { order: 2, computeEnvironment: 'held' },
          { order: 3, computeEnvironment: 'mine' },
        ],
      },
      [
        { computeEnvironmentName: 'spot', computeEnvironmentArn: 'arn:ce/spot', ecsClusterArn: '', type: 'MANAGED', state: 'ENABLED', computeResources: { type: 'SPOT', maxvCpus: 8, subnets: [] } },
        { computeEnvironmentName: 'held', computeEnvironmentArn: 'arn:ce/held', ecsClusterArn: '', type: 'MANAGED', state: 'DISABLED', computeResources: { type: 'EC2', maxvCpus: 256, subnets: [] } },
        { computeEnvironmentName: 'mine', computeEnvironmentArn: 'arn:ce/mine', ecsClusterArn: '', type: 'UNMANAGED', state: 'ENABLED', unmanagedvCpus: 4 },
      ],
      { RUNNABLE: [{ jobId: 'j', jobName: 'render', status: 'RUNNABLE' }] },
    );
    expect(view.waiting[0].reason).toBe('waiting for capacity (0 job(s) running, up to 12 vCPUs in spot, mine)');
    expect(view.computeEnvironments.map((ce) => [ce.name, ce.maxvCpus])).toEqual([
      ['spot', 8],
      ['held', 256],
      ['mine', 4],
    ]);
  });
});
