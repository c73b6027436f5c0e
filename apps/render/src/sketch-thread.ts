import { Worker } from 'node:worker_threads';
import { allocateFrameBuffer, frameToI420, i420FrameBytes, InvalidSketchError, SketchExitError, SketchPhase, SketchRuntimeError, SketchTimeoutError, FrameSettings, SketchRef } from '@framefarm/sketch';
import { FromSketchThread, SKETCH_THREAD_ROLE, SketchFailure, SketchThreadInit, ToSketchThread } from './sketch-protocol';

/** The sketch thread's own bundle (sketch-thread-entry.ts) as code; `require` in it resolves from the file `requireFrom`. */
export interface SketchThreadCode {
  code: string;
  requireFrom: string;
}

export interface SketchThreadOptions {
  /**
   * What the worker runs: the sketch thread's own code, or the file of a script that calls
   * runSketchThread when started as a worker (the render bundle itself).
   */
  script: string | SketchThreadCode;
  /** Arguments of a script file (the bundle, when the script is the loader that started the job). */
  argv?: string[];
  sketch: SketchRef;
  settings: FrameSettings;
  /** The frames to draw, in order: [start, end). */
  start: number;
  end: number;
  /** Loading with setup, and each frame, must finish within this. */
  frameTimeoutSeconds: number;
  /** Aborting stops the thread at once; what is awaited then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Previews: asked as each frame is requested whether that frame should come with a preview
   * JPEG (made in the thread, from the frame's canvas), which is handed to `made` as it arrives.
   */
  previews?: { due(): boolean; made(jpeg: Buffer): void };
}

/** Buffers kept for later frames: the frames a caller holds at once (two in ffmpeg's pipe, one drawn), and some. */
const MAX_SPARE = 4;

const errorOf = (phase: SketchPhase, failure: SketchFailure): Error =>
  failure.kind === 'invalid' ? new InvalidSketchError(failure.message) : new SketchRuntimeError(phase, failure, failure.location, failure.stack);

/**
 * Runs a sketch in a worker thread and gives its frames in order. The main thread stays free: a
 * frame that takes too long, a SIGTERM or a sketch that ends its thread stops the worker at once
 * (worker.terminate() interrupts even an endless loop) and fails what is awaited. While the caller
 * handles frame N, the thread draws N+1: at most one frame waits here.
 *
 * Each frame is drawn into a buffer lent to the thread with its request: shared memory that
 * frameChecksum reads in place (allocateFrameBuffer). A caller that gives a frame's buffer back
 * (release) once it is done with it has the next frames drawn into it, so a chunk needs a few
 * buffers rather than one per frame.
 */
export class SketchThread {
  private readonly worker: Worker;
  private readonly limitMs: number;
  private failure: Error | undefined;
  private done = false;
  /** What the thread does now (loading, setup(), a frame), for faults that come without a phase. */
  private phase: SketchPhase = { kind: 'load' };
  /** The timer of what the thread was asked for and has not finished. */
  private pending: NodeJS.Timeout | undefined;
  private arrived: { index: number; pixels: Buffer } | undefined;
  /** The buffer the frame being drawn goes into. */
  private lent: Buffer | undefined;
  /** Buffers given back by the caller, for the frames to come. */
  private readonly spare: Buffer[] = [];
  /** Every buffer this thread has lent: release() takes back only these. */
  private readonly own = new WeakSet<Buffer>();
  private readonly frameBytes: number;
  private exitCalled: number | undefined;
  private waiter: { resolve: (pixels: Buffer) => void; reject: (error: Error) => void } | undefined;
  private ready: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private nextIndex: number;

  private constructor(private readonly options: SketchThreadOptions) {
    this.limitMs = options.frameTimeoutSeconds * 1000;
    this.nextIndex = options.start;
    this.frameBytes = options.settings.width * options.settings.height * 4;
    const workerData: SketchThreadInit = { role: SKETCH_THREAD_ROLE, sketch: options.sketch, settings: options.settings };
    const { script } = options;
    this.worker =
      typeof script === 'string'
        ? new Worker(script, { workerData, argv: options.argv })
        : new Worker(`(function (require) {\n${script.code}\n})(require('node:module').createRequire(${JSON.stringify(script.requireFrom)}));`, { eval: true, workerData });
    this.worker.on('message', (message: FromSketchThread) => this.received(message));
    // An error the thread could not report itself (out of memory, a broken script).
    this.worker.on('error', (error) => this.fail(new SketchRuntimeError(this.phase, { name: error.name, message: error.message })));
    this.worker.on('exit', (code) => {
      if (!this.done) this.fail(new SketchExitError(this.phase, this.exitCalled ?? code, this.exitCalled !== undefined));
    });
  }

  /** Starts the thread; resolves once the sketch has loaded and run its setup. */
  static async start(options: SketchThreadOptions): Promise<SketchThread> {
    options.signal?.throwIfAborted();
    const thread = new SketchThread(options);
    options.signal?.addEventListener('abort', thread.onAbort, { once: true });
    thread.warmUp();
    await new Promise<void>((resolve, reject) => {
      if (thread.failure) return reject(thread.failure);
      thread.ready = { resolve, reject };
    });
    return thread;
  }

  /** The next frame's RGBA pixels (start first), in a buffer that is the caller's until it calls release(). */
  next(): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.nextIndex >= this.options.end) return Promise.reject(new Error(`frames ${this.options.start}…${this.options.end - 1} were all given`));
    if (!this.pending && !this.arrived) this.request(this.nextIndex);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.deliver();
    });
  }

  /**
   * Gives back the buffer of a frame from next() once nothing reads it any more: a later frame is
   * drawn into it. A frame never given back is simply the caller's to keep.
   */
  release(pixels: Buffer): void {
    if (this.own.has(pixels) && this.spare.length < MAX_SPARE && !this.spare.includes(pixels)) this.spare.push(pixels);
  }

  /** Ends the thread (done, or after a failure elsewhere). */
  async stop(): Promise<void> {
    this.done = true;
    this.clearPending();
    this.options.signal?.removeEventListener('abort', this.onAbort);
    await this.worker.terminate();
  }

  private readonly onAbort = (): void => {
    const reason: unknown = this.options.signal?.reason;
    this.fail(reason instanceof Error ? reason : new Error(String(reason)));
  };

  private received(message: FromSketchThread): void {
    if (this.failure) return;
    switch (message.type) {
      case 'begun':
        // The worker's own start (Node, the bundle) is not the sketch's: its clock starts here.
        return this.expect(message.phase);
      case 'ready': {
        this.clearPending();
        this.ready?.resolve();
        this.ready = undefined;
        return;
      }
      case 'frame': {
        this.clearPending();
        const pixels = this.lent;
        this.lent = undefined;
        if (!pixels) return this.fail(new SketchRuntimeError(this.phase, { name: 'Error', message: `frame ${message.index} came without being asked for` }));
        this.arrived = { index: message.index, pixels };
        if (message.preview) this.options.previews?.made(Buffer.from(message.preview.buffer, message.preview.byteOffset, message.preview.byteLength));
        return this.deliver();
      }
      case 'failed':
        return this.fail(errorOf(message.phase, message.failure));
      case 'exit-called':
        this.exitCalled = message.code;
        return;
    }
  }

  private deliver(): void {
    if (!this.waiter || !this.arrived) return;
    const { pixels } = this.arrived;
    const waiter = this.waiter;
    this.arrived = undefined;
    this.waiter = undefined;
    this.nextIndex++;
    // Drawn while the caller encodes this one.
    if (this.nextIndex < this.options.end) this.request(this.nextIndex);
    else this.done = true;
    waiter.resolve(pixels);
  }

  private request(index: number): void {
    this.expect({ kind: 'draw', frame: index });
    const pixels = this.spare.pop() ?? this.allocate();
    this.lent = pixels;
    const preview = this.options.previews?.due() === true;
    this.worker.postMessage({ type: 'draw', index, pixels, ...(preview ? { preview } : {}) } satisfies ToSketchThread);
  }

  /**
   * While the worker starts: the first frame buffer, converted to I420 once (blank). The first call
   * of frameToI420 in a process runs unoptimized WebAssembly, about 20 ms for 1280x720 here (0.5-1 ms
   * once V8 has optimized it in the background); made now, it is not on the first frame's path.
   */
  private warmUp(): void {
    const pixels = this.allocate();
    frameToI420(pixels, this.options.settings);
    this.spare.push(pixels);
  }

  private allocate(): Buffer {
    // Room after the frame for its I420 planes (frameToI420), made in the main thread for ffmpeg.
    const pixels = allocateFrameBuffer(this.frameBytes, i420FrameBytes(this.options.settings));
    this.own.add(pixels);
    return pixels;
  }

  private expect(phase: SketchPhase): void {
    this.clearPending();
    this.phase = phase;
    this.pending = setTimeout(() => this.fail(new SketchTimeoutError(phase, this.options.frameTimeoutSeconds)), this.limitMs);
  }

  private clearPending(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
  }

  private fail(error: Error): void {
    if (this.failure || this.done) return;
    this.failure = error;
    this.done = true;
    this.clearPending();
    void this.worker.terminate();
    this.ready?.reject(error);
    this.waiter?.reject(error);
    this.ready = undefined;
    this.waiter = undefined;
  }
}
