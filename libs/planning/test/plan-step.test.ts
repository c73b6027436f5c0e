import { planChunks } from '@framefarm/job-specs';
import { InvalidEnvironmentError, RunConflictError, type RunSettings, type RunStore } from '@framefarm/run-store';
import { BAD_SETTINGS, GOOD_SETTINGS_TEXT } from '@framefarm/run-store/testing';
import { planStep as planRun } from '../src';

const now = new Date('2026-03-04T05:06:07.890Z');

/** Records what the function asked to store; plans the chunks as RunStore.recordPlan does. */
function fakeStore(fail?: Error) {
  const calls: { settings: RunSettings; startedAt: Date }[] = [];
  const store = {
    objects: { size: async () => undefined },
    async recordPlan(settings: RunSettings, options: { startedAt: Date }) {
      if (fail) throw fail;
      calls.push({ settings, startedAt: options.startedAt });
      return { manifest: { chunks: planChunks(settings.totalFrames, settings.framesPerRenderJob) }, record: {}, created: true };
    },
  } as unknown as Pick<RunStore, 'recordPlan' | 'objects'>;
  return { store, calls };
}

const env = (out: { environment: { Name: string; Value: string }[] }) =>
  Object.fromEntries(out.environment.map((e) => [e.Name, e.Value]));

describe('Step Functions plan step', () => {
  it('records the run and plans a render array with the quick start numbers', async () => {
    const { store, calls } = fakeStore();
    const out = await planRun({ totalFrames: 120, framesPerRenderJob: 30 }, store, now);
    expect(out).toMatchObject({ chunkCount: 4, arraySize: 4, isArray: true });
    expect(out.runId).toMatch(/^sfn-20260304050607-[0-9a-z]{4}$/);
    expect(calls).toEqual([{ settings: expect.objectContaining({ runId: out.runId, totalFrames: 120, framesPerRenderJob: 30 }), startedAt: now }]);
    // Every setting travels to render and encode, defaults included, as the plan job sends them.
    expect(env(out)).toMatchObject({ RUN_ID: out.runId, TOTAL_FRAMES: '120', FRAMES_PER_RENDER_JOB: '30', SKETCH: 'aurora', WIDTH: '1280' });
  });

  it('runs a single chunk as one job: Batch arrays start at 2', async () => {
    const out = await planRun({ totalFrames: 10, framesPerRenderJob: 30, runId: 'demo' }, fakeStore().store, now);
    expect(out).toMatchObject({ runId: 'demo', chunkCount: 1, isArray: false });
  });

  it('accepts numbers as strings and passes the chosen settings on', async () => {
    const out = await planRun({ totalFrames: '61', framesPerRenderJob: '20', sketch: 'truchet', fps: 24, seed: 's1' }, fakeStore().store, now);
    expect(out.arraySize).toBe(4);
    expect(env(out)).toMatchObject({ SKETCH: 'truchet', FPS: '24', SEED: 's1' });
  });

  it('rejects input the plan job would reject, before recording anything', async () => {
    const { store, calls } = fakeStore();
    await expect(planRun({ totalFrames: 'lots', framesPerRenderJob: 30 }, store)).rejects.toThrow(InvalidEnvironmentError);
    await expect(planRun({ framesPerRenderJob: 30 }, store)).rejects.toThrow(/TOTAL_FRAMES is required/);
    await expect(planRun({ totalFrames: 20_001, framesPerRenderJob: 2 }, store)).rejects.toThrow(/at most 10000/);
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: 5, runId: 'no spaces' }, store)).rejects.toThrow(/RUN_ID/);
    expect(calls).toEqual([]);
  });

  it("checks the sketch as the plan job does, so a mistyped sketch fails here and not in every render job", async () => {
    const { store, calls } = fakeStore();
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: 5, sketch: 'orbits' }, store)).rejects.toThrow(/SKETCH "orbits" is not a built-in sketch/);
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: 5, sketch: `s3://b-1/sketches/${'c'.repeat(64)}.cjs` }, store)).rejects.toThrow(/upload the sketch first/);
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: { many: true } }, store)).rejects.toThrow(/framesPerRenderJob must be a number or a string/);
    expect(calls).toEqual([]);
  });

  it.each(BAD_SETTINGS)('refuses $key=$value as the plan job does: $rule', async ({ key, value, rule }) => {
    const { store, calls } = fakeStore();
    await expect(planRun({ ...GOOD_SETTINGS_TEXT, [key]: value }, store)).rejects.toThrow(rule);
    expect(calls).toEqual([]);
  });

  it('fails the execution when the run id was planned with other settings', async () => {
    const conflict = new RunConflictError('run demo was planned before with other settings');
    await expect(planRun({ totalFrames: 10, framesPerRenderJob: 5, runId: 'demo' }, fakeStore(conflict).store)).rejects.toBe(conflict);
  });
});
