import { allJobSpecs, jobDefinitionEnvironment, jobSpec, STEPS, toolThreads } from './index';

describe('job specs', () => {
  it('names one queue and one definition per step with the quick start output names', () => {
    const specs = allJobSpecs();
    expect(specs.map((s) => s.step)).toEqual([...STEPS]);
    expect(jobSpec('plan').outputs).toEqual({
      jobQueue: 'CfnOutputPlanJobQueue',
      jobDefinition: 'CfnOutputPlanJobDefinition',
    });
    expect(new Set(specs.map((s) => s.jobQueueName)).size).toBe(3);
  });

  it('retries host loss and exits on application errors, first matching rule first', () => {
    const rules = jobSpec('render').retryRules;
    expect(rules[0]).toEqual({ action: 'RETRY', onStatusReason: 'Host EC2*' });
    expect(rules).toContainEqual({ action: 'RETRY', onStatusReason: 'Task failed to start*' });
    expect(rules).toContainEqual({ action: 'RETRY', onExitCode: '137' });
    expect(rules).toContainEqual({ action: 'RETRY', onExitCode: '143' });
    expect(rules[rules.length - 1]).toEqual({ action: 'EXIT', onReason: '*' });
    expect(rules.length).toBeLessThanOrEqual(5);
  });

  it('gives every job the resource names it needs', () => {
    const env = jobDefinitionEnvironment({ bucket: 'b', table: 't', prefix: 'ff' });
    expect(env).toMatchObject({ FRAMEFARM_BUCKET: 'b', RENDER_JOB_QUEUE: 'ff-render', ENCODE_JOB_DEFINITION: 'ff-encode' });
  });

  it("runs a job's tools with as many threads as the job has whole vCPUs, at least one", () => {
    for (const spec of allJobSpecs()) expect(toolThreads(spec.step)).toBe(Math.max(1, Math.floor(spec.vcpus)));
    expect(jobSpec('plan').vcpus).toBeLessThan(1);
    expect(toolThreads('plan')).toBe(1);
  });

  it('has glibc give the jobs huge pages for their heap', () => {
    expect(jobDefinitionEnvironment({ bucket: 'b', table: 't' }).GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=1');
  });
});
