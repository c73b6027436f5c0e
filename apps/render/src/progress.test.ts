import { progressEvery } from './progress';
describe('progress updates', () => {
  it('come every 10 frames, and at most 20 times in a long chunk', () => {
    expect(progressEvery(12)).toBe(10);
    expect(progressEvery(200)).toBe(10);
    expect(progressEvery(900)).toBe(45);
    expect(Math.floor(9_999 / progressEvery(9_999))).toBeLessThanOrEqual(20);
  });
});
