import type { FramefarmRun } from './framefarm-run';
import { markdownTable } from './report';

/** A wall-time target as the longest a whole run may take (end-to-end.ts sets them with its targets). */
export interface WallLimit {
  what: string;
  seconds: number;
}

/** The medians over a run's repetitions (s): the ideal's wall time and each phase of framefarm's split. */
export interface MedianWalls {
  ideal: number;
  split: FramefarmRun['split'];
}

/**
 * For each wall-time target: how long the whole run may take, what the phases around the render
 * jobs took (the CLI's start-up and finish, plan, the queue wait, the encode job), and what that
 * leaves the render phase, against the ideal's wall time and what the render phase took.
 */
export function renderBudgetRows(limits: WallLimit[], { ideal, split }: MedianWalls): string[][] {
  const around = split.startup + split.plan + split.queue + split.join;
  const render = split.render;
  return limits.map(({ what, seconds }) => {
    const left = seconds - around;
    return [what, `${seconds.toFixed(2)} s`, `${around.toFixed(2)} s`, `${left.toFixed(2)} s (${(left / ideal).toFixed(2)}×)`, `${render.toFixed(2)} s (${(render / ideal).toFixed(2)}×)`];
  });
}

/** The note under the end-to-end targets that turns each wall-time target into the render phase it allows. */
export function renderBudgetNote(rows: string[][]): string {
  return [
    'What each wall-time target leaves the render jobs, from this run\'s medians: the target fixes how long the whole run may take; ' +
      'the phases before and after the render jobs (the CLI\'s start-up and finish, the plan job, the queue wait, the encode job) take what they take; ' +
      'the rest is the render phase\'s, shown against the ideal\'s wall time. The render jobs draw and encode every frame on the cores over ' +
      'which the ideal spreads its CPU, so a render phase much below 1.00× the ideal is out of reach; only their cheaper frame conversion ' +
      '(I420 in WebAssembly, where the ideal\'s ffmpeg converts RGBA: about 1.7 ms of CPU a frame) can take it a little under. Where the ' +
      'render phase is left less than that, the target needs shorter phases around it first, not faster rendering.',
    '',
    markdownTable({ headers: ['target', 'the whole run may take', 'before and after the render jobs', 'left for the render phase (÷ ideal\'s wall)', 'render phase measured (÷ ideal\'s wall)'], rows }),
  ].join('\n');
}
