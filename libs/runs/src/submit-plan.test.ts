import { planEnvironment, type RunRequest } from './submit-plan';

describe('planEnvironment', () => {
  it('passes the original contract and the run settings, and SEED and FRAME_TIMEOUT_SECONDS only when given', () => {
    const request: RunRequest = { runId: 'env-run', sketch: 'aurora', width: 1280, height: 720, fps: 30, totalFrames: 48, framesPerRenderJob: 12 };
    expect(planEnvironment(request, 'aurora')).toEqual({
      TOTAL_FRAMES: '48',
      FRAMES_PER_RENDER_JOB: '12',
      RUN_ID: 'env-run',
      SKETCH: 'aurora',
      WIDTH: '1280',
      HEIGHT: '720',
      FPS: '30',
    });
    expect(planEnvironment({ ...request, seed: 'blue' }, 'aurora').SEED).toBe('blue');
    expect(planEnvironment({ ...request, frameTimeoutSeconds: 5 }, 'aurora').FRAME_TIMEOUT_SECONDS).toBe('5');
    // The sketch reference uploaded for a user's file replaces the name the user gave.
    expect(planEnvironment({ ...request, sketch: './pulse.ts' }, 's3://bucket/sketches/abc.cjs').SKETCH).toBe('s3://bucket/sketches/abc.cjs');
  });
});
