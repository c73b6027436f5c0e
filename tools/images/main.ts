/**
 * Builds the three job images here and runs them, without Docker:
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/images/main.ts
 *
 * 1. a stand-in for node:24-bookworm-slim (stand-in-base.ts),
 * 2. each apps/<app>/Dockerfile built on it with buildah (its own build checks run as RUN steps),
 * 3. start-up checks inside each image as its user (start-up-checks.ts),
 * 4. one render through the local stack with every job inside its image (render-in-images.ts),
 * 5. on success, tools/images/verified-inputs.sha256 records the inputs it verified, so CI runs
 *    this again only when they change (`node tools/images/inputs.mjs --verified`).
 * Needs root, buildah, debootstrap and util-linux's unshare (Debian: `apt-get install buildah debootstrap`).
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { STEPS, type StepName } from '@framefarm/job-specs';
import { buildImages, REPO_ROOT } from './build-images';
import { openImageRoot, type ImageRoot } from './image-root';
import { renderInImages } from './render-in-images';
import { buildStandInBase } from './stand-in-base';
import { startUpChecks } from './start-up-checks';

const started = Date.now();
const log = (line: string) => console.log(`images [${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root: debootstrap, the chroot and the mounts of run-in-image.sh need it');
  const { inputsHash, VERIFIED_FILE } = await import('./inputs.mjs');
  const inputs = await inputsHash();

  log('bundling plan, render and encode');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...STEPS, '--output-style=static'], { cwd: REPO_ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'pipe' });
  const base = await buildStandInBase(log);
  log(`stand-in base ${base}`);
  const images = await buildImages(base, log);

  const roots = {} as Record<StepName, ImageRoot>;
  try {
    for (const step of STEPS) {
      roots[step] = await openImageRoot(images[step]);
      await startUpChecks(step, roots[step]);
      log(`${images[step]}: start-up checks passed (uid ${roots[step].uid}, ${roots[step].workdir}, ${roots[step].entrypoint.join(' ')})`);
    }
    const render = await renderInImages(roots, log);
    log(`run ${render.runId}: plan → render ×3 → encode succeeded inside the images in ${render.seconds.toFixed(1)} s`);
  } finally {
    for (const root of Object.values(roots)) await root.remove().catch(() => undefined);
  }
  await writeFile(VERIFIED_FILE, `${inputs}\n`);
  log(`verified; tools/images/verified-inputs.sha256 = ${inputs.slice(0, 12)}… (commit it)`);
}

main().catch((error: Error) => {
  console.error(`images: ${error.name}: ${error.message}`);
  process.exit(1);
});
