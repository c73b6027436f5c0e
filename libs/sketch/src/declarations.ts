import { Worker } from 'node:worker_threads';
import { InvalidSketchError, SketchExitError, SketchTimeoutError } from './errors';
import { COMMONJS_WRAPPER, DEFAULT_FILENAME, type SketchSource, sketchStackMapper, validateSketch } from './load';

/** The settings a sketch declares for itself; unset ones are left to the run's flags and defaults. */
export interface SketchDeclarations {
  width?: number;
  height?: number;
  fps?: number;
  frames?: number;
}

/** One exported field as the thread saw it: its type, and its value when it is a number. */
interface FieldShape {
  type: string;
  number?: number;
  text?: string;
}

type FromThread =
  | { kind: 'loaded'; fields: Record<'draw' | 'setup' | 'width' | 'height' | 'fps' | 'frames', FieldShape> }
  | { kind: 'failed'; message: string; stack: string }
  | { kind: 'exit-called'; code: number };

/**
 * The thread's code: it loads the bundled sketch as CommonJS and sends back only the shapes of
 * what it exports (numbers, and type names for the rest), so nothing of the sketch's own objects
 * reaches the caller. `process.exit` in the sketch ends only this thread; it says so first.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { runInThisContext } = require('node:vm');
const { createRequire } = require('node:module');
const exit = process.exit.bind(process);
process.exit = (code) => { parentPort.postMessage({ kind: 'exit-called', code: Number(code ?? 0) }); exit(code); };
const shape = (value) => ({ type: typeof value, number: typeof value === 'number' ? value : undefined, text: typeof value === 'number' || typeof value === 'string' ? String(value) : undefined });
try {
  const { wrapper, source, filename, requireFrom } = workerData;
  const module = { exports: {} };
  runInThisContext(wrapper + source + '\\n})', { filename })(module.exports, createRequire(requireFrom), module, filename, '.');
  const sketch = (module.exports && module.exports.default) ?? module.exports ?? {};
  const fields = {};
  for (const name of ['draw', 'setup', 'width', 'height', 'fps', 'frames']) fields[name] = shape(sketch[name]);
  parentPort.postMessage({ kind: 'loaded', fields });
} catch (error) {
  let message = 'an exception that is not an Error';
  let stack = '';
  try {
    message = typeof error?.message === 'string' ? error.message : String(error);
    stack = typeof error?.stack === 'string' ? error.stack : '';
  } catch {}
  parentPort.postMessage({ kind: 'failed', message, stack });
}
`;

/** A stand-in with the same shape as the sketch's exports, for the one validation loadSketch uses. */
function standIn(fields: Extract<FromThread, { kind: 'loaded' }>['fields']): Record<string, unknown> {
  const valueOf = (field: FieldShape): unknown => (field.type === 'undefined' ? undefined : field.type === 'function' ? () => undefined : (field.number ?? field.text ?? `a ${field.type}`));
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, valueOf(field)]));
}

/**
 * Reads what a user's sketch declares (width, height, fps, frames) without running its code in
 * this thread: a worker thread loads it, so a sketch whose top level never returns is stopped
 * after `timeoutSeconds`, and one that calls process.exit() ends only that thread. Bad exports get
 * the same messages as loadSketch.
 */
export function readSketchDeclarations(ref: SketchSource, options: { timeoutSeconds: number }): Promise<SketchDeclarations> {
  const filename = ref.filename ?? DEFAULT_FILENAME;
  const worker = new Worker(THREAD_CODE, {
    eval: true,
    workerData: { wrapper: COMMONJS_WRAPPER, source: ref.source, filename, requireFrom: __filename },
    // What the sketch prints while it loads is not the CLI's output (--json keeps stdout for its result).
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<SketchDeclarations>((resolve, reject) => {
    let exitCalled: number | undefined;
    let settled = false;
    const settle = (outcome: () => SketchDeclarations): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const timer = setTimeout(() => settle(() => { throw new SketchTimeoutError({ kind: 'load' }, options.timeoutSeconds); }), options.timeoutSeconds * 1000);
    worker.on('message', (message: FromThread) => {
      if (message.kind === 'exit-called') exitCalled = message.code;
      else if (message.kind === 'failed') {
        const { location } = sketchStackMapper(ref)(message.stack);
        settle(() => {
          throw new InvalidSketchError(`sketch ${filename} failed to load: ${message.message}${location ? ` (at ${location})` : ''}`);
        });
      } else {
        settle(() => {
          const { width, height, fps, frames } = validateSketch(standIn(message.fields), filename);
          return { width, height, fps, frames };
        });
      }
    });
    worker.on('error', (error) => settle(() => { throw new InvalidSketchError(`sketch ${filename} failed to load: ${error.message}`); }));
    worker.on('exit', (code) => settle(() => { throw new SketchExitError({ kind: 'load' }, exitCalled ?? code, exitCalled !== undefined); }));
  });
}
