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
  const scale = Math.min(1, width / frame.width);
  const small = createCanvas(Math.max(1, Math.round(frame.width * scale)), Math.max(1, Math.round(frame.height * scale)));
  small.getContext('2d').drawImage(full, 0, 0, small.width, small.height);
  return small.encode('jpeg', 75);
}
