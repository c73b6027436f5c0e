import { appendFile, mkdir } from 'node:fs/promises';
import { StoredSpan } from './stored-span';
import { appendStoredSpans, readRunSpans, traceFilePath, tracesDir } from './trace-files';
import { withTempDir } from '../test/temp-dir';

function span(traceId: string, spanId: string, runId: string): StoredSpan {
  return {
    traceId,
    spanId,
    name: `s-${spanId}`,
    kind: 1,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
    attributes: { 'framefarm.run.id': runId },
    status: { code: 0 },
    resource: {},
  };
}

const traceA = 'a'.repeat(32);
const traceB = 'b'.repeat(32);

describe('trace files', () => {
  it('reads a run by trace id, or finds it by run id, counting torn lines', async () => {
    await withTempDir(async (stateDir) => {
      await appendStoredSpans(stateDir, [span(traceA, '1'.repeat(16), 'run-a'), span(traceB, '2'.repeat(16), 'run-b'), span(traceA, '3'.repeat(16), 'run-a')]);
      await appendFile(traceFilePath(stateDir, traceA), '{"traceId":"aaaa');

      const byId = await readRunSpans(stateDir, { runId: 'run-a', traceId: traceA });
      expect(byId.spans.map((s) => s.spanId)).toEqual(['1'.repeat(16), '3'.repeat(16)]);
      expect(byId.badLines).toBe(1);

      const scanned = await readRunSpans(stateDir, { runId: 'run-b' });
      expect(scanned.spans.map((s) => s.traceId)).toEqual([traceB]);
    });
  });

  it('finds nothing, without failing, when no traces were stored', async () => {
    await withTempDir(async (stateDir) => {
      expect(await readRunSpans(stateDir, { runId: 'r' })).toEqual({ spans: [], badLines: 0 });
      await mkdir(tracesDir(stateDir));
      expect(await readRunSpans(stateDir, { runId: 'r', traceId: traceA })).toEqual({ spans: [], badLines: 0 });
    });
  });

  it('refuses a trace id that could escape the directory', () => {
    expect(() => traceFilePath('/state', '../../etc/passwd')).toThrow('not a trace id');
  });
});
