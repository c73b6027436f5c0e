import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterJob, nToN, sequential } from './dependencies';
import { InvalidJobSpecError, UnexpectedBatchResponseError } from './errors';
import { submitJob, toSubmitJobInput } from './submit-job';

const batch = mockClient(BatchClient);
const client = new BatchClient({ region: 'us-east-1' });


beforeEach(() => batch.reset());

describe('toSubmitJobInput', () => {
  it('turns the environment record into container overrides and leaves size 1 a plain job', () => {
    const input = toSubmitJobInput({
      name: 'plan-1',
      queue: 'framefarm-plan',
      definition: 'framefarm-plan:3',
      arraySize: 1,
      environment: { TOTAL_FRAMES: '120', FRAMES_PER_RENDER_JOB: '30' },
      command: ['node', 'main.js'],
      parameters: { sketch: 'waves' },
      timeoutSeconds: 600,
      retry: { attempts: 3, evaluateOnExit: [{ action: 'RETRY', onStatusReason: 'Host EC2*' }] },
      tags: { team: 'render' },
      propagateTags: true,
    });
    expect(input).toEqual({
      jobName: 'plan-1',
      jobQueue: 'framefarm-plan',
      jobDefinition: 'framefarm-plan:3',
      containerOverrides: {
        environment: [
          { name: 'TOTAL_FRAMES', value: '120' },
          { name: 'FRAMES_PER_RENDER_JOB', value: '30' },
        ],
        command: ['node', 'main.js'],
      },
      parameters: { sketch: 'waves' },
      timeout: { attemptDurationSeconds: 600 },
      retryStrategy: { attempts: 3, evaluateOnExit: [{ action: 'RETRY', onStatusReason: 'Host EC2*' }] },
      tags: { team: 'render' },
      propagateTags: true,
    });
  });

  it('submits an array job with its dependencies', () => {
    const input = toSubmitJobInput({
      name: 'render',
      queue: 'q',
      definition: 'd',
      arraySize: 4,
      dependsOn: [afterJob('plan-id'), nToN('prep-id'), sequential()],
    });
    expect(input.arrayProperties).toEqual({ size: 4 });
    expect(input.dependsOn).toEqual([{ jobId: 'plan-id' }, { jobId: 'prep-id', type: 'N_TO_N' }, { type: 'SEQUENTIAL' }]);
    expect(input.containerOverrides).toBeUndefined();
  });

  it.each([
    [{ name: '' }, /1 to 128 characters/],
    [{ name: 'x'.repeat(129) }, /1 to 128 characters/],
    [{ name: '-plan' }, /start with a letter or digit/],
    [{ name: 'plan job' }, /start with a letter or digit/],
    [{ arraySize: 0 }, /arraySize must be a whole number from 1 to 10000, got 0/],
    [{ arraySize: 10_001 }, /got 10001/],
    [{ arraySize: 2.5 }, /got 2.5/],
    [{ environment: { AWS_BATCH_JOB_ID: 'x' } }, /AWS_BATCH_JOB_ID.*reserves/],
    [{ dependsOn: Array.from({ length: 21 }, (_, i) => afterJob(`j${i}`)) }, /21 dependencies.*at most 20.*submitDag/],
    [{ dependsOn: [sequential()] }, /SEQUENTIAL dependency needs an array job/],
    [{ dependsOn: [nToN('a')] }, /N_TO_N dependency needs an array job/],
    [{ retry: { attempts: 11 } }, /retry.attempts must be 1 to 10/],
    [{ queue: '' }, /has no queue/],
  ])('rejects %p before sending anything', async (override, message) => {
    const spec = { name: 'job', queue: 'q', definition: 'd', ...override };
    expect(() => toSubmitJobInput(spec)).toThrow(InvalidJobSpecError);
    expect(() => toSubmitJobInput(spec)).toThrow(message);
    await expect(submitJob(client, spec)).rejects.toThrow(InvalidJobSpecError);
    expect(batch.calls()).toHaveLength(0);
  });
});

describe('submitJob', () => {
  it('returns the new job id', async () => {
    batch.on(SubmitJobCommand).resolves({ jobId: 'id-1', jobName: 'job', jobArn: 'arn:aws:batch:us-east-1:1:job/id-1' });
    await expect(submitJob(client, { name: 'job', queue: 'q', definition: 'd' })).resolves.toEqual({
      jobId: 'id-1',
      jobName: 'job',
      jobArn: 'arn:aws:batch:us-east-1:1:job/id-1',
    });
    expect(batch.commandCalls(SubmitJobCommand)[0].args[0].input).toEqual({ jobName: 'job', jobQueue: 'q', jobDefinition: 'd' });
  });

  it('refuses an answer without a job id', async () => {
    batch.on(SubmitJobCommand).resolves({ jobName: 'job', jobId: undefined });
    await expect(submitJob(client, { name: 'job', queue: 'q', definition: 'd' })).rejects.toThrow(UnexpectedBatchResponseError);
  });
});
