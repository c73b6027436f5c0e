/** The text at the top of docs/benchmarks.md: what is measured and how to read it. */
export const PREFACE = [
  'Every figure below is a ratio against a baseline measured in the same run, interleaved with it, as the median',
  '(min–max) of the repetitions (one each with `--reps 1`, where a range cannot be given): the machine these numbers',
  'come from is shared, so absolute times are noisy, and CPU time (user+sys of every process of a run) is less',
  'sensitive to load than wall time.',
].join('\n');
