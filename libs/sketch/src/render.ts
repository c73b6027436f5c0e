import { createHash } from 'node:crypto';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { canvasRgba } from './canvas-readback';
import { InvalidSketchError } from './errors';
import { seededRandom } from './random';
import type { FrameSettings, Sketch } from './types';

/** Renders frames of one sketch with fixed settings; `setup` runs once, on the first frame. */
export interface FrameRenderer {
  readonly settings: FrameSettings;
  /**
   * The frame drawn on the renderer's canvas. One canvas serves every frame of a renderer: the
   * next call redraws it, so read or encode it before asking for another frame.
   */
  canvas(index: number): Canvas;
  /** Raw RGBA pixels (premultiplied, see canvasRgba), width × height × 4 bytes, row by row: a buffer of its own, never reused. */
  rgba(index: number): Buffer;
  /** Runs the sketch's setup now, once; otherwise it runs before the first frame. */
  setup(): void;
}

// Required on first use, so a program that only names sketches (plan, whose image has no canvas)
// can import this library.
const canvasModule = (): typeof import('@napi-rs/canvas') => require('@napi-rs/canvas');

export function createFrameRenderer<State>(sketch: Sketch<State>, settings: FrameSettings): FrameRenderer {
  const { width, height, fps, totalFrames, seed } = settings;
  let state: { value: State } | undefined;
  const setupState = (): State => {
    if (!state) {
      const value = sketch.setup
        ? sketch.setup({ width, height, fps, totalFrames, seed, random: seededRandom(seed, 'setup') })
        : (undefined as State);
      state = { value };
    }
    return state.value;
  };

  let shared: { canvas: Canvas; ctx: SKRSContext2D } | undefined;
  const canvas = (index: number): Canvas => {
    if (!Number.isInteger(index) || index < 0 || index >= totalFrames) {
      throw new InvalidSketchError(`frame ${index} is outside 0…${totalFrames - 1}`);
    }
    if (!shared) {
      const created = canvasModule().createCanvas(width, height);
      shared = { canvas: created, ctx: created.getContext('2d') };
    }
    const { canvas: frameCanvas, ctx } = shared;
    // reset() puts the context back as a new canvas has it (transform, styles, clip, path, state
    // stack) and clears the pixels, so nothing leaks from the previous frame into this one.
    ctx.reset();
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, width, height);
    sketch.draw(ctx, { index, time: index / fps, totalFrames, width, height, fps, random: seededRandom(seed, 'frame', index) }, setupState());
    return frameCanvas;
  };

  const rgba = (index: number): Buffer => canvasRgba(canvas(index));

  return { settings, canvas, rgba, setup: () => void setupState() };
}

const renderers = new WeakMap<Sketch<any>, Map<string, FrameRenderer>>();

/** One frame's raw RGBA pixels; repeated calls with the same sketch and settings reuse its setup. */
export function renderFrame(sketch: Sketch<any>, index: number, settings: FrameSettings): Buffer {
  let bySettings = renderers.get(sketch);
  if (!bySettings) renderers.set(sketch, (bySettings = new Map()));
  const key = JSON.stringify([settings.width, settings.height, settings.fps, settings.totalFrames, settings.seed]);
  let renderer = bySettings.get(key);
  if (!renderer) bySettings.set(key, (renderer = createFrameRenderer(sketch, settings)));
  return renderer.rgba(index);
}

/** One frame as a PNG image, for previews and posters. */
export function renderFramePng(sketch: Sketch<any>, index: number, settings: FrameSettings): Promise<Buffer> {
  return createFrameRenderer(sketch, settings).canvas(index).encode('png');
}

/** SHA-256 (hex) of a frame's raw pixels: the checksum chunk manifests record per frame. */
export function frameSha256(pixels: Buffer): string {
  return createHash('sha256').update(pixels).digest('hex');
}
