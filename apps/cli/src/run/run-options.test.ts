import { RUN_SETTINGS_DEFAULTS } from '@framefarm/run-store';
import { UsageError } from '../errors';
import { BAD_SETTINGS, GOOD_SETTINGS_TEXT } from '@framefarm/run-store/testing';
import { checkRunFlags, parseRunRequest, RUN_SETTING_FLAGS, RunFlags } from './run-options';

describe('parseRunRequest', () => {
  it('fills in the default demo', () => {
    const request = parseRunRequest({ runId: 'demo-1' });
    expect(request).toEqual({
      runId: 'demo-1',
      sketch: RUN_SETTINGS_DEFAULTS.sketch,
      totalFrames: 120,
      framesPerRenderJob: 30,
      width: 1280,
      height: 720,
      fps: 30,
    });
  });

  it("takes the sketch's own settings when no flag is given, in 4 render jobs", () => {
    const request = parseRunRequest({ runId: 'mine', sketch: 'x.ts', width: '320' }, { width: 640, height: 360, fps: 24, frames: 150 });
    expect(request).toMatchObject({ width: 320, height: 360, fps: 24, totalFrames: 150, framesPerRenderJob: 38 });
  });

  it('takes a frame time limit only when given, for plan to pass on', () => {
    expect(parseRunRequest({ runId: 'slow', frameTimeout: '5' }).frameTimeoutSeconds).toBe(5);
    expect(parseRunRequest({ runId: 'slow' })).not.toHaveProperty('frameTimeoutSeconds');
  });

  it.each([
    [{ frames: 'ten' }, '--frames must be a whole number (got "ten")'],
    [{ frames: '0' }, '--frames must be at least 1'],
    [{ frames: '0x10' }, '--frames must be a whole number (got "0x10")'],
    [{ frames: '1e2' }, '--frames must be a whole number (got "1e2")'],
    [{ framesPerJob: '2.5' }, '--frames-per-job must be a whole number'],
    [{ width: '321' }, '--width must be even'],
    [{ fps: '200' }, '--fps must be at most 120'],
    [{ height: '6000' }, '--height must be at most 4320'],
    [{ runId: 'bad id!' }, '--run-id must be 1–64 letters, digits, - or _'],
    [{ runId: 'r'.repeat(65) }, '--run-id must be 1–64 letters'],
    [{ frames: '30000', framesPerJob: '1' }, 'at most 10000. Raise --frames-per-job'],
    [{ seed: '' }, '--seed must not be empty'],
    [{ frameTimeout: '0' }, '--frame-timeout must be at least 1 (got "0")'],
  ])('rejects %p with a message naming the flag', (flags, message) => {
    expect(() => parseRunRequest({ runId: 'ok-run', ...flags })).toThrow(UsageError);
    expect(() => parseRunRequest({ runId: 'ok-run', ...flags })).toThrow(message);
  });
});

describe('checkRunFlags', () => {
  it.each([
    [{ frames: '0' }, '--frames must be at least 1 (got "0")'],
    [{ width: '321' }, '--width must be even'],
    [{ fps: '0' }, '--fps must be at least 1'],
    [{ frameTimeout: '0' }, '--frame-timeout must be at least 1 (got "0")'],
    [{ runId: 'bad id!' }, '--run-id must be 1–64 letters, digits, - or _'],
    [{ frames: '30000', framesPerJob: '1' }, 'at most 10000. Raise --frames-per-job'],
  ])('rejects %p as parseRunRequest does, without the sketch', (flags, message) => {
    expect(() => checkRunFlags(flags)).toThrow(UsageError);
    expect(() => checkRunFlags(flags)).toThrow(message);
  });

  it('leaves what combines with the sketch to parseRunRequest', () => {
    expect(() => checkRunFlags({})).not.toThrow();
    // One frame a job is fine for the default frames, not for the 30,000 a sketch may declare.
    expect(() => checkRunFlags({ framesPerJob: '1' })).not.toThrow();
    expect(() => parseRunRequest({ runId: 'r', framesPerJob: '1' }, { frames: 30_000 })).toThrow('at most 10000. Raise --frames-per-job');
  });
});

describe('the run flags follow the one definition of the run settings', () => {
  const flagOf = { runId: 'runId', sketch: 'sketch', seed: 'seed', width: 'width', height: 'height', fps: 'fps', totalFrames: 'frames', framesPerRenderJob: 'framesPerJob', frameTimeoutSeconds: 'frameTimeout' } as const;
  const good: RunFlags = Object.fromEntries(Object.entries(GOOD_SETTINGS_TEXT).map(([key, value]) => [flagOf[key as keyof typeof flagOf], value]));

  it.each(BAD_SETTINGS)('refuses $key=$value: $rule', ({ key, value, rule }) => {
    const flags = { ...good, [flagOf[key]]: value };
    expect(() => parseRunRequest(flags)).toThrow(UsageError);
    expect(() => parseRunRequest(flags)).toThrow(`${RUN_SETTING_FLAGS[key]} ${rule}`);
  });
});
