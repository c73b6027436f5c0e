import { isMainThread, workerData } from 'node:worker_threads';
import { keepCanvasMemory } from './canvas-memory';
import { runRenderJob } from './render-job';
import { isSketchThreadInit } from './sketch-protocol';

// The bundle is also the script of a sketch thread started without the thread's own code (tests
// that run the sources). Only that side is required lazily: a module reached through require() is
// bundled whole with everything it imports, which for the job's side would be every command of the
// S3 and DynamoDB clients, run at every start. The job's side loads no canvas (the sketch thread
// does), so keepCanvasMemory still runs before the native module reads its options.
if (!isMainThread && isSketchThreadInit(workerData)) (require('./sketch-thread-main') as typeof import('./sketch-thread-main')).runSketchThread(workerData);
else {
  keepCanvasMemory();
  runRenderJob();
}
