import { Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium by default (`.ci/run` installs it); CHROMIUM_PATH names another build, such as
 * the Google Chrome of GitHub's runners. The flags keep it off a network this machine does not have.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
