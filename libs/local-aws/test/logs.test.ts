import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CoreServices } from '../src/core-services';
import { logsClient, removeDir, startCore, tempStateDir } from './helpers';

const GROUP = '/aws/batch/job';

describe('CloudWatch Logs through the edge', () => {
  let stateDir: string;
  let core: CoreServices;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    stateDir = tempStateDir();
    core = await startCore(stateDir);
    logs = logsClient(core);
  });
  afterAll(async () => {
    logs.destroy();
    await core.stop();
    removeDir(stateDir);
  });

  it('creates groups and streams and reports AWS errors by name', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/framefarm/tests' }));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: '/framefarm/tests' }))).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    await expect(logs.send(new CreateLogStreamCommand({ logGroupName: '/missing', logStreamName: 's' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/framefarm/tests', logStreamName: 'one' }));
    await expect(logs.send(new PutLogEventsCommand({ logGroupName: '/framefarm/tests', logStreamName: 'two', logEvents: [{ timestamp: 1, message: 'x' }] }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/framefarm/' }));
    expect(logGroups?.map((g) => g.logGroupName)).toEqual(['/framefarm/tests']);
    expect(logGroups?.[0].arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/framefarm/tests:*');
  });

  it('reads what the Batch engine wrote to the shared LogStore, with GetLogEvents tokens that allow polling', async () => {
    const stream = 'framefarm-render/default/task-a';
    core.logStore.append(
      GROUP,
      stream,
      Array.from({ length: 25 }, (_, i) => ({ timestamp: 1_000 + i, message: `line ${i}` })),
    );

    // Newest first page by default, oldest first with startFromHead; events always ascending.
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, limit: 10 }));
    expect(tail.events?.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${15 + i}`));
    const back = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, limit: 10, nextToken: tail.nextBackwardToken }));
    expect(back.events?.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${5 + i}`));

    const head = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, limit: 10, startFromHead: true }));
    expect(head.events?.[0]).toMatchObject({ timestamp: 1_000, message: 'line 0' });

    // Follow forward until the token stops changing (on AWS too the paginator needs stopOnSameToken).
    const seen: string[] = [];
    for await (const page of paginateGetLogEvents({ client: logs, pageSize: 10, stopOnSameToken: true }, { logGroupName: GROUP, logStreamName: stream, startFromHead: true })) {
      seen.push(...(page.events ?? []).map((e) => e.message ?? ''));
    }
    expect(seen).toHaveLength(25);
    expect(seen[24]).toBe('line 24');

    // Caught up: the forward token comes back unchanged until new events arrive.
    const caughtUp = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, nextToken: tail.nextForwardToken }));
    expect(caughtUp.events).toEqual([]);
    expect(caughtUp.nextForwardToken).toBe(tail.nextForwardToken);
    await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: [{ timestamp: 2_000, message: 'line 25' }] }));
    const next = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, nextToken: caughtUp.nextForwardToken }));
    expect(next.events?.map((e) => e.message)).toEqual(['line 25']);
    expect(next.nextForwardToken).not.toBe(caughtUp.nextForwardToken);
  });

  it('filters time ranges in GetLogEvents', async () => {
    const stream = 'framefarm-plan/default/task-t';
    core.logStore.append(GROUP, stream, [1, 2, 3, 4, 5].map((t) => ({ timestamp: t * 100, message: `t${t}` })));
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, startTime: 200, endTime: 400, startFromHead: true }));
    expect(events?.map((e) => e.message)).toEqual(['t2', 't3', 't4']);
  });

  it('describes streams by prefix, by last event time, and in pages', async () => {
    const group = '/framefarm/describe';
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const [name, t] of [['render/b', 30], ['render/a', 20], ['encode/x', 10]] as const) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: name, logEvents: [{ timestamp: t, message: name }] }));
    }
    const byPrefix = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'render/' }));
    expect(byPrefix.logStreams?.map((s) => s.logStreamName)).toEqual(['render/a', 'render/b']);
    const newest = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 1 }));
    expect(newest.logStreams?.map((s) => [s.logStreamName, s.lastEventTimestamp])).toEqual([['render/b', 30]]);
    const rest = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true, nextToken: newest.nextToken }));
    expect(rest.logStreams?.map((s) => s.logStreamName)).toEqual(['render/a', 'encode/x']);
    expect(rest.nextToken).toBeUndefined();
    await expect(logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', logStreamNamePrefix: 'r' }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('filters events across streams by name, prefix, pattern and time, in pages', async () => {
    const group = '/framefarm/filter';
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const name of ['job/1', 'job/2', 'other/1']) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
    }
    await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'job/1', logEvents: [{ timestamp: 10, message: 'ERROR frame 3' }, { timestamp: 30, message: 'ok' }] }));
    await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'job/2', logEvents: [{ timestamp: 20, message: 'ERROR frame 9' }, { timestamp: 40, message: 'ERROR timeout' }] }));
    await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'other/1', logEvents: [{ timestamp: 15, message: 'ERROR elsewhere' }] }));

    const byPrefix = await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNamePrefix: 'job/', filterPattern: 'ERROR' }));
    expect(byPrefix.events?.map((e) => [e.logStreamName, e.message])).toEqual([
      ['job/1', 'ERROR frame 3'],
      ['job/2', 'ERROR frame 9'],
      ['job/2', 'ERROR timeout'],
    ]);
    const byNames = await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['job/1', 'other/1'], startTime: 12, endTime: 35 }));
    expect(byNames.events?.map((e) => e.message)).toEqual(['ERROR elsewhere', 'ok']);
    const phrase = await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '"frame 9"' }));
    expect(phrase.events?.map((e) => e.message)).toEqual(['ERROR frame 9']);

    const pages: string[][] = [];
    const eventIds = new Set<string>();
    for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName: group, limit: 2 })) {
      pages.push((page.events ?? []).map((e) => e.message ?? ''));
      for (const e of page.events ?? []) eventIds.add(e.eventId ?? '');
    }
    expect(pages).toEqual([['ERROR frame 3', 'ERROR elsewhere'], ['ERROR frame 9', 'ok'], ['ERROR timeout']]);
    expect(eventIds.size).toBe(5); // ids are unique, so `aws logs tail --follow` can de-duplicate
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['job/1'], logStreamNamePrefix: 'job/' }))).rejects.toBeInstanceOf(InvalidParameterException);
  });
});
