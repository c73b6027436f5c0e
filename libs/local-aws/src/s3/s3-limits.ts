/** S3's limit on a key, in UTF-8 bytes (KeyTooLongError above it). */
export const MAX_KEY_BYTES = 1024;
/** Current S3 bucket naming rules (3–63 characters, lower-case letters, digits, dots, hyphens). */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
