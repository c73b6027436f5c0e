/** A sketch that cannot be found, loaded or run: the message says which and what to fix. */
export class InvalidSketchError extends Error {
  override readonly name = 'InvalidSketchError';
}

/** esbuild could not bundle a user's sketch file. */
export class SketchBundleError extends Error {
  override readonly name = 'SketchBundleError';
}
