/** A job was started without the configuration it needs (bucket, table, …). */
export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
}

/** A manifest in S3 does not match its schema: it was written by something else or corrupted. */
export class InvalidManifestError extends Error {
  override readonly name = 'InvalidManifestError';
}

/** A SKETCH value that is neither a built-in name nor an s3:// URL of an uploaded sketch. */
export class InvalidSketchRefError extends Error {
  override readonly name = 'InvalidSketchRefError';
}

/** The same RUN_ID was planned before with different settings. */
export class RunConflictError extends Error {
  override readonly name = 'RunConflictError';
}

/** A stored object's bytes do not hash to what its manifest or key says. */
export class ChecksumMismatchError extends Error {
  override readonly name = 'ChecksumMismatchError';
}
