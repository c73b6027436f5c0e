/**
 * S3 lifecycle filters take a literal prefix, not `runs/*\/chunks/`, so intermediate objects
 * (chunk segments and chunk manifests) are marked with this tag when written
 * (PutObject `Tagging: "framefarm-lifecycle=intermediate"`), and the AWS stack's bucket expires
 * tagged objects after a few days.
 */
export const INTERMEDIATE_OBJECT_TAG = { key: 'framefarm-lifecycle', value: 'intermediate' } as const;

/** The PutObject `Tagging` value of INTERMEDIATE_OBJECT_TAG. */
export const INTERMEDIATE_OBJECT_TAGGING = `${INTERMEDIATE_OBJECT_TAG.key}=${INTERMEDIATE_OBJECT_TAG.value}`;
