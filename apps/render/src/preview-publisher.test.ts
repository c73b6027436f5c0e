import { PreviewPublisher } from './preview-publisher';

describe('PreviewPublisher', () => {
  const frame = (n: number): Buffer => Buffer.from([n]);

  it('publishes the first frame, then at most one frame per interval', async () => {
    let now = 0;
    const published: number[] = [];
    const previews = new PreviewPublisher(async (rgba) => void published.push(rgba[0]), () => undefined, 3000, () => now);
    for (const [at, n] of [[0, 0], [1000, 1], [2999, 2], [3000, 3], [3001, 4], [7000, 5]]) {
      now = at;
      previews.offer(frame(n));
      await previews.settle();
    }
    expect(published).toEqual([0, 3, 5]);
  });

  it('skips frames while an upload is still in flight instead of queueing them', async () => {
    let now = 0;
    let release: () => void = () => undefined;
    const published: number[] = [];
    const previews = new PreviewPublisher(
      (rgba) => {
        published.push(rgba[0]);
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => undefined,
      1000,
      () => now,
    );
    previews.offer(frame(0));
    now = 5000;
    previews.offer(frame(1));
    expect(published).toEqual([0]);
    release();
    await previews.settle();
    previews.offer(frame(2));
    expect(published).toEqual([0, 2]);
  });

  it('says when a preview made ahead would be published, once until it is offered', async () => {
    let now = 0;
    const published: number[] = [];
    const previews = new PreviewPublisher(async (rgba) => void published.push(rgba[0]), () => undefined, 3000, () => now);
    expect([previews.due(), previews.due()]).toEqual([true, false]);
    previews.offer(frame(0));
    await previews.settle();
    now = 2999;
    expect(previews.due()).toBe(false);
    now = 3000;
    expect(previews.due()).toBe(true);
    previews.offer(frame(1));
    await previews.settle();
    expect(published).toEqual([0, 1]);
  });

  it('reports a failed upload and goes on', async () => {
    let now = 0;
    const failures: number[] = [];
    const previews = new PreviewPublisher(
      async (rgba) => {
        if (rgba[0] === 0) throw new Error('S3 said no');
      },
      (_error, count) => failures.push(count),
      1000,
      () => now,
    );
    previews.offer(frame(0));
    await previews.settle();
    now = 2000;
    previews.offer(frame(1));
    await previews.settle();
    expect(failures).toEqual([1]);
  });
});
