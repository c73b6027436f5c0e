import { UsageError } from '../errors';
import { DEMO_DEFAULTS, newRunId, parseRunRequest, RUN_ID_PATTERN } from './run-options';

describe('parseRunRequest', () => {
  it('fills in the default demo', () => {
    const request = parseRunRequest({ runId: 'demo-1' });
    expect(request).toEqual({
      runId: 'demo-1',
      sketch: DEMO_DEFAULTS.sketch,
      totalFrames: 120,
      framesPerJob: 30,
      width: 1280,
      height: 720,
      fps: 30,
    });
  });

  it("takes the sketch's own settings when no flag is given, in 4 render jobs", () => {
    const request = parseRunRequest({ runId: 'mine', sketch: 'x.ts', width: '320' }, { width: 640, height: 360, fps: 24, frames: 150 });
    expect(request).toMatchObject({ width: 320, height: 360, fps: 24, totalFrames: 150, framesPerJob: 38 });
  });

  it.each([
    [{ frames: 'ten' }, '--frames must be a number'],
    [{ frames: '0' }, '--frames must be at least 1'],
    [{ framesPerJob: '2.5' }, '--frames-per-job must be a whole number'],
    [{ width: '321' }, '--width must be even'],
    [{ fps: '1000' }, '--fps must be at most 240'],
    [{ runId: 'Bad_ID' }, '--run-id must be'],
    [{ frames: '30000', framesPerJob: '1' }, 'at most 10000'],
  ])('rejects %p with a message naming the flag', (flags, message) => {
    expect(() => parseRunRequest({ runId: 'ok-run', ...flags })).toThrow(UsageError);
    expect(() => parseRunRequest({ runId: 'ok-run', ...flags })).toThrow(message);
  });

  it('makes run ids that pass its own validation', () => {
    const id = newRunId(new Date('2026-11-21T12:00:00Z'), () => 0.5);
    expect(id).toBe('run-20261121120000-i000');
    expect(id).toMatch(RUN_ID_PATTERN);
  });
});
