import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildah, WORK_DIR } from './buildah';

/** What a container runtime takes from an image to start it (OCI image config). */
export interface ImageConfig {
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  User?: string;
  Env?: string[];
}

/** A working container of an image: its file system on disk, and how the image says to run it. */
export interface ImageRoot {
  image: string;
  container: string;
  rootfs: string;
  /** `uid:gid` of the image's USER, looked up in the image's own /etc/passwd. */
  user: string;
  uid: number;
  workdir: string;
  /** A file of NAME=value lines: the image's environment plus HOME of its user. */
  envFile: string;
  entrypoint: string[];
  /** The prefix that runs a command the way a runtime would run this image's entrypoint. */
  runPrefix: string[];
  remove(): Promise<void>;
}

export const RUN_IN_IMAGE = join(__dirname, 'run-in-image.sh');

export async function openImageRoot(image: string): Promise<ImageRoot> {
  const inspected = JSON.parse(await buildah(['inspect', '--type', 'image', image])) as { OCIv1: { config: ImageConfig } };
  const config = inspected.OCIv1.config;
  const container = (await buildah(['from', '--pull-never', image])).trim();
  const rootfs = (await buildah(['mount', container])).trim();
  const account = await lookUpUser(rootfs, config.User || 'root');
  const envFile = join(WORK_DIR, `${container}.env`);
  await writeFile(envFile, [...(config.Env ?? []), `HOME=${account.home}`].map((line) => `${line}\n`).join(''));
  const user = `${account.uid}:${account.gid}`;
  const workdir = config.WorkingDir || '/';
  return {
    image,
    container,
    rootfs,
    user,
    uid: account.uid,
    workdir,
    envFile,
    entrypoint: [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])],
    runPrefix: [RUN_IN_IMAGE, rootfs, user, workdir, envFile],
    remove: async () => {
      await buildah(['rm', container]);
    },
  };
}

async function lookUpUser(rootfs: string, user: string): Promise<{ uid: number; gid: number; home: string }> {
  const [name, group] = user.split(':');
  const passwd = (await readFile(join(rootfs, 'etc/passwd'), 'utf8')).split('\n').map((line) => line.split(':'));
  const entry = passwd.find((fields) => fields[0] === name || fields[2] === name);
  if (!entry) throw new Error(`the image's user "${user}" is not in its /etc/passwd`);
  const gid = group === undefined ? Number(entry[3]) : Number(group);
  return { uid: Number(entry[2]), gid, home: entry[5] || '/' };
}
