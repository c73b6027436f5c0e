import { MAX_MESSAGE_BYTES } from './limits';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { LogEvent, LogStore } from './log-store';
import { compileFilterPattern } from './filter-pattern';
import { groupNotFound, invalidParameter, LogsApiError, streamNotFound } from './logs-errors';
import { decodePageToken, encodePageToken } from './page-token';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

/** The subset of CloudWatch Logs (`Logs_20140328`) the local stack serves, on top of a LogStore. */
export interface LogsApiOptions {
  store: LogStore;
  region: string;
  accountId: string;
}

type Operation = (input: unknown) => unknown;

const name = z.string().check(z.minLength(1), z.maxLength(512));
const limit = (max: number) => z.optional(z.int().check(z.gte(1), z.lte(max)));
const time = z.optional(z.int().check(z.gte(0)));

const schemas = {
  createLogGroup: z.object({ logGroupName: name }),
  createLogStream: z.object({ logGroupName: name, logStreamName: name }),
  describeLogGroups: z.object({ logGroupNamePrefix: z.optional(z.string()), logGroupNamePattern: z.optional(z.string()), limit: limit(50), nextToken: z.optional(z.string()) }),
  describeLogStreams: z.object({
    logGroupName: z.optional(name),
    logGroupIdentifier: z.optional(name),
    logStreamNamePrefix: z.optional(z.string()),
    orderBy: z.optional(z.enum(['LogStreamName', 'LastEventTime'])),
    descending: z.optional(z.boolean()),
    limit: limit(50),
    nextToken: z.optional(z.string()),
  }),
  putLogEvents: z.object({
    logGroupName: name,
    logStreamName: name,
    logEvents: z
      .array(
        z.object({
          timestamp: z.int().check(z.gte(0)),
          message: z.string().check(
            z.minLength(1),
            z.refine((m) => Buffer.byteLength(m, 'utf8') <= MAX_MESSAGE_BYTES, 'Log event too large: a message may hold at most 262,118 bytes (256 KB per event).'),
          ),
        }),
      )
      .check(z.minLength(1), z.maxLength(10_000)),
    sequenceToken: z.optional(z.string()),
  }),
  getLogEvents: z.object({
    logGroupName: z.optional(name),
    logGroupIdentifier: z.optional(name),
    logStreamName: name,
    startTime: time,
    endTime: time,
    nextToken: z.optional(z.string()),
    limit: limit(10_000),
    startFromHead: z.optional(z.boolean()),
    unmask: z.optional(z.boolean()),
  }),
  filterLogEvents: z.object({
    logGroupName: z.optional(name),
    logGroupIdentifier: z.optional(name),
    logStreamNames: z.optional(z.array(name).check(z.minLength(1), z.maxLength(100))),
    logStreamNamePrefix: z.optional(z.string()),
    startTime: time,
    endTime: time,
    filterPattern: z.optional(z.string()),
    nextToken: z.optional(z.string()),
    limit: limit(10_000),
    interleaved: z.optional(z.boolean()),
    unmask: z.optional(z.boolean()),
  }),
};

function parse<T extends z.ZodMiniType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalidParameter(`1 validation error detected: Value at '${issue.path.join('.') || 'body'}' failed to satisfy constraint: ${issue.message}`);
  }
  return result.data;
}

const isOffset = (v: unknown): v is { o: number } => typeof v === 'object' && v !== null && Number.isInteger((v as { o: unknown }).o) && (v as { o: number }).o >= 0;

/** The position tokens of GetLogEvents: `f/<index>` reads on after, `b/<index>` reads back from an event. */
function parseEventToken(token: string): { direction: 'f' | 'b'; position: number } {
  const match = /^([fb])\/(\d{1,40})$/.exec(token);
  if (!match) throw invalidParameter(`The specified nextToken is invalid: "${token.slice(0, 64)}"`);
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) };
}
const eventToken = (direction: 'f' | 'b', position: number): string => `${direction}/${String(position).padStart(20, '0')}`;

function inTimeRange(event: LogEvent, startTime?: number, endTime?: number): boolean {
  return (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp <= endTime);
}

function streamKey(stream: string): string {
  return createHash('sha1').update(stream).digest('hex').slice(0, 16);
}

export function createLogsApi({ store, region, accountId }: LogsApiOptions): Record<string, Operation> {
  const groupArn = (group: string): string => `arn:aws:logs:${region}:${accountId}:log-group:${group}`;
  const streamArn = (group: string, stream: string): string => `${groupArn(group)}:log-stream:${stream}`;

  const requireGroup = (group: string | undefined, identifier?: string): string => {
    const resolved = group ?? identifier?.replace(/^arn:aws:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
    if (!resolved) throw invalidParameter('Either logGroupName or logGroupIdentifier must be given.');
    if (!store.hasGroup(resolved)) throw groupNotFound();
    return resolved;
  };
  const requireStream = (group: string, stream: string): void => {
    if (!store.hasStream(group, stream)) throw streamNotFound();
  };

  const describeStream = (group: string, info: { name: string; bytes: number; createdAt: number }) => {
    const events = store.read(group, info.name);
    const summary: Record<string, unknown> = {
      logStreamName: info.name,
      creationTime: info.createdAt,
      arn: streamArn(group, info.name),
      storedBytes: 0, // AWS has reported 0 here since 2019
    };
    if (events.length > 0) {
      summary.firstEventTimestamp = Math.min(...events.map((e) => e.timestamp));
      summary.lastEventTimestamp = Math.max(...events.map((e) => e.timestamp));
      summary.lastIngestionTime = Math.max(...events.map((e) => e.ingestionTime ?? 0));
    }
    return summary;
  };

  return {
    CreateLogGroup(input) {
      const { logGroupName } = parse(schemas.createLogGroup, input);
      if (store.hasGroup(logGroupName)) throw new LogsApiError('ResourceAlreadyExistsException', 'The specified log group already exists');
      store.createGroup(logGroupName);
      return {};
    },

    CreateLogStream(input) {
      const { logGroupName, logStreamName } = parse(schemas.createLogStream, input);
      requireGroup(logGroupName);
      if (store.hasStream(logGroupName, logStreamName)) throw new LogsApiError('ResourceAlreadyExistsException', 'The specified log stream already exists');
      store.createStream(logGroupName, logStreamName);
      return {};
    },

    DescribeLogGroups(input) {
      const req = parse(schemas.describeLogGroups, input);
      if (req.logGroupNamePrefix !== undefined && req.logGroupNamePattern !== undefined) {
        throw invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.');
      }
      const groups = store
        .groups()
        .filter((g) => (req.logGroupNamePrefix === undefined || g.startsWith(req.logGroupNamePrefix)) && (req.logGroupNamePattern === undefined || g.toLowerCase().includes(req.logGroupNamePattern.toLowerCase())));
      const start = req.nextToken ? decodePageToken(req.nextToken, isOffset).o : 0;
      const size = req.limit ?? 50;
      const page = groups.slice(start, start + size);
      return {
        logGroups: page.map((g) => ({
          logGroupName: g,
          creationTime: store.groupCreatedAt(g),
          metricFilterCount: 0,
          arn: `${groupArn(g)}:*`,
          logGroupArn: groupArn(g),
          storedBytes: store.streams(g).reduce((sum, s) => sum + s.bytes, 0),
          logGroupClass: 'STANDARD',
        })),
        ...(start + size < groups.length ? { nextToken: encodePageToken({ o: start + size }) } : {}),
      };
    },

    DescribeLogStreams(input) {
      const req = parse(schemas.describeLogStreams, input);
      const group = requireGroup(req.logGroupName, req.logGroupIdentifier);
      const orderBy = req.orderBy ?? 'LogStreamName';
      if (orderBy === 'LastEventTime' && req.logStreamNamePrefix !== undefined) {
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const infos = store.streams(group).filter((s) => req.logStreamNamePrefix === undefined || s.name.startsWith(req.logStreamNamePrefix));
      // Ordered by name, only the page's streams are read; ordering by time has to read them all.
      let streams: (() => Record<string, unknown>)[];
      if (orderBy === 'LastEventTime') {
        const described = infos.map((s) => describeStream(group, s));
        const last = (s: Record<string, unknown>): number => (s.lastEventTimestamp as number | undefined) ?? 0;
        described.sort((a, b) => last(a) - last(b) || String(a.logStreamName).localeCompare(String(b.logStreamName)));
        streams = described.map((d) => () => d);
      } else {
        streams = infos.map((s) => () => describeStream(group, s));
      }
      if (req.descending) streams.reverse();
      const start = req.nextToken ? decodePageToken(req.nextToken, isOffset).o : 0;
      const size = req.limit ?? 50;
      return {
        logStreams: streams.slice(start, start + size).map((describe) => describe()),
        ...(start + size < streams.length ? { nextToken: encodePageToken({ o: start + size }) } : {}),
      };
    },

    PutLogEvents(input) {
      const req = parse(schemas.putLogEvents, input);
      requireGroup(req.logGroupName);
      requireStream(req.logGroupName, req.logStreamName);
      for (let i = 1; i < req.logEvents.length; i++) {
        if (req.logEvents[i].timestamp < req.logEvents[i - 1].timestamp) {
          throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
        }
      }
      store.append(req.logGroupName, req.logStreamName, req.logEvents);
      // Sequence tokens are ignored by AWS since 2023; one is still returned for older clients.
      return { nextSequenceToken: process.hrtime.bigint().toString().padStart(56, '0') };
    },

    /**
     * Events of one stream, oldest first. Tokens are positions in the stream: `nextForwardToken`
     * points after the last event returned and comes back unchanged when there is nothing newer,
     * which is how pollers (and the SDK paginator) know they have caught up.
     */
    GetLogEvents(input) {
      const req = parse(schemas.getLogEvents, input);
      const group = requireGroup(req.logGroupName, req.logGroupIdentifier);
      requireStream(group, req.logStreamName);
      const size = req.limit ?? 10_000;
      const all = store.read(group, req.logStreamName);
      const matching = all.map((event, index) => ({ event, index })).filter(({ event }) => inTimeRange(event, req.startTime, req.endTime));

      let page: typeof matching;
      let from: number;
      let to: number;
      const token = req.nextToken ? parseEventToken(req.nextToken) : { direction: req.startFromHead ? ('f' as const) : ('b' as const), position: req.startFromHead ? 0 : all.length };
      if (token.direction === 'f') {
        page = matching.filter((m) => m.index >= token.position).slice(0, size);
        from = token.position;
        to = page.length > 0 ? page[page.length - 1].index + 1 : token.position;
      } else {
        const before = matching.filter((m) => m.index < token.position);
        page = before.slice(Math.max(0, before.length - size));
        from = page.length > 0 ? page[0].index : token.position;
        to = req.nextToken ? token.position : page.length > 0 ? page[page.length - 1].index + 1 : token.position;
      }
      return {
        events: page.map(({ event }) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime ?? event.timestamp })),
        nextForwardToken: eventToken('f', to),
        nextBackwardToken: eventToken('b', from),
      };
    },

    /**
     * Events of several streams, ordered by time (then stream, then position). The page token
     * remembers the last event returned, so pages stay right while jobs keep writing.
     */
    FilterLogEvents(input) {
      const req = parse(schemas.filterLogEvents, input);
      const group = requireGroup(req.logGroupName, req.logGroupIdentifier);
      if (req.logStreamNames && req.logStreamNamePrefix !== undefined) {
        throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
      }
      const matches = compileFilterPattern(req.filterPattern);
      const streams = store
        .streams(group)
        .map((s) => s.name)
        .filter((s) => (req.logStreamNames ? req.logStreamNames.includes(s) : req.logStreamNamePrefix === undefined || s.startsWith(req.logStreamNamePrefix)));
      const events = streams.flatMap((stream) =>
        store
          .read(group, stream)
          .map((event, index) => ({ stream, index, event }))
          .filter(({ event }) => inTimeRange(event, req.startTime, req.endTime) && matches(event.message)),
      );
      const key = (e: { stream: string; index: number; event: LogEvent }): [number, string, number] => [e.event.timestamp, e.stream, e.index];
      const compare = (a: [number, string, number], b: [number, string, number]): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2];
      events.sort((a, b) => compare(key(a), key(b)));

      const isAfter = (v: unknown): v is { t: number; s: string; i: number } =>
        typeof v === 'object' && v !== null && typeof (v as { t: unknown }).t === 'number' && typeof (v as { s: unknown }).s === 'string' && typeof (v as { i: unknown }).i === 'number';
      const after = req.nextToken ? decodePageToken(req.nextToken, isAfter) : undefined;
      const remaining = after ? events.filter((e) => compare(key(e), [after.t, after.s, after.i]) > 0) : events;
      const size = req.limit ?? 10_000;
      const page = remaining.slice(0, size);
      const last = page[page.length - 1];
      return {
        events: page.map(({ stream, index, event }) => ({
          logStreamName: stream,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime ?? event.timestamp,
          eventId: `${streamKey(stream)}${String(index).padStart(12, '0')}`,
        })),
        searchedLogStreams: streams.map((logStreamName) => ({ logStreamName, searchedCompletely: remaining.length <= size })),
        ...(remaining.length > size && last ? { nextToken: encodePageToken({ t: last.event.timestamp, s: last.stream, i: last.index }) } : {}),
      };
    },
  };
}
