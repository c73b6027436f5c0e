/**
 * The sketch thread's own bundle (sketch-thread-entry.ts and what it imports) as code, for a worker
 * started with `eval`. The render build puts it here (sketch-thread-code.esbuild.cjs replaces this
 * module's body); unbundled, as the unit tests run the sources, it is undefined, and the thread
 * starts from the render bundle itself (main.ts).
 */
export const SKETCH_THREAD_CODE: string | undefined = undefined;
