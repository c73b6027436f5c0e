import { InvalidMediaInputError } from './errors';

/** The raw frames going in and the video coming out share size and rate. */
export interface VideoFormat {
  width: number;
  height: number;
  /** Whole frames per second: timestamps stay exact in the 90 kHz MPEG-TS clock. */
  fps: number;
}

export const PIXEL_FORMAT = 'yuv420p';

export function assertVideoFormat({ width, height, fps }: VideoFormat): void {
  for (const [name, value] of Object.entries({ width, height })) {
    if (!Number.isInteger(value) || value < 2 || value % 2 !== 0) {
      throw new InvalidMediaInputError(`${name} ${value} cannot be encoded as ${PIXEL_FORMAT}: use an even number of pixels`);
    }
  }
  if (!Number.isInteger(fps) || fps < 1) throw new InvalidMediaInputError(`fps ${fps} must be a whole number of at least 1`);
}

export const rgbaFrameBytes = ({ width, height }: VideoFormat): number => width * height * 4;
