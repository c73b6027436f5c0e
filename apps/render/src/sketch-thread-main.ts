import { parentPort } from 'node:worker_threads';
import { copyCanvasRgba, createFrameRenderer, FrameRenderer, InvalidSketchError, loadSketch, previewJpegOfCanvas, SketchPhase, sketchStackMapper } from '@framefarm/sketch';
import type { FromSketchThread, SketchFailure, SketchThreadInit, ToSketchThread } from './sketch-protocol';

/**
 * The sketch thread: loads the sketch, runs its setup, then draws each frame the main thread asks
 * for. Everything the sketch does wrong is reported as a message, its positions in the user's files.
 */
export function runSketchThread(init: SketchThreadInit): void {
  const port = parentPort;
  if (!port) throw new Error('runSketchThread runs in a worker thread');
  const send = (message: FromSketchThread): void => port.postMessage(message);
  const mapStack = sketchStackMapper(init.sketch);
  let phase: SketchPhase = { kind: 'load' };

  const failure = (error: unknown): SketchFailure => {
    if (error instanceof InvalidSketchError) return { kind: 'invalid', message: error.message };
    if (!(error instanceof Error)) return { kind: 'threw', name: 'a value', message: String(error) };
    const { stack, location } = mapStack(String(error.stack ?? ''));
    return { kind: 'threw', name: error.name, message: error.message, ...(location ? { location } : {}), ...(stack ? { stack } : {}) };
  };
  const failed = (error: unknown): void => send({ type: 'failed', phase, failure: failure(error) });
  // What the sketch throws outside the calls made here (a timer, a promise) fails it as well.
  process.on('uncaughtException', failed);
  process.on('unhandledRejection', failed);
  // process.exit() in a worker ends only the thread; say so first, so the job can tell why.
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    send({ type: 'exit-called', phase, code: Number(code ?? process.exitCode ?? 0) });
    return exit(code);
  }) as typeof process.exit;

  let renderer: FrameRenderer;
  try {
    send({ type: 'begun', phase });
    renderer = createFrameRenderer(loadSketch(init.sketch), init.settings);
    phase = { kind: 'setup' };
    send({ type: 'begun', phase });
    renderer.setup();
  } catch (error) {
    failed(error);
    return;
  }
  port.on('message', ({ index, pixels: target, preview }: ToSketchThread) => {
    phase = { kind: 'draw', frame: index };
    try {
      const canvas = renderer.canvas(index);
      // The canvas's pixels live in the native module's memory, which cannot be shared: one copy
      // into the buffer the main thread lent for this frame, which it reads where it is.
      // (A buffer reused for every few frames: no fresh memory per frame to fault in and collect.)
      copyCanvasRgba(canvas, target);
      send({ type: 'frame', index, ...(preview ? { preview: previewJpegOfCanvas(canvas) } : {}) });
    } catch (error) {
      failed(error);
    }
  });
  send({ type: 'ready' });
}
