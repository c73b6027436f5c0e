import type { FrameSettings, SketchPhase, SketchRef } from '@framefarm/sketch';

/**
 * The messages between the render job's main thread and the thread that runs the sketch. The
 * sketch thread draws only what it is asked for, one frame at a time, into the buffer that comes
 * with the request, and says when the frame is in it. The buffers are shared memory
 * (allocateFrameBuffer: posted, never copied), where the main thread checksums the frame without
 * a copy: a handful of buffers serve a whole chunk, and only one side uses each at a time. (The
 * sketch's code could reach a buffer it was lent after handing it back; that code already runs
 * with everything the render job may do, so this gives it nothing new.)
 */

/** Marks workerData as a sketch thread's: the render bundle is both the job and the thread's script. */
export const SKETCH_THREAD_ROLE = 'framefarm-sketch-thread';

export interface SketchThreadInit {
  role: typeof SKETCH_THREAD_ROLE;
  sketch: SketchRef;
  settings: FrameSettings;
}

export const isSketchThreadInit = (data: unknown): data is SketchThreadInit => (data as Partial<SketchThreadInit> | null)?.role === SKETCH_THREAD_ROLE;

/**
 * `pixels`: a frame buffer of width × height × 4 bytes for the frame's RGBA pixels;
 * `preview`: make a preview JPEG of this frame too (straight from the canvas it is drawn on).
 */
export type ToSketchThread = { type: 'draw'; index: number; pixels: Uint8Array; preview?: boolean };

/** Why the sketch failed, as the thread saw it: positions already mapped to the user's files. */
export type SketchFailure =
  /** Its source does not make a sketch (no draw, bad defaults, threw while loading): InvalidSketchError. */
  | { kind: 'invalid'; message: string }
  | { kind: 'threw'; name: string; message: string; location?: string; stack?: string };

export type FromSketchThread =
  /** Loading or setup() begins now (the frame limit holds for each). */
  | { type: 'begun'; phase: SketchPhase }
  /** Loaded, and setup() has run. */
  | { type: 'ready' }
  /** The frame's pixels are in the buffer that came with its request. */
  | { type: 'frame'; index: number; preview?: Uint8Array }
  | { type: 'failed'; phase: SketchPhase; failure: SketchFailure }
  /** The sketch called process.exit(code); the thread ends next. */
  | { type: 'exit-called'; phase: SketchPhase; code: number };
