import type { Canvas } from '@napi-rs/canvas';

/** Width of a preview image: a tile in the dashboard's chunk grid. */
export const PREVIEW_WIDTH = 320;

const canvasModule = (): typeof import('@napi-rs/canvas') => require('@napi-rs/canvas');

/**
 * A small JPEG of a frame, made straight from the canvas it was drawn on (no copy of its pixels),
 * at once: for the thread that draws the frames.
 */
export function previewJpegOfCanvas(canvas: Canvas, width = PREVIEW_WIDTH): Buffer {
  return scaledDown(canvas, width).encodeSync('jpeg', 75);
}

function scaledDown(full: Canvas, width: number): Canvas {
  const scale = Math.min(1, width / full.width);
  const small = canvasModule().createCanvas(Math.max(1, Math.round(full.width * scale)), Math.max(1, Math.round(full.height * scale)));
  small.getContext('2d').drawImage(full, 0, 0, small.width, small.height);
  return small;
}
