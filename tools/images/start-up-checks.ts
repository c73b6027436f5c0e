import { JOB_NODE_MAJOR, type StepName } from '@framefarm/job-specs';
import { run } from './buildah';
import type { ImageRoot } from './image-root';

/**
 * Checks of a built image, run inside it the way its entrypoint runs (its user, working directory
 * and environment): the user is uid 1000, Node is the jobs' major, the bundle parses, and the
 * native packages the program loads work from /app as that user (the Dockerfile checked them in
 * its build stage, as root; this checks the copies the final image has).
 */
const STEP_CHECKS: Record<StepName, string> = {
  plan: '',
  render: `require("@napi-rs/canvas").createCanvas(2, 2).getContext("2d").fillRect(0, 0, 1, 1);
    require("child_process").execFileSync(require("@ffmpeg-installer/ffmpeg").path, ["-version"]);`,
  encode: `for (const tool of ["@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe"]) require("child_process").execFileSync(require(tool).path, ["-version"]);`,
};

export async function startUpChecks(step: StepName, root: ImageRoot): Promise<void> {
  const [node, bundle] = root.entrypoint;
  if (node !== 'node' || !bundle) throw new Error(`${root.image}: entrypoint ${JSON.stringify(root.entrypoint)} is not node <bundle>`);
  const script = `
    const id = require("child_process").execFileSync("id", ["-u"]).toString().trim();
    if (id !== "1000") throw new Error("runs as uid " + id + ", not 1000");
    if (process.versions.node.split(".")[0] !== "${JOB_NODE_MAJOR}") throw new Error("Node " + process.version);
    if (process.cwd() !== ${JSON.stringify(root.workdir)}) throw new Error("cwd " + process.cwd());
    ${STEP_CHECKS[step]}
    console.log("ok " + id + " " + process.version);`;
  await run(root.runPrefix[0], [...root.runPrefix.slice(1), node, '--check', bundle]);
  const out = (await run(root.runPrefix[0], [...root.runPrefix.slice(1), node, '-e', script])).trim();
  if (!out.startsWith('ok 1000 v')) throw new Error(`${root.image}: start-up check printed "${out}"`);
}
