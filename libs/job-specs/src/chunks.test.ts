import { chunkCount, chunkRange, InvalidPlanError, planChunks } from './chunks';

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
});
