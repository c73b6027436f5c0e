import type { RunSettingKey } from '../run-settings';

/**
 * Values every entry point (CLI flags, the plan job's environment, the Step Functions input, the
 * manifest) must refuse with the same rule. Tests drive them through each and expect `rule` in
 * the message, after the entry point's own name for the setting.
 */
export const BAD_SETTINGS: readonly { key: RunSettingKey; value: string; rule: string }[] = [
  { key: 'fps', value: '200', rule: 'must be at most 120' },
  { key: 'fps', value: '0', rule: 'must be at least 1' },
  { key: 'height', value: '6000', rule: 'must be at most 4320' },
  { key: 'width', value: '7682', rule: 'must be at most 7680' },
  { key: 'width', value: '321', rule: 'must be even' },
  { key: 'height', value: '8', rule: 'must be at least 16' },
  { key: 'totalFrames', value: '0x10', rule: 'must be a whole number' },
  { key: 'totalFrames', value: '1e2', rule: 'must be a whole number' },
  { key: 'totalFrames', value: '1000001', rule: 'must be at most 1000000' },
  { key: 'framesPerRenderJob', value: '2.5', rule: 'must be a whole number' },
  { key: 'framesPerRenderJob', value: '-3', rule: 'must be a whole number' },
  { key: 'runId', value: 'no spaces', rule: 'must be 1–64 letters, digits, - or _' },
  { key: 'runId', value: 'r'.repeat(65), rule: 'must be 1–64 letters, digits, - or _' },
  { key: 'runId', value: '_leading', rule: 'must be 1–64 letters, digits, - or _' },
  { key: 'seed', value: 's'.repeat(201), rule: 'must be at most 200 characters' },
  { key: 'frameTimeoutSeconds', value: '0', rule: 'must be at least 1' },
  { key: 'frameTimeoutSeconds', value: '3601', rule: 'must be at most 3600' },
  { key: 'frameTimeoutSeconds', value: '2.5', rule: 'must be a whole number' },
  { key: 'frameTimeoutSeconds', value: '60s', rule: 'must be a whole number' },
];

/** Valid settings as text, to put one bad value into. */
export const GOOD_SETTINGS_TEXT: Record<RunSettingKey, string> = {
  runId: 'table-run',
  sketch: 'aurora',
  seed: 'framefarm',
  width: '320',
  height: '180',
  fps: '24',
  totalFrames: '48',
  framesPerRenderJob: '12',
  frameTimeoutSeconds: '30',
};
