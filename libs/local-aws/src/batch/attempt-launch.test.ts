import { lookupImage, processArgv, processEnvironment, substituteParameters } from './attempt-launch';
import { resourceNeed } from './resources';

describe('attempt launch', () => {
  const table = { 'framefarm/render': { entrypoint: ['node', 'render.js'], cwd: '/app' }, 'host:5000/tool': { entrypoint: ['tool'] } };

  it('finds an image exactly or without its tag, never by a registry port', () => {
    expect(lookupImage(table, 'framefarm/render')?.cwd).toBe('/app');
    expect(lookupImage(table, 'framefarm/render:latest')?.cwd).toBe('/app');
    expect(lookupImage(table, 'host:5000/tool:v1')?.entrypoint).toEqual(['tool']);
    expect(lookupImage(table, 'host:5000/other')).toBeUndefined();
    expect(lookupImage(table, undefined)).toBeUndefined();
  });

  it('prefixes the entrypoint, or runs the command as given for unknown images', () => {
    expect(processArgv(table, 'framefarm/render:1', ['--chunk', '3'])).toEqual({ argv: ['node', 'render.js', '--chunk', '3'], cwd: '/app' });
    expect(processArgv(table, 'alpine', ['sh', '-c', 'true'])).toEqual({ argv: ['sh', '-c', 'true'] });
  });

  it('substitutes Ref:: tokens that have a value', () => {
    expect(substituteParameters(['Ref::a', 'x=Ref::b', 'Ref::zzz'], { a: '1', b: '2' })).toEqual(['1', 'x=2', 'Ref::zzz']);
  });

  it('lets AWS_BATCH_* variables win over everything', () => {
    const env = processEnvironment(
      { jobId: 'j:1', attempt: 2, jobQueueName: 'q', computeEnvironmentName: 'ce', array: { index: 1, size: 4 } },
      { REGION: 'eu', AWS_BATCH_JOB_ID: 'spoofed' },
      [{ name: 'REGION', value: 'us' }],
    );
    expect(env).toMatchObject({ REGION: 'us', AWS_BATCH_JOB_ID: 'j:1', AWS_BATCH_JOB_ATTEMPT: '2', AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '4' });
  });

  it('takes resources from overrides, then resourceRequirements, then legacy fields', () => {
    expect(resourceNeed({ vcpus: 2, memory: 100 }, undefined)).toEqual({ milliVcpus: 2000, memoryMiB: 100 });
    expect(resourceNeed({ vcpus: 2, resourceRequirements: [{ type: 'VCPU', value: '0.25' }] }, undefined)).toEqual({ milliVcpus: 250, memoryMiB: 512 });
    expect(resourceNeed({ vcpus: 2 }, { resourceRequirements: [{ type: 'MEMORY', value: '64' }] })).toEqual({ milliVcpus: 2000, memoryMiB: 64 });
  });
});
