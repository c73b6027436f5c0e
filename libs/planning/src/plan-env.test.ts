import { RUN_SETTING_ENV, RunSettingKey } from '@framefarm/run-store';
import { BAD_SETTINGS, GOOD_SETTINGS_TEXT } from '@framefarm/run-store/testing';
import { jobDefinitionEnvironment } from '@framefarm/job-specs';
import { defaultRunId, readPlanEnv } from './plan-env';

const stack = jobDefinitionEnvironment({ bucket: 'b', table: 't', prefix: 'ff' });
const now = new Date('2026-03-04T05:06:07.890Z');

describe('plan job environment', () => {
  it('accepts the original quick start: only TOTAL_FRAMES and FRAMES_PER_RENDER_JOB', () => {
    const config = readPlanEnv({ ...stack, TOTAL_FRAMES: '120', FRAMES_PER_RENDER_JOB: '30', AWS_BATCH_JOB_ID: '1b2c-3d' }, now);
    expect(config.settings).toEqual({ runId: 'run-1b2c-3d', sketch: 'aurora', seed: 'framefarm', width: 1280, height: 720, fps: 30, totalFrames: 120, framesPerRenderJob: 30 });
    expect(config.targets).toEqual({ renderJobQueue: 'ff-render', renderJobDefinition: 'ff-render', encodeJobQueue: 'ff-encode', encodeJobDefinition: 'ff-encode' });
    expect(config).toMatchObject({ planJobId: '1b2c-3d', runIdGiven: false });
  });

  it('names a run after the plan job so a retried attempt plans the same run', () => {
    expect(defaultRunId({ AWS_BATCH_JOB_ID: 'a1:b2' }, now)).toBe('run-a1-b2');
    // One run-id generator for every entry point (run-store's newRunId): the CLI's format.
    expect(defaultRunId({}, now)).toMatch(/^run-20260304050607-[0-9a-z]{4}$/);
  });

  it('refuses a sketch no render job could load', () => {
    const base = { ...stack, TOTAL_FRAMES: '10', FRAMES_PER_RENDER_JOB: '5' };
    expect(() => readPlanEnv({ ...base, SKETCH: 'auroro' })).toThrow(/SKETCH "auroro" is not a built-in sketch: use one of aurora, flow-field, truchet/);
    expect(() => readPlanEnv({ ...base, SKETCH: './mine.ts' })).toThrow(/neither a built-in sketch name/);
    expect(readPlanEnv({ ...base, SKETCH: `s3://my-bucket/sketches/${'a'.repeat(64)}.cjs` }).settings.sketch).toMatch(/^s3:/);
  });

  it('reports every bad value and every missing target at once', () => {
    expect(() => readPlanEnv({ TOTAL_FRAMES: '-5', FRAMES_PER_RENDER_JOB: '30', HEIGHT: 'tall' }, now)).toThrow(
      'invalid job environment: HEIGHT must be a whole number (got "tall"); TOTAL_FRAMES must be a whole number (got "-5"); ' +
        'RENDER_JOB_QUEUE is required (not set): the plan job definition provides it; RENDER_JOB_DEFINITION is required (not set): the plan job definition provides it; ' +
        'ENCODE_JOB_QUEUE is required (not set): the plan job definition provides it; ENCODE_JOB_DEFINITION is required (not set): the plan job definition provides it',
    );
  });
});

describe('the plan environment follows the one definition of the run settings', () => {
  const good = { ...stack, ...Object.fromEntries(Object.entries(GOOD_SETTINGS_TEXT).map(([key, value]) => [RUN_SETTING_ENV[key as RunSettingKey], value])) };
  it.each(BAD_SETTINGS)('refuses $key=$value: $rule', ({ key, value, rule }) => {
    expect(() => readPlanEnv({ ...good, [RUN_SETTING_ENV[key]]: value }, now)).toThrow(`${RUN_SETTING_ENV[key]} ${rule}`);
  });
});
