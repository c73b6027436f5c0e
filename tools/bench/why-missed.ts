/**
 * Why a target is missed and what would close it: what the profiles (tools/bench/profile.ts,
 * cpu-breakdown.ts) showed while these benchmarks were built. docs/benchmarks.md prints the
 * note under every target a run misses.
 */
export const WHY_MISSED = {
  cpu:
    'What is left above the ideal, measured on 2026-11-30 (cpu-breakdown.ts at 2, 240 and 960 frames; perf of the job threads at 960): ' +
    'per frame, the render jobs spend about 4.7 ms beside the ideal\'s 3.8 ms of drawing. In the sketch thread, about 2 ms: two 3.7 MB copies ' +
    '(canvas.data() copies the pixels out of the canvas, then into the buffer the main thread lent, since the canvas\'s memory cannot be ' +
    'transferred), the messages between the threads, and the drawing itself slowed by sharing the cores\' caches with x264. In the main thread, ' +
    'about 2.7 ms: the frame checksum (0.86 ms; a native CRC-32 is no faster), the pipe to ffmpeg (0.4 ms in the kernel), the rest of the event loop. ' +
    'Per run, a fixed cost: the CLI with its stack, about 1.3 s of CPU with a 2-frame run and some 40–60 ms more per second of a run (serving the ' +
    'jobs\' requests through the edge, whose SigV4 and IAM checks run per request; a poll of the run, about 10 ms, every 0.4–1 s), and 0.2–0.3 s for ' +
    'each job process (plan, encode and one per render job). x264 itself costs the same in framefarm as in the ideal (26.2–26.7 s against ' +
    '25.2–26.9 s at 960 frames). So the ratio falls with the frame count. What would close it: a readback into a buffer the job owns (a canvas ' +
    'API @napi-rs/canvas 1.1.1 does not have), a stack that outlives the run (`framefarm up`, which `framefarm run` joins), a watcher the stack ' +
    'notifies instead of one that polls.',
  wall:
    'The ideal\'s wall time is its CPU time spread over every core with nothing else running, so a run\'s fixed wall time counts in full against it: ' +
    'about 0.7 s before the plan job is submitted (the CLI loading its modules on Node 20, about 0.4 s, then starting the stack), the plan job (0.3 s), ' +
    'the encode job after the last chunk (0.6 s at 240 frames), up to one 400 ms poll before the CLI sees the end, and the report: about 1.8 s against ' +
    'an ideal of about 3.5 s at 240 frames. The render jobs keep both cores busy, so the per-frame cost of the CPU note adds to the wall time as well. ' +
    'On a shared machine every process gets a fraction of a core, so read wall ratios there with the load average above; the CPU ratio is the one to trust.',
  pipe:
    'On 2 cores a run can only be faster than the one-pipe script by using less CPU than it: the script keeps both cores busy (its Node process ' +
    'draws while a multi-threaded x264 encodes) and pays for nothing else; see its CPU ÷ ideal, 1.04–1.10×. framefarm pays the per-frame ' +
    'cost of the CPU note (the sketch in a thread of its own, issue 10; a checksum of every frame; two copies of every frame) and the fixed cost ' +
    'of a run: 16–20% more CPU than the script at 960 and 1,800 frames (the script\'s own cost varies from run to run, ' +
    'up to 13% at 1,800 frames: its getImageData readback lands on fresh memory on some frames and not on others). Being faster would take a per-frame cost near zero, which a job that ' +
    'keeps the sketch out of its main thread and checks every frame cannot have on this machine. What framefarm adds pays off where there are ' +
    'more cores than one script keeps busy (render jobs across instances on AWS), which a 2-core machine cannot show.',
  naive:
    'At 240 frames the naive baseline takes about 16 s, so 3× faster means about 5.2 s: about 1.5× the ideal\'s wall time, less than the render ' +
    'jobs\' busy cores plus the fixed wall time of a run (see the wall note). At 1,800 frames framefarm is more than 3× faster than the naive baseline.',
  sketch:
    'Short runs of cheap sketches are mostly fixed cost (see the CPU note): truchet draws a 1280×720 frame in a few milliseconds, so a second of ' +
    'process start-up weighs more against its ideal than against aurora\'s. The column framefarm − ideal shows what framefarm adds for each sketch: ' +
    '4–5.6 s at 240 frames, about 3 s of it fixed (the CLI with its stack, four job processes) and the rest the per-frame cost of the CPU note; against ' +
    'an ideal of 4.7–8.7 s that is more than the 1.5× allowed.',
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
