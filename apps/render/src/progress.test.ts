import { PROGRESS_MIN_INTERVAL_MS, progressEvery, progressSchedule } from './progress';

describe('progress updates', () => {
  it('come every 10 frames, and at most 20 times in a long chunk', () => {
    expect(progressEvery(12)).toBe(10);
    expect(progressEvery(200)).toBe(10);
    expect(progressEvery(900)).toBe(45);
    expect(Math.floor(9_999 / progressEvery(9_999))).toBeLessThanOrEqual(20);
  });

  /** The frames after which progress is written, with frame i done at i * msPerFrame. */
  const updates = (frames: number, msPerFrame: number): number[] => {
    let clock = 0;
    const due = progressSchedule(frames, () => clock);
    const written: number[] = [];
    for (let rendered = 1; rendered <= frames; rendered++) {
      clock = rendered * msPerFrame;
      if (due(rendered)) written.push(rendered);
    }
    return written;
  };

  it('come at most twice a second, the first one always, and never after the last frame', () => {
    // 100 ms a frame: 10 frames take a second, so every 10 frames.
    expect(updates(60, 100)).toEqual([10, 20, 30, 40, 50]);
    // 20 ms a frame: 10 frames take 200 ms, so every third step of 10 (600 ms apart).
    expect(updates(120, 20)).toEqual([10, 40, 70, 100]);
    // A chunk drawn faster than the interval still reports once.
    expect(updates(30, 1)).toEqual([10]);
    expect(updates(10, 1)).toEqual([]);
  });

  it('space updates by the interval exactly, not more', () => {
    const step = PROGRESS_MIN_INTERVAL_MS / 10;
    expect(updates(40, step)).toEqual([10, 20, 30]);
    expect(updates(40, step - 1)).toEqual([10, 30]);
  });
});
