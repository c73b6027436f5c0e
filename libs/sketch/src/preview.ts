import type { Canvas } from '@napi-rs/canvas';
import type { FrameSettings } from './types';

/** Width of a preview image: a tile in the dashboard's chunk grid. */
export const PREVIEW_WIDTH = 320;

const canvasModule = (): typeof import('@napi-rs/canvas') => require('@napi-rs/canvas');

/**
 * A small JPEG of one frame's RGBA pixels. The pixels are copied before this returns its promise,
 * so the caller may reuse the buffer for the next frame at once.
 */
export function previewJpeg(rgba: Buffer, frame: Pick<FrameSettings, 'width' | 'height'>, width = PREVIEW_WIDTH): Promise<Buffer> {
  const { createCanvas, ImageData } = canvasModule();
  const full = createCanvas(frame.width, frame.height);
  full.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), frame.width, frame.height), 0, 0);
  return scaledDown(full, width).encode('jpeg', 75);
}

/**
 * The same small JPEG made straight from the canvas a frame was drawn on (no copy of its pixels),
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
