import { BatchClient, CancelJobCommand, SubmitJobCommand, SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import type { Dag, DagJob } from './dag';
import { planDag } from './dag-plan';
import { DagSubmissionError, InvalidDagError } from './errors';
import { submitDag } from './submit-dag';

const batch = mockClient(BatchClient);
const client = new BatchClient({ region: 'us-east-1' });

/** The fake Batch names each job's id after its name, so assertions read naturally. */
function acceptAll(): SubmitJobCommandInput[] {
  const inputs: SubmitJobCommandInput[] = [];
  batch.on(SubmitJobCommand).callsFake((input: SubmitJobCommandInput) => {
    inputs.push(input);
    return { jobId: `id-${input.jobName}`, jobName: input.jobName };
  });
  return inputs;
}

const shell = (name: string, extra: DagJob = {}): DagJob => ({ command: ['sh', '-c', `echo ${name}`], ...extra });

const classic: Dag = {
  name: 'classic',
  defaults: { queue: 'framefarm-plan', definition: 'framefarm-shell' },
  jobs: {
    A: shell('A'),
    B: shell('B', { dependsOn: ['A'] }),
    C: shell('C', { dependsOn: ['A'] }),
    D: shell('D', { dependsOn: ['A', 'B'] }),
    E: shell('E', { dependsOn: ['C'] }),
    F: shell('F', { dependsOn: ['D', 'E'] }),
  },
};

function fanIn(count: number, extra: DagJob = {}, leaf: DagJob = {}): Dag {
  const jobs: Record<string, DagJob> = {};
  for (let i = 1; i <= count; i++) jobs[`leaf${i}`] = { ...leaf };
  jobs.join = { dependsOn: Object.keys(jobs), ...extra };
  return { name: 'fan', defaults: { queue: 'q', definition: 'd' }, jobs };
}

/** Every workflow job id that `jobId` waits for, through any number of barrier levels. */
function leavesBehind(jobId: string, inputs: SubmitJobCommandInput[]): string[] {
  const input = inputs.find((i) => `id-${i.jobName}` === jobId);
  if (!input) throw new Error(`no submission for ${jobId}`);
  return (input.dependsOn ?? []).flatMap((d) => (d.jobId?.includes('barrier') ? leavesBehind(d.jobId, inputs) : [d.jobId ?? '']));
}

beforeEach(() => batch.reset());

describe('submitDag', () => {
  it('submits the classic workflow in dependency order with the real ids', async () => {
    const inputs = acceptAll();
    const result = await submitDag(client, classic, { tags: { 'framefarm:workflow': 'wf-1' } });
    expect(result.order).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(result.jobIds).toEqual(Object.fromEntries(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => [n, `id-classic-${n}`])));
    expect(result.barrierJobIds).toEqual({});
    const submittedBefore = (name: string) => inputs.findIndex((i) => i.jobName === `classic-${name}`);
    for (const input of inputs) {
      for (const dep of input.dependsOn ?? []) {
        expect(submittedBefore(dep.jobId!.replace('id-classic-', ''))).toBeLessThan(inputs.indexOf(input));
      }
    }
    expect(inputs[3]).toEqual({
      jobName: 'classic-D',
      jobQueue: 'framefarm-plan',
      jobDefinition: 'framefarm-shell',
      dependsOn: [{ jobId: 'id-classic-A' }, { jobId: 'id-classic-B' }],
      containerOverrides: { command: ['sh', '-c', 'echo D'] },
      tags: { 'framefarm:workflow': 'wf-1' },
    });
  });

  it('passes N_TO_N, SEQUENTIAL and array sizes through', async () => {
    const inputs = acceptAll();
    await submitDag(client, {
      name: 'arrays',
      defaults: { queue: 'q', definition: 'd', environment: { STAGE: 'x' } },
      jobs: {
        render: { arraySize: 4, sequential: true },
        encode: { arraySize: 4, dependsOn: [{ job: 'render', type: 'N_TO_N' }], environment: { STAGE: 'y', MORE: '1' } },
      },
    });
    expect(inputs[0]).toMatchObject({ arrayProperties: { size: 4 }, dependsOn: [{ type: 'SEQUENTIAL' }] });
    expect(inputs[1]).toMatchObject({
      arrayProperties: { size: 4 },
      dependsOn: [{ jobId: 'id-arrays-render', type: 'N_TO_N' }],
      containerOverrides: { environment: [{ name: 'STAGE', value: 'y' }, { name: 'MORE', value: '1' }] },
    });
  });

  it('puts a 45-job fan-in behind three barriers of 15', async () => {
    const inputs = acceptAll();
    const result = await submitDag(client, fanIn(45), { tags: { 'framefarm:workflow': 'wf-2' } });
    const barriers = inputs.filter((i) => i.jobName?.startsWith('fan-join-barrier'));
    expect(barriers.map((b) => b.jobName)).toEqual(['fan-join-barrier1', 'fan-join-barrier2', 'fan-join-barrier3']);
    for (const b of barriers) {
      expect(b).toMatchObject({ jobQueue: 'framefarm-plan', jobDefinition: 'framefarm-shell', containerOverrides: { command: ['true'] }, tags: { 'framefarm:workflow': 'wf-2' } });
      expect(b.dependsOn).toHaveLength(15);
      expect(b.arrayProperties).toBeUndefined();
    }
    const join = inputs[inputs.length - 1];
    expect(join.jobName).toBe('fan-join');
    expect(join.dependsOn).toEqual(barriers.map((b) => ({ jobId: `id-${b.jobName}` })));
    expect(leavesBehind('id-fan-join', inputs).sort()).toEqual(Array.from({ length: 45 }, (_, i) => `id-fan-leaf${i + 1}`).sort());
    expect(Object.keys(result.barrierJobIds)).toEqual(['join#barrier1', 'join#barrier2', 'join#barrier3']);
  });

  it('builds a second barrier level past 400 dependencies, never more than 20 per job', async () => {
    const inputs = acceptAll();
    await submitDag(client, fanIn(401), { barrier: { queue: 'barriers', definition: 'noop', command: ['/bin/true'] } });
    for (const input of inputs) expect((input.dependsOn ?? []).length).toBeLessThanOrEqual(20);
    const barriers = inputs.filter((i) => i.jobName?.includes('barrier'));
    expect(barriers).toHaveLength(21 + 2);
    expect(barriers.every((b) => b.jobQueue === 'barriers' && b.jobDefinition === 'noop')).toBe(true);
    expect(inputs[inputs.length - 1].dependsOn).toHaveLength(2);
    expect(leavesBehind('id-fan-join', inputs)).toHaveLength(401);
  });

  it('keeps N_TO_N through array barriers of the same size, leaving room for SEQUENTIAL', async () => {
    const inputs = acceptAll();
    await submitDag(client, fanIn(20, { arraySize: 3, sequential: true, dependsOn: Array.from({ length: 20 }, (_, i) => ({ job: `leaf${i + 1}`, type: 'N_TO_N' as const })) }, { arraySize: 3 }));
    const join = inputs[inputs.length - 1];
    expect(join.dependsOn).toEqual([{ jobId: 'id-fan-join-barrier1', type: 'N_TO_N' }, { type: 'SEQUENTIAL' }]);
    const barrier = inputs.find((i) => i.jobName === 'fan-join-barrier1');
    expect(barrier?.arrayProperties).toEqual({ size: 3 });
    expect(barrier?.dependsOn).toHaveLength(20);
    expect(barrier?.dependsOn?.every((d) => d.type === 'N_TO_N')).toBe(true);
  });

  it.each<[string, Dag, RegExp, string]>([
    ['a cycle, named', { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: { dependsOn: ['C'] }, B: { dependsOn: ['A'] }, C: { dependsOn: ['B'] } } }, /cycle: A → B → C → A/, 'cycle'],
    ['an unknown name', { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: {}, B: { dependsOn: ['Z'] } } }, /"B" depends on "Z".*jobs\.B\.dependsOn\[0\].*Known jobs: A, B/, 'unknown-dependency'],
    ['a self-dependency', { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: { dependsOn: ['A'] } } }, /depends on itself/, 'self-dependency'],
    [
      'N_TO_N between different sizes',
      { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: { arraySize: 3 }, B: { arraySize: 4, dependsOn: [{ job: 'A', type: 'N_TO_N' }] } } },
      /arraySize 4.*"A" \(arraySize 3\)/,
      'n-to-n-size-mismatch',
    ],
    ['a missing queue', { name: 'w', jobs: { A: { definition: 'd' } } }, /no queue \(jobs\.A\.queue\)/, 'invalid-field'],
    ['a reserved variable', { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: { environment: { AWS_BATCH_X: '1' } } } }, /jobs\.A:.*AWS_BATCH_X/, 'invalid-job'],
    ['sequential without an array', { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: { sequential: true } } }, /sequential but not an array/, 'invalid-field'],
    ['a bad array size', { name: 'w', defaults: { queue: 'q', definition: 'd' }, jobs: { A: { arraySize: 10_001 } } }, /jobs\.A\.arraySize/, 'invalid-field'],
  ])('rejects %s and submits nothing', async (_, dag, message, problem) => {
    acceptAll();
    const failure = submitDag(client, dag);
    await expect(failure).rejects.toThrow(InvalidDagError);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ problem });
    expect(batch.calls()).toHaveLength(0);
  });

  it('cancels what it submitted when a later submission fails, and says what happened', async () => {
    const cancelled: string[] = [];
    batch
      .on(SubmitJobCommand)
      .callsFake((input: SubmitJobCommandInput) => {
        if (input.jobName === 'classic-C') throw Object.assign(new Error('Job queue framefarm-plan is DISABLED'), { name: 'ClientException' });
        return { jobId: `id-${input.jobName}`, jobName: input.jobName };
      })
      .on(CancelJobCommand)
      .callsFake((input: { jobId: string }) => {
        cancelled.push(input.jobId);
        return {};
      });
    const failure = submitDag(client, classic);
    await expect(failure).rejects.toThrow(DagSubmissionError);
    await expect(failure).rejects.toThrow(/submitting "C" failed \(ClientException: Job queue framefarm-plan is DISABLED\).*A=id-classic-A, B=id-classic-B.*cancelled/);
    await expect(failure).rejects.toMatchObject({ submitted: { A: 'id-classic-A', B: 'id-classic-B' } });
    expect(cancelled).toEqual(['id-classic-B', 'id-classic-A']);
  });
});

describe('planDag', () => {
  it('lays out the plan without sending anything, defaults merged into each job', () => {
    const plan = planDag({
      name: 'p',
      defaults: { queue: 'q', definition: 'd', environment: { A: '1' }, tags: { owner: 'me' }, timeoutSeconds: 120 },
      jobs: { one: { environment: { B: '2' }, tags: { step: 'one' } } },
    });
    expect(plan.submissions).toEqual([
      {
        key: 'one',
        kind: 'job',
        spec: { name: 'p-one', queue: 'q', definition: 'd', arraySize: 1, environment: { A: '1', B: '2' }, tags: { owner: 'me', step: 'one' }, timeoutSeconds: 120 },
        dependsOn: [],
        sequential: false,
      },
    ]);
  });
});
