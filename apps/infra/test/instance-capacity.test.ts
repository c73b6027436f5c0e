import { allJobSpecs } from '@framefarm/job-specs';
import { FramefarmStack } from '../src/framefarm-stack';
import {
  assertJobsFit,
  containerCapacity,
  ec2Vcpus,
  JobDoesNotFitError,
  UnsupportedInstanceTypeError,
} from '../src/instance-capacity';
import { testApp } from './synth';

describe('instance capacity', () => {
  it('leaves the kernel and ECS agent their share of memory', () => {
    // 4 GiB installed; the m4.large example of the Batch guide registers about 2.5 % less, minus 32 MiB.
    expect(containerCapacity('c6i.large')).toEqual({ vcpus: 2, memoryMiB: 3941 });
    expect(containerCapacity('r6i.xlarge')).toEqual({ vcpus: 4, memoryMiB: 31752 });
  });

  it('reserves whole vCPUs on EC2', () => {
    expect(ec2Vcpus({ vcpus: 0.25 })).toBe(1);
    expect(ec2Vcpus({ vcpus: 2 })).toBe(2);
    expect(ec2Vcpus({ vcpus: 2.5 })).toBe(3);
  });

  it('accepts the job specs on the default instance types', () => {
    expect(() => assertJobsFit(allJobSpecs(), ['c6i.large'])).not.toThrow();
  });

  it('rejects a job that asks for all of an instance\'s installed memory', () => {
    const job = { jobDefinitionName: 'big-render', vcpus: 2, memoryMiB: 4096 };
    expect(() => assertJobsFit([job], ['c6i.large'])).toThrow(JobDoesNotFitError);
    expect(() => assertJobsFit([job], ['c6i.large', 'c6i.xlarge'])).not.toThrow();
  });

  it('needs vCPUs and memory on the same instance type', () => {
    // c6i.2xlarge has the vCPUs, r6i.large the memory; neither has both.
    const job = { jobDefinitionName: 'wide', vcpus: 8, memoryMiB: 16_000 };
    expect(() => assertJobsFit([job], ['c6i.2xlarge', 'r6i.large'])).toThrow(/wide asks for 8 vCPU and 16000 MiB/);
  });

  it('names the instance types it does not know', () => {
    expect(() => assertJobsFit(allJobSpecs(), ['t2.micro'])).toThrow(UnsupportedInstanceTypeError);
    expect(() => assertJobsFit(allJobSpecs(), ['t2.micro'])).toThrow(/"t2.micro" is not in the stack's capacity table/);
    expect(() => assertJobsFit(allJobSpecs(), [])).toThrow(/instanceTypes is empty/);
  });

  it('fails synth with a clear message when a job definition cannot fit', () => {
    const build = () =>
      new FramefarmStack(testApp(), 'TooBig', {
        instanceTypes: ['c6i.large', 'c6i.xlarge'],
        jobSizes: { render: { vcpus: 4, memoryMiB: 16_384 } },
      });
    expect(build).toThrow(JobDoesNotFitError);
    expect(build).toThrow(/framefarm-render asks for 4 vCPU and 16384 MiB.*c6i\.xlarge: 4 vCPU \/ 7914 MiB/);
  });
});
