import type { SKRSContext2D } from '@napi-rs/canvas';

/** The Canvas 2D context a sketch draws on (@napi-rs/canvas, Skia). */
export type SketchContext = SKRSContext2D;

/** A seeded pseudo-random source: each call returns the next number in [0, 1). */
export type Random = () => number;

/** What a sketch's `setup` may depend on: the run's settings, never the frame. */
export interface SetupInfo {
  width: number;
  height: number;
  fps: number;
  totalFrames: number;
  seed: string;
  /** Seeded by `seed` alone, so every job derives the same precomputed state. */
  random: Random;
}

/** Everything `draw` may depend on. Rendering a frame is a pure function of this and the setup state. */
export interface FrameInfo {
  index: number;
  /** Seconds since frame 0: index / fps. */
  time: number;
  totalFrames: number;
  width: number;
  height: number;
  fps: number;
  /** Seeded by (seed, index): the same numbers for this frame in any job, attempt or chunk split. */
  random: Random;
}

/**
 * A sketch: `draw` paints one frame on a fresh canvas that starts opaque black. It must not read
 * the clock, Math.random or state left by an earlier frame; `setup` may precompute from the seed.
 */
export interface Sketch<State = unknown> {
  name?: string;
  width?: number;
  height?: number;
  fps?: number;
  frames?: number;
  setup?: (info: SetupInfo) => State;
  draw: (ctx: SketchContext, frame: FrameInfo, state: State) => void;
}

/** The settings that, with the sketch, fully determine every frame's pixels. */
export interface FrameSettings {
  width: number;
  height: number;
  fps: number;
  totalFrames: number;
  seed: string;
}

/** The settings a sketch may declare for itself (its exports of these names). */
export const SKETCH_SETTINGS = ['width', 'height', 'fps', 'frames'] as const;
export type SketchSetting = (typeof SKETCH_SETTINGS)[number];
