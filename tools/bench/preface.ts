/** The text at the top of docs/benchmarks.md: what is measured and how to read it. */
export const PREFACE = [
  'Every figure below is a ratio against a baseline measured in the same run, interleaved with it, as the median',
  '(min–max) of the repetitions (one each with `--reps 1`, where a range cannot be given): the machine these numbers',
  'come from is shared, so absolute times are noisy, and CPU time (user+sys of every process of a run) is less',
  'sensitive to load than wall time. A target is met when the median meets it; the "met" column also says in how many',
  'repetitions it was met on their own, since a target near its line lands on either side of it from one to the next.',
  'The fresh-memory line under the load average says what writing memory a process has never touched costs on that machine:',
  'every process a run starts pays it for its heap and buffers, while the ideal (one drawing process, one x264) hardly does,',
  'so where it is dear the CPU ratios against the ideal are worse for it.',
].join('\n');
