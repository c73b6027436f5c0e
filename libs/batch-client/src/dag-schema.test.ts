import { parseDag } from './dag-schema';
import { InvalidDagError } from './errors';

describe('parseDag', () => {
  it('accepts a workflow and normalises values a YAML file gives as numbers', () => {
    const dag = parseDag({
      name: 'w',
      defaults: { queue: 'q', definition: 'd', environment: { TOTAL_FRAMES: 120 }, retry: { attempts: 2, evaluateOnExit: [{ action: 'retry', onExitCode: '137' }] } },
      jobs: { a: { arraySize: 3 }, b: { dependsOn: ['a', { job: 'a', type: 'N_TO_N' }] } },
    });
    expect(dag.defaults?.environment).toEqual({ TOTAL_FRAMES: '120' });
    expect(dag.defaults?.retry?.evaluateOnExit).toEqual([{ action: 'RETRY', onExitCode: '137' }]);
  });

  it.each([
    [{ jobs: { a: {} } }, 'name', /^name: /],
    [{ name: 'w', jobs: {} }, 'jobs', /at least one job/],
    [{ name: 'w', jobs: { a: { arraySize: 0 } } }, 'jobs.a.arraySize', 'jobs.a.arraySize: Too small: expected number to be >=1'],
    [{ name: 'w', jobs: { a: { dependsOn: [{ job: 'b', type: 'ALL' }] } } }, 'jobs.a.dependsOn[0]', /jobs\.a\.dependsOn\[0\]/],
    [{ name: 'w', jobs: { a: { comand: ['x'] } } }, 'jobs.a', 'jobs.a: Unrecognized key: "comand"'],
    [{ name: 'w', jobs: { 'bad name': {} } }, 'jobs.bad name', /letter or digit/],
    [{ name: 'w', jobs: { a: { retry: { attempts: 11 } } } }, 'jobs.a.retry.attempts', 'jobs.a.retry.attempts: Too big: expected number to be <=10'],
    // The schema library's own messages, in English.
    [{ name: 'x'.repeat(101), jobs: { a: {} } }, 'name', 'name: Too big: expected string to have <=100 characters'],
    [{ name: 'w', jobs: { a: { timeoutSeconds: '60' } } }, 'jobs.a.timeoutSeconds', 'jobs.a.timeoutSeconds: Invalid input: expected number, received string'],
  ])('rejects %p naming %s', (input, field, message) => {
    expect(() => parseDag(input)).toThrow(InvalidDagError);
    expect(() => parseDag(input)).toThrow(message);
    expect(() => parseDag(input)).toThrow(expect.objectContaining({ field }));
  });
});
