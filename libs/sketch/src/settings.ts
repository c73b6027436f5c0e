import type { FrameSettings, Sketch } from './types';

export const DEFAULT_FRAME_SETTINGS: Omit<FrameSettings, 'seed'> = { width: 1280, height: 720, fps: 30, totalFrames: 240 };
export const DEFAULT_SEED = 'framefarm';

/** Settings for a render: explicit values first, then the sketch's own defaults, then framefarm's. */
export function resolveFrameSettings(sketch: Sketch<any>, overrides: Partial<FrameSettings> = {}): FrameSettings {
  return {
    width: overrides.width ?? sketch.width ?? DEFAULT_FRAME_SETTINGS.width,
    height: overrides.height ?? sketch.height ?? DEFAULT_FRAME_SETTINGS.height,
    fps: overrides.fps ?? sketch.fps ?? DEFAULT_FRAME_SETTINGS.fps,
    totalFrames: overrides.totalFrames ?? sketch.frames ?? DEFAULT_FRAME_SETTINGS.totalFrames,
    seed: overrides.seed ?? DEFAULT_SEED,
  };
}
