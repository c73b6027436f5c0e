import { setFlagsFromString } from 'node:v8';

// The CLI idles while the jobs render, then streams the segments and the video through the local
// stack and writes the report. After the idle phase V8 grows the old generation by as little as
// ~10% past the live heap (~40 MB), so that burst ran 6–9 full mark-compacts at 240 frames;
// growing by 100% runs 1–2, for at most a few tens of MB more memory in a short-lived process.
// The flag is read at every limit computation, so setting it at start-up takes effect.
setFlagsFromString('--heap-growing-percent=100');
