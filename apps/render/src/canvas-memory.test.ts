import { keepCanvasMemory } from './canvas-memory';

describe('keepCanvasMemory', () => {
  it('tells the canvas allocator to keep freed memory, unless the job was given a setting', () => {
    const env: NodeJS.ProcessEnv = {};
    keepCanvasMemory(env);
    expect(env.MIMALLOC_PURGE_DELAY).toBe('-1');
    const given: NodeJS.ProcessEnv = { MIMALLOC_PURGE_DELAY: '100' };
    keepCanvasMemory(given);
    expect(given.MIMALLOC_PURGE_DELAY).toBe('100');
  });
});
