import { InvalidPlanError } from '@framefarm/job-specs';
import { planRun } from '../src/lambda/plan-run';

const now = new Date('2026-03-04T05:06:07.890Z');

describe('Step Functions plan step', () => {
  it('plans an array of render jobs with the quick start numbers', () => {
    const out = planRun({ totalFrames: 120, framesPerRenderJob: 30 }, now);
    expect(out).toMatchObject({ chunkCount: 4, arraySize: 4, isArray: true });
    expect(out.runId).toMatch(/^sfn-20260304-050607-[0-9a-f]{6}$/);
    expect(out.environment).toEqual([
      { Name: 'RUN_ID', Value: out.runId },
      { Name: 'TOTAL_FRAMES', Value: '120' },
      { Name: 'FRAMES_PER_RENDER_JOB', Value: '30' },
    ]);
  });

  it('runs a single chunk as one job: Batch arrays start at 2', () => {
    expect(planRun({ totalFrames: 10, framesPerRenderJob: 30, runId: 'demo' }, now)).toMatchObject({
      runId: 'demo',
      chunkCount: 1,
      isArray: false,
    });
  });

  it('accepts numbers as strings and passes the optional settings on', () => {
    const out = planRun({ totalFrames: '61', framesPerRenderJob: '20', sketch: 'orbits', fps: 30 }, now);
    expect(out.arraySize).toBe(4);
    expect(out.environment).toEqual(
      expect.arrayContaining([
        { Name: 'SKETCH', Value: 'orbits' },
        { Name: 'FPS', Value: '30' },
      ]),
    );
    expect(out.environment.map((e) => e.Name)).not.toContain('WIDTH');
  });

  it('rejects input the plan job would reject, with the same errors', () => {
    expect(() => planRun({ totalFrames: 'lots', framesPerRenderJob: 30 })).toThrow(InvalidPlanError);
    expect(() => planRun({ totalFrames: 100, framesPerRenderJob: 0 })).toThrow(/FRAMES_PER_RENDER_JOB/);
    expect(() => planRun({ totalFrames: 20_001, framesPerRenderJob: 2 })).toThrow(/at most 10000/);
    expect(() => planRun({ totalFrames: 10, framesPerRenderJob: 5, runId: 'no spaces' })).toThrow(/runId/);
  });
});
