import { parseRunRequest } from './run-options';
import { planEnvironment } from './submit-plan';

describe('planEnvironment', () => {
  it('passes the original contract and the run settings, and SEED only when given', () => {
    const request = parseRunRequest({ runId: 'env-run', frames: '48', framesPerJob: '12' });
    expect(planEnvironment(request, 'aurora')).toEqual({
      TOTAL_FRAMES: '48',
      FRAMES_PER_RENDER_JOB: '12',
      RUN_ID: 'env-run',
      SKETCH: 'aurora',
      WIDTH: '1280',
      HEIGHT: '720',
      FPS: '30',
    });
    expect(planEnvironment(parseRunRequest({ runId: 'env-run', seed: 'blue' }), 'aurora').SEED).toBe('blue');
    expect(() => parseRunRequest({ runId: 'env-run', seed: '' })).toThrow('--seed must not be empty');
  });
});
