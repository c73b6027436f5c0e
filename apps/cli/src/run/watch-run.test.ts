import { pollInterval } from './watch-run';

describe('the CLI polls a run', () => {
  it('every 400 ms while the plan runs and around the encode, when the run waits on a change of stage', () => {
    expect(pollInterval({ stage: 'submitted', chunksDone: 0, chunks: 4 })).toBe(400);
    expect(pollInterval({ stage: 'planning', chunksDone: 0, chunks: 4 })).toBe(400);
    expect(pollInterval({ stage: 'rendering', chunksDone: 4, chunks: 4 })).toBe(400);
    expect(pollInterval({ stage: 'encoding', chunksDone: 4, chunks: 4 })).toBe(400);
  });

  it('every second while render jobs draw frames, when a poll only moves the progress bar', () => {
    expect(pollInterval({ stage: 'rendering', chunksDone: 0, chunks: 4 })).toBe(1000);
    expect(pollInterval({ stage: 'rendering', chunksDone: 3, chunks: 4 })).toBe(1000);
  });
});
