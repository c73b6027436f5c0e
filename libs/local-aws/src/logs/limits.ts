/**
 * CloudWatch Logs' limit on one event: 256 KB (262,144 bytes) counting 26 bytes of overhead per
 * event, so a message holds at most 262,118 bytes of UTF-8. The awslogs driver splits longer
 * output into events of this size; PutLogEvents refuses them.
 */
export const MAX_EVENT_BYTES = 262_144;
export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_MESSAGE_BYTES = MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES;
/** PutLogEvents: at most 1,048,576 bytes per batch (messages plus 26 bytes each). */
export const MAX_BATCH_BYTES = 1_048_576;
