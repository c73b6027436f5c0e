/**
 * @napi-rs/canvas allocates with its own mimalloc, which gives memory that was freed back to the
 * kernel 10 ms later (its purge delay). A render job frees a 3.7 MB pixel readback every frame, so
 * the readbacks kept landing on memory the kernel had to fault in and zero again, in 2 MB huge
 * pages: about 1 ms of system time a frame on the benchmark machine, at times several. Kept, freed
 * memory is reused by the frames that follow. The cost: what the sketch allocates and frees is not
 * given back either, so a job keeps the most memory it ever used until it exits.
 *
 * mimalloc reads its options from the environment when the native module loads, so this runs
 * before the sketch thread starts. A value the job was given is left as it is.
 */
export function keepCanvasMemory(env: NodeJS.ProcessEnv = process.env): void {
  env.MIMALLOC_PURGE_DELAY ??= '-1';
}
