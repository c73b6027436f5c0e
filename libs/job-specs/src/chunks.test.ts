import { chunkCount, chunkRange, defaultFramesPerJob, InvalidPlanError, MIN_FRAMES_PER_JOB, planChunks, renderJobSlots } from './chunks';

describe('chunk planning', () => {
  it('covers every frame exactly once with a shorter last chunk', () => {
    const chunks = planChunks(10, 4);
    expect(chunks).toEqual([
      { index: 0, start: 0, end: 4 },
      { index: 1, start: 4, end: 8 },
      { index: 2, start: 8, end: 10 },
    ]);
    const covered = chunks.flatMap((c) => Array.from({ length: c.end - c.start }, (_, i) => c.start + i));
    expect(covered).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('rejects values a user could mistype', () => {
    expect(() => chunkCount(0, 4)).toThrow(InvalidPlanError);
    expect(() => chunkCount(10, 2.5)).toThrow(/FRAMES_PER_RENDER_JOB/);
    expect(() => chunkCount(20_001, 2)).toThrow(/at most 10000/);
    expect(() => chunkRange(3, 10, 4)).toThrow(/outside 0…2/);
  });

  it('splits by default into one wave of render jobs over the vCPUs there are', () => {
    // A render job takes 1 vCPU (its job spec): 2 cores run 2 at once, so 2 chunks, not 4 in two waves.
    expect(renderJobSlots(2)).toBe(2);
    expect(renderJobSlots(1.5)).toBe(1);
    expect(renderJobSlots(16, 4)).toBe(4);
    expect(chunkCount(240, defaultFramesPerJob(240, 2))).toBe(2);
    expect(chunkCount(1800, defaultFramesPerJob(1800, 2))).toBe(2);
    expect(chunkCount(1800, defaultFramesPerJob(1800, 8))).toBe(8);
    expect(defaultFramesPerJob(241, 2)).toBe(121);
  });

  it('keeps short runs in few jobs and never makes more chunks than frames', () => {
    expect(chunkCount(MIN_FRAMES_PER_JOB, defaultFramesPerJob(MIN_FRAMES_PER_JOB, 64))).toBe(1);
    expect(chunkCount(90, defaultFramesPerJob(90, 64))).toBe(3);
    expect(defaultFramesPerJob(1, 64)).toBe(1);
    expect(chunkCount(10_000_000, defaultFramesPerJob(10_000_000, 1_000_000))).toBe(10_000);
    expect(() => defaultFramesPerJob(0, 2)).toThrow(InvalidPlanError);
  });
});
