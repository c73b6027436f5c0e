import { frameTimeoutSecondsOf, InvalidEnvironmentError, readRunSettings, RUN_SETTINGS_DEFAULTS, runSettingsEnvironment, settingsHash } from './index';

const base = { RUN_ID: 'r1', TOTAL_FRAMES: '120', FRAMES_PER_RENDER_JOB: '30' };

describe('run settings from the environment', () => {
  it('applies defaults to everything but the frame counts', () => {
    expect(readRunSettings(base)).toEqual({ runId: 'r1', sketch: 'aurora', seed: 'framefarm', width: 1280, height: 720, fps: 30, totalFrames: 120, framesPerRenderJob: 30 });
  });

  it('round-trips through the overrides plan passes to its children', () => {
    const settings = readRunSettings({ ...base, SKETCH: 'truchet', WIDTH: '320', HEIGHT: '180', FPS: '24', SEED: 'abc' });
    expect(readRunSettings(runSettingsEnvironment(settings))).toEqual(settings);
  });

  it('takes a frame time limit, passes it on, and renders the same chunks whatever it is', () => {
    const unset = readRunSettings(base);
    expect(frameTimeoutSecondsOf(unset)).toBe(RUN_SETTINGS_DEFAULTS.frameTimeoutSeconds);
    expect(runSettingsEnvironment(unset)).not.toHaveProperty('FRAME_TIMEOUT_SECONDS');
    const limited = readRunSettings({ ...base, FRAME_TIMEOUT_SECONDS: '5' });
    expect(frameTimeoutSecondsOf(limited)).toBe(5);
    expect(runSettingsEnvironment(limited)).toMatchObject({ FRAME_TIMEOUT_SECONDS: '5' });
    expect(readRunSettings(runSettingsEnvironment(limited))).toEqual(limited);
    // How long to wait is not what is drawn: a run resumes with another limit and keeps its chunks.
    expect(settingsHash(limited)).toBe(settingsHash(unset));
  });

  it('generates the run id only when the caller allows it', () => {
    expect(readRunSettings({ ...base, RUN_ID: '' }, { defaultRunId: () => 'gen-1' }).runId).toBe('gen-1');
    expect(() => readRunSettings({ ...base, RUN_ID: undefined })).toThrow(/RUN_ID is required/);
  });

  it('lists every bad value with what was given', () => {
    let error: unknown;
    try {
      readRunSettings({ RUN_ID: 'bad id!', TOTAL_FRAMES: 'ten', FRAMES_PER_RENDER_JOB: '0', WIDTH: '321', FPS: '1000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const { problems, name } = error as InvalidEnvironmentError;
    expect(name).toBe('InvalidEnvironmentError');
    expect(problems).toEqual([
      'RUN_ID must be 1–64 letters, digits, - or _, starting with a letter or digit (got "bad id!")',
      'WIDTH must be even (H.264 yuv420p needs even sizes) (got "321")',
      'FPS must be at most 120 (got "1000")',
      'TOTAL_FRAMES must be a whole number (got "ten")',
      'FRAMES_PER_RENDER_JOB must be at least 1 (got "0")',
    ]);
  });

  it('refuses plans that need more than 10,000 render jobs', () => {
    expect(() => readRunSettings({ ...base, TOTAL_FRAMES: '20001', FRAMES_PER_RENDER_JOB: '2' })).toThrow(/Raise FRAMES_PER_RENDER_JOB/);
  });
});
