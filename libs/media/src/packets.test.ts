import { packetProblems, VideoPacket } from './packets';

const fps = 25;
/** Packets of frames [0, n) as x264 with B-frames stores them: decode order differs from display order. */
function packets(n: number): VideoPacket[] {
  const display = Array.from({ length: n }, (_, i) => i);
  // I P B B P B B ...: each P is decoded before the two B frames shown ahead of it.
  const order: number[] = [];
  for (let i = 0; i < n; ) {
    const p = Math.min(i === 0 ? 0 : i + 2, n - 1);
    order.push(p, ...display.slice(i === 0 ? 1 : i, p).filter((f) => f !== p && !order.includes(f)));
    i = i === 0 ? 1 : p + 1;
  }
  return order.map((frame, k) => ({ dts: (k - 2) / fps, pts: 1.4 + frame / fps, bytes: 100 }));
}

describe('packet check', () => {
  it('passes one packet per frame slot, in decode order', () => {
    const list = packets(30);
    expect(new Set(list.map((p) => p.pts)).size).toBe(30);
    expect(packetProblems(list, { frames: 30, fps })).toEqual([]);
  });

  it('names a missing frame', () => {
    const list = packets(30).filter((p) => Math.round((p.pts - 1.4) * fps) !== 17);
    expect(packetProblems(list, { frames: 30, fps })).toEqual(['29 frames instead of 30', 'frame 17 missing']);
  });

  it('names a doubled frame', () => {
    const list = packets(30);
    const copy = { ...list[10], dts: list[list.length - 1].dts + 1 / fps };
    expect(packetProblems([...list, copy], { frames: 30, fps })).toEqual(['31 frames instead of 30', `frame ${Math.round((copy.pts - 1.4) * fps)} more than once`]);
  });

  it('names frames out of order, even when every slot is filled once', () => {
    const list = packets(30);
    const swapped = [...list.slice(0, 10), list[12], list[11], list[10], ...list.slice(13)];
    expect(packetProblems(swapped, { frames: 30, fps })).toEqual([expect.stringMatching(/^out of order at packet 11 /)]);
  });

  it('names a clock that drifts off the frame rate', () => {
    const list = packets(30).map((p) => ({ ...p, pts: p.pts * 1.01 }));
    expect(packetProblems(list, { frames: 30, fps }).join('; ')).toMatch(/off the 25 fps clock|missing/);
  });
});
