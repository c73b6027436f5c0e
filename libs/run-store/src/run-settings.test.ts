import { InvalidEnvironmentError, isRunId, newRunId, readRunSettings, RUN_SETTING_ENV, runIdForJob, RunSettingsSchema, settingFromText } from './index';
import { BAD_SETTINGS, GOOD_SETTINGS_TEXT } from './testing';

const goodEnv = Object.fromEntries(Object.entries(GOOD_SETTINGS_TEXT).map(([key, value]) => [RUN_SETTING_ENV[key as keyof typeof RUN_SETTING_ENV], value]));

describe('one definition of the run settings', () => {
  it('accepts the good settings at every entry point', () => {
    const settings = readRunSettings(goodEnv);
    expect(RunSettingsSchema.parse(settings)).toEqual(settings);
  });

  it.each(BAD_SETTINGS)('the job environment and the manifest refuse $key=$value: $rule', ({ key, value, rule }) => {
    expect(() => readRunSettings({ ...goodEnv, [RUN_SETTING_ENV[key]]: value })).toThrow(InvalidEnvironmentError);
    expect(() => readRunSettings({ ...goodEnv, [RUN_SETTING_ENV[key]]: value })).toThrow(`${RUN_SETTING_ENV[key]} ${rule}`);
    // The manifest holds numbers: a text the environment refuses as such is refused as its number too.
    const stored = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    const manifest = RunSettingsSchema.safeParse({ ...readRunSettings(goodEnv), [key]: stored });
    expect(manifest.success).toBe(false);
    if (!/whole number/.test(rule)) expect(manifest.error?.issues[0]?.message).toContain(rule);
  });

  it('reads numbers in plain decimal only', () => {
    expect(settingFromText('fps').parse(' 24 ')).toBe(24);
    for (const text of ['0x10', '1e2', '12.0', '+5', '']) expect(settingFromText('fps').safeParse(text).success).toBe(false);
  });

  it('makes run ids that pass its own rule', () => {
    expect(newRunId({ now: new Date('2026-11-21T12:00:00Z'), random: () => 0.5 })).toBe('run-20261121120000-i000');
    expect(newRunId({ prefix: 'sfn' })).toMatch(/^sfn-\d{14}-[0-9a-z]{4}$/);
    expect(isRunId(newRunId())).toBe(true);
    expect(runIdForJob('a1:b2')).toBe('run-a1-b2');
    expect(isRunId(runIdForJob('x'.repeat(200)))).toBe(true);
    expect(isRunId('Run_1')).toBe(true);
    expect(isRunId('r'.repeat(5000))).toBe(false);
  });
});
