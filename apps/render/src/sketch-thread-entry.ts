import { workerData } from 'node:worker_threads';
import { isSketchThreadInit } from './sketch-protocol';
import { runSketchThread } from './sketch-thread-main';

// The sketch thread's own entry: bundled on its own (sketch-thread-code.ts), a few dozen KB instead
// of the render bundle's 1.5 MB with the AWS SDK and tracing, so the thread starts quicker and its
// heap stays small (every major GC, a few per second while frames are read, marks all of it).
if (!isSketchThreadInit(workerData)) throw new Error('the sketch thread was started without its init data');
runSketchThread(workerData);
