import { planChunks } from '@framefarm/job-specs';
import { InvalidEnvironmentError, RunConflictError, type RunSettings, type RunStore } from '@framefarm/run-store';
import { planRun } from '../src/lambda/plan-run';

const now = new Date('2026-03-04T05:06:07.890Z');

/** Records what the function asked to store; plans the chunks as RunStore.recordPlan does. */
function fakeStore(fail?: Error) {
  const calls: { settings: RunSettings; startedAt: Date }[] = [];
  const store = {
    async recordPlan(settings: RunSettings, options: { startedAt: Date }) {
      if (fail) throw fail;
      calls.push({ settings, startedAt: options.startedAt });
      return { manifest: { chunks: planChunks(settings.totalFrames, settings.framesPerRenderJob) }, record: {}, created: true };
    },
  } as unknown as Pick<RunStore, 'recordPlan'>;
  return { store, calls };
}

const env = (out: { environment: { Name: string; Value: string }[] }) =>
  Object.fromEntries(out.environment.map((e) => [e.Name, e.Value]));

describe('Step Functions plan step', () => {
  it('records the run and plans a render array with the quick start numbers', async () => {
    const { store, calls } = fakeStore();
    const out = await planRun({ totalFrames: 120, framesPerRenderJob: 30 }, store, now);
    expect(out).toMatchObject({ chunkCount: 4, arraySize: 4, isArray: true });
    expect(out.runId).toMatch(/^sfn-20260304-050607-[0-9a-f]{6}$/);
    expect(calls).toEqual([{ settings: expect.objectContaining({ runId: out.runId, totalFrames: 120, framesPerRenderJob: 30 }), startedAt: now }]);
    // Every setting travels to render and encode, defaults included, as the plan job sends them.
    expect(env(out)).toMatchObject({ RUN_ID: out.runId, TOTAL_FRAMES: '120', FRAMES_PER_RENDER_JOB: '30', SKETCH: 'aurora', WIDTH: '1280' });
  });

  it('runs a single chunk as one job: Batch arrays start at 2', async () => {
    const out = await planRun({ totalFrames: 10, framesPerRenderJob: 30, runId: 'demo' }, fakeStore().store, now);
    expect(out).toMatchObject({ runId: 'demo', chunkCount: 1, isArray: false });
  });

  it('accepts numbers as strings and passes the chosen settings on', async () => {
    const out = await planRun({ totalFrames: '61', framesPerRenderJob: '20', sketch: 'orbits', fps: 24, seed: 's1' }, fakeStore().store, now);
    expect(out.arraySize).toBe(4);
    expect(env(out)).toMatchObject({ SKETCH: 'orbits', FPS: '24', SEED: 's1' });
  });

  it('rejects input the plan job would reject, before recording anything', async () => {
    const { store, calls } = fakeStore();
    await expect(planRun({ totalFrames: 'lots', framesPerRenderJob: 30 }, store)).rejects.toThrow(InvalidEnvironmentError);
    await expect(planRun({ framesPerRenderJob: 30 }, store)).rejects.toThrow(/TOTAL_FRAMES is required/);
    await expect(planRun({ totalFrames: 20_001, framesPerRenderJob: 2 }, store)).rejects.toThrow(/at most 10000/);
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: 5, runId: 'no spaces' }, store)).rejects.toThrow(/RUN_ID/);
    expect(calls).toEqual([]);
  });

  it('fails the execution when the run id was planned with other settings', async () => {
    const conflict = new RunConflictError('run demo was planned before with other settings');
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: 5, runId: 'demo' }, fakeStore(conflict).store)).rejects.toBe(conflict);
  });
});
