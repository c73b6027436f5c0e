import { execFileSync } from 'node:child_process';
import { resolveFfmpeg } from '@framefarm/media';
import { allocateFrameBuffer, frameToI420, i420FrameBytes } from '@framefarm/sketch';

// The render job converts each frame to I420 itself (frameToI420) instead of letting ffmpeg do it:
// the video must look the same as ffmpeg's own conversion to BT.709 limited range made it.

const size = { width: 160, height: 90 };

/** A gradient under hard-edged discs of saturated colour: smooth areas and sharp colour edges, as sketches draw. */
function sketchLikeFrame(): Buffer {
  const { width, height } = size;
  const pixels = allocateFrameBuffer(width * height * 4, i420FrameBytes(size));
  const discs = [
    { x: 30, y: 30, r: 18, rgb: [255, 40, 40] },
    { x: 80, y: 50, r: 25, rgb: [30, 220, 90] },
    { x: 130, y: 35, r: 20, rgb: [40, 60, 255] },
    { x: 110, y: 70, r: 12, rgb: [250, 230, 20] },
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const disc = discs.find((d) => (x - d.x) ** 2 + (y - d.y) ** 2 < d.r ** 2);
      const rgb = disc?.rgb ?? [Math.round((x * 255) / width), Math.round((y * 255) / height), 128];
      pixels.set([...rgb, 255], (y * width + x) * 4);
    }
  }
  return pixels;
}

function ffmpegI420(rgba: Buffer): Buffer {
  return execFileSync(resolveFfmpeg(), [
    '-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${size.width}x${size.height}`, '-i', 'pipe:0',
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv', '-pix_fmt', 'yuv420p', '-f', 'rawvideo', 'pipe:1',
  ], { input: rgba });
}

/** Peak signal-to-noise ratio in dB: above 40 the difference cannot be seen. */
function psnr(a: Buffer, b: Buffer): number {
  let squares = 0;
  for (let i = 0; i < a.length; i++) squares += (a[i] - b[i]) ** 2;
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / squares);
}

describe('frames to I420, against ffmpeg', () => {
  it('matches ffmpeg\'s luma to within one level and its chroma but for the filtering of colour edges', () => {
    const rgba = sketchLikeFrame();
    const ours = frameToI420(rgba, size);
    const theirs = ffmpegI420(Buffer.from(rgba));
    expect(theirs.length).toBe(ours.length);
    const lumaBytes = size.width * size.height;
    const chromaBytes = lumaBytes / 4;
    const planes = [[0, lumaBytes], [lumaBytes, lumaBytes + chromaBytes], [lumaBytes + chromaBytes, ours.length]];
    const [y, u, v] = planes.map(([from, to]) => ({ ours: ours.subarray(from, to), theirs: theirs.subarray(from, to) }));

    expect(Math.max(...y.ours.map((value, i) => Math.abs(value - y.theirs[i])))).toBeLessThanOrEqual(1);
    for (const plane of [u, v]) {
      expect(psnr(plane.ours, plane.theirs)).toBeGreaterThan(40);
      // Away from the edges, in the gradient, the colour is ffmpeg's to within a level.
      expect(Math.abs(plane.ours[5 * (size.width / 2) + 70] - plane.theirs[5 * (size.width / 2) + 70])).toBeLessThanOrEqual(1);
    }
  });
});
