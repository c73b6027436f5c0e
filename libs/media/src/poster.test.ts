import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { extractPoster, InvalidMediaInputError, joinSegments, posterArgs, posterFrameIndex, startSegmentEncoder } from './index';

const format = { width: 64, height: 48, fps: 10 };

/** A flat frame whose red channel is 8 × its index: the poster says which frame it shows. */
const flatFrame = (index: number): Buffer => {
  const pixels = Buffer.alloc(format.width * format.height * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([index * 8, 128, 64, 255], i);
  return pixels;
};

describe('posters', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'framefarm-poster-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('shows exactly the requested frame of a joined video', async () => {
    const segments: string[] = [];
    for (const [start, end] of [[0, 12], [12, 30]]) {
      const encoder = startSegmentEncoder({ ...format, startFrame: start, output: join(dir, `${start}.ts`), crf: 1 });
      for (let i = start; i < end; i++) await encoder.write(flatFrame(i));
      segments.push((await encoder.finish()).path);
    }
    const video = join(dir, 'video.mp4');
    await joinSegments(segments, video);

    expect(posterFrameIndex(30)).toBe(15);
    // The middle, a segment's first frame (a keyframe), the frames beside it, the first and the last.
    const cases = [[15, 'poster.png', 3], [15, 'poster.jpg', 6], [12, 'a.png', 3], [11, 'b.png', 3], [13, 'c.png', 3], [0, 'd.png', 3], [29, 'e.png', 3]] as const;
    // The second segment's first frame, cut from the segment itself (what encode does at a chunk start).
    const fromSegment = [[12, 'segment.png', 3, segments[1]]] as const;
    // Decoded by one thread, as encode does (its job's vCPUs), from a keyframe and from the frames before it.
    const oneThread = [[12, 'segment-1-thread.png', 3, segments[1]], [15, 'middle-1-thread.png', 3, undefined]] as const;
    const all = [...cases.map(([f, n, t]) => [f, n, t, undefined] as const), ...fromSegment, ...oneThread];
    for (const [frame, name, tolerance, source] of all) {
      const poster = join(dir, name);
      await extractPoster(source ?? video, poster, source ? 0 : frame, format.fps, name.includes('1-thread') ? { threads: 1 } : {});
      const image = await loadImage(poster);
      expect([image.width, image.height]).toEqual([64, 48]);
      const ctx = createCanvas(64, 48).getContext('2d');
      ctx.drawImage(image, 0, 0);
      const [red, green, blue] = ctx.getImageData(32, 24, 1, 1).data;
      expect(Math.abs(red - frame * 8)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(green - 128)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(blue - 64)).toBeLessThanOrEqual(tolerance);
    }
  });

  it('puts the poster at the chunk start nearest the middle, if one is in the middle half', () => {
    expect(posterFrameIndex(240, [0, 120])).toBe(120);
    expect(posterFrameIndex(240, [0, 60, 120, 180])).toBe(120);
    expect(posterFrameIndex(100, [0, 34, 67])).toBe(34);
    expect(posterFrameIndex(1800, [0, 800, 1000])).toBe(800);
    // One chunk, or chunk starts far from the middle: the middle frame.
    expect(posterFrameIndex(240, [0])).toBe(120);
    expect(posterFrameIndex(100, [0, 90])).toBe(50);
    expect(posterFrameIndex(1, [0])).toBe(0);
  });

  it('rejects formats it cannot write', async () => {
    await expect(extractPoster('video.mp4', join(dir, 'poster.gif'), 0, 10)).rejects.toThrow(InvalidMediaInputError);
  });

  it('gives the decoder the threads asked for, as an option of the input', () => {
    const args = posterArgs('video.mp4', 'poster.png', 12, 10, { threads: 1 });
    expect(args.indexOf('-threads')).toBeGreaterThanOrEqual(0);
    expect(args[args.indexOf('-threads') + 1]).toBe('1');
    expect(args.indexOf('-threads')).toBeLessThan(args.indexOf('-i'));
    expect(posterArgs('video.mp4', 'poster.png', 12, 10)).not.toContain('-threads');
    for (const threads of [0, 1.5, -1]) expect(() => posterArgs('video.mp4', 'poster.png', 0, 10, { threads })).toThrow(InvalidMediaInputError);
  });
});
