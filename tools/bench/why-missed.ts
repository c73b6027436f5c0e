/**
 * Why a target is missed and what would close it: what the profiles (tools/bench/profile.ts,
 * cpu-breakdown.ts) showed while these benchmarks were built. docs/benchmarks.md prints the
 * note under every target a run misses.
 */
export const WHY_MISSED = {
  cpu:
    'What is left above the ideal is mostly a fixed cost per run, not per frame (measured with cpu-breakdown.ts at 2 and 240 frames, 2026-11-30): ' +
    '`framefarm run` starts the local stack in its own process, about 1.3 s of CPU with a 2-frame run and 2 s at 240 frames (loading its modules, ' +
    'now from a V8 code cache; serving the run through the edge, whose SigV4 and IAM checks run per request; streaming the segments and the video ' +
    'through the edge and s3rver; about 12 ms per poll of the run; the report, which embeds a video under 8 MB as base64), and each job is a Node ' +
    'process that loads a 3.3 MB bundle with the AWS SDK and OpenTelemetry (about 0.15 s of CPU to start with the code cache the CLI fills, about ' +
    '0.3 s in all for a render job: plan, encode and one per render job). Per frame, the render job\'s main thread spends about 3 ms beside the ' +
    'drawing (the frame checksum, the copy out of the canvas, the pipe to ffmpeg, messages between the threads). So the ratio falls with the frame ' +
    'count (the sketch table: framefarm − ideal is about the same for every sketch). What would close it further: a stack that outlives the run ' +
    '(`framefarm up`, which `framefarm run` joins), the CLI on the job Node (Node 24 starts and serves the same CLI cheaper than Node 20, and has ' +
    '`module.enableCompileCache`), segments that go from the render jobs to the store without a second hop inside the stack, a watcher the stack ' +
    'notifies instead of one that polls.',
  wall:
    'The ideal\'s wall time is its CPU time spread over every core with nothing else running, so a run\'s fixed wall time counts in full against it: ' +
    'about 0.7 s before the plan job is submitted (the CLI loading its modules on Node 20, about 0.4 s, then starting the stack), the plan job (0.35 s), ' +
    'the encode job after the last chunk (0.5–0.6 s at 240 frames), up to one 400 ms poll before the CLI sees the end, and the report. Against 4.7 s ' +
    'at 240 frames that is 40%; at 960 and 1,800 frames the wall target is met. On a shared machine every process gets a fraction of a core, so read ' +
    'wall ratios there with the load average above; the CPU ratio is the one to trust.',
  pipe:
    'The one-pipe script uses less CPU than the ideal (see its CPU ÷ ideal): the ideal\'s drawing is measured flat out in a process of its own, ' +
    'and most of what it costs beyond the drawing is system time for the 3.7 MB buffer every pixel readback allocates (getImageData; page faults, ' +
    '0.1–1.3 s per 240 frames on this machine, varying from run to run), which the script, throttled by x264, pays less of. framefarm\'s render jobs ' +
    'pay the same readback in the sketch thread (about 10 ms a frame of the thread\'s 15 ms in a profile, drawing included) plus about 3 ms a frame ' +
    'in the main thread (the checksum, the copy into a buffer the main thread owns, the pipe) and the run\'s fixed costs. What would close it: ' +
    'a readback into a reused buffer (@napi-rs/canvas 1.1.1 has none: getImageData and canvas.data() each allocate), then the fixed costs above.',
  naive:
    'At 240 frames the naive baseline takes about 16 s, so 3× faster means about 5.4 s: 1.15× the ideal\'s wall time, less than the ideal plus ' +
    'the fixed wall time of a run (see the wall note). At 1,800 frames framefarm is about 3× faster than the naive baseline.',
  sketch:
    'Short runs of cheap sketches are all fixed cost (see the CPU note): truchet draws a 1280×720 frame in a few milliseconds, so a second of process start-up is ' +
    'several times its whole drawing. The column framefarm − ideal shows that cost is the same whatever the sketch.',
  engine:
    'At the quick size (500 children) the engine\'s fixed costs (an engine process, the SDK, the queue and definition set-up) weigh more than at 10,000, ' +
    'and under load xargs, a C loop, keeps its speed better than a Node event loop that shares the cores. On 2 cores the engine is CPU-bound, not idle: ' +
    'the CPU-per-job column shows the engine process and its launcher shells spending more per job than xargs and its process together, spread thin over ' +
    'the launch line, the pipe reads, the journal and the scheduling pass (tools/bench-batch/README.md). Closing it means less Node work per job, not a faster process start.',
  engineSandbox:
    'The engine starts every job in a bubblewrap sandbox (a read-only root, its own PID, IPC and mount namespaces, its own /proc, /dev and /tmp), ' +
    'and bare `true` pays nothing of that: creating and tearing down those namespaces costs each process several milliseconds, mostly in the kernel ' +
    '(measured with xargs -P 2 on this machine, each of --unshare-ipc, --proc and --dev adds several milliseconds of wall time per process, little of it user CPU). The rows below measure the same work on both sides: xargs starting ' +
    'each `true` through the engine\'s bwrap command, and the engine without the sandbox against bare xargs. Closing this row would mean a cheaper sandbox ' +
    '(e.g. reusing namespaces across the jobs of one array), not a faster engine.',
  api:
    'The local Batch API answers from memory; on a loaded machine a request waits for the event loop of a process that shares two cores with everything else. ' +
    'Run the benchmark on a quiet machine before reading much into it; if it holds there, profile the edge (SigV4 verification) and the SubmitJob validation.',
};
