import { PathNode, computeCriticalPath } from './critical-path';

const node = (id: string, createdAt: number, running: Array<[number, number]>, predecessors: PathNode['predecessors'] = []): PathNode => ({
  id,
  createdAt,
  endedAt: running[running.length - 1][1],
  running,
  predecessors,
});

describe('computeCriticalPath', () => {
  it('follows the dependency that finished last, and a submission back to its submitter', () => {
    const path = computeCriticalPath([
      node('plan', 0, [[2, 6]]),
      node('fast', 4, [[5, 10]], [{ id: 'plan', kind: 'submission' }]),
      node('slow', 4, [[5, 20]], [{ id: 'plan', kind: 'submission' }]),
      node('encode', 4, [[22, 30]], [
        { id: 'plan', kind: 'submission' },
        { id: 'fast', kind: 'dependency' },
        { id: 'slow', kind: 'dependency' },
      ]),
    ]);
    expect(path.steps).toEqual([
      // plan counts only until it submitted `slow` (t=4), not to its own end.
      { jobId: 'plan', waitMs: 2, runningMs: 2 },
      { jobId: 'slow', waitMs: 1, runningMs: 15 },
      { jobId: 'encode', waitMs: 2, runningMs: 8 },
    ]);
    expect(path.totalMs).toBe(30);
  });

  it('counts the gap between attempts as waiting', () => {
    const path = computeCriticalPath([node('job', 0, [[1, 3], [7, 10]])]);
    expect(path.steps).toEqual([{ jobId: 'job', waitMs: 5, runningMs: 5 }]);
  });

  it('walks a sequential chain to its start', () => {
    const path = computeCriticalPath([
      node('a', 0, [[0, 5]]),
      node('b', 0, [[6, 9]], [{ id: 'a', kind: 'dependency' }]),
      node('c', 0, [[9, 12]], [{ id: 'b', kind: 'dependency' }]),
    ]);
    expect(path.steps.map((step) => step.jobId)).toEqual(['a', 'b', 'c']);
    expect(path.steps[1]).toEqual({ jobId: 'b', waitMs: 1, runningMs: 3 });
    expect(path.totalMs).toBe(12);
  });

  it('ignores predecessors it was not given and survives cycles', () => {
    const path = computeCriticalPath([
      node('x', 0, [[0, 4]], [{ id: 'y', kind: 'dependency' }, { id: 'ghost', kind: 'dependency' }]),
      node('y', 0, [[0, 2]], [{ id: 'x', kind: 'dependency' }]),
    ]);
    expect(path.steps.map((step) => step.jobId)).toEqual(['y', 'x']);
  });

  it('is empty without jobs', () => {
    expect(computeCriticalPath([])).toEqual({ steps: [], totalMs: 0 });
  });
});
