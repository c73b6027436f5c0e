import { isMainThread, workerData } from 'node:worker_threads';
import { isSketchThreadInit } from './sketch-protocol';

// The bundle is both the render job and the script of the thread that runs its sketch
// (render-chunk starts it). Each side requires only its own modules: the sketch thread starts
// without the AWS SDK and tracing (a fifth of a second of CPU in every render job).
if (!isMainThread && isSketchThreadInit(workerData)) (require('./sketch-thread-main') as typeof import('./sketch-thread-main')).runSketchThread(workerData);
else {
  (require('./canvas-memory') as typeof import('./canvas-memory')).keepCanvasMemory();
  (require('./render-job') as typeof import('./render-job')).runRenderJob();
}
