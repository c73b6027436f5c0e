import { createHash } from 'node:crypto';
import type { RunSettings } from './run-settings';

/**
 * What a chunk's pixels and boundaries depend on: everything in the settings but the run id and
 * the frame time limit (how long to wait, not what is drawn). Keys are sorted so the hash does
 * not depend on how the object was built.
 */
export function settingsHash(settings: RunSettings): string {
  const { runId: _runId, frameTimeoutSeconds: _frameTimeout, ...rendering } = settings;
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(rendering).sort(([a], [b]) => a.localeCompare(b))));
  return createHash('sha256').update(canonical).digest('hex');
}
