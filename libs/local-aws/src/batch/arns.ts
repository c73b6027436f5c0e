import { ClientException } from './errors';

export type ResourceKind = 'job' | 'job-queue' | 'job-definition' | 'compute-environment';

/** ARNs of this account/region, and the reverse: a name-or-ARN argument to the name. */
export class Arns {
  private readonly prefix: string;

  constructor(region: string, accountId: string) {
    this.prefix = `arn:aws:batch:${region}:${accountId}:`;
  }

  job(jobId: string): string {
    return `${this.prefix}job/${jobId}`;
  }
  jobQueue(name: string): string {
    return `${this.prefix}job-queue/${name}`;
  }
  jobDefinition(name: string, revision: number): string {
    return `${this.prefix}job-definition/${name}:${revision}`;
  }
  computeEnvironment(name: string): string {
    return `${this.prefix}compute-environment/${name}`;
  }

  /** `{kind, id}` of an ARN of this engine, or undefined when it is not one. */
  parse(arn: string): { kind: ResourceKind; id: string } | undefined {
    if (!arn.startsWith(this.prefix)) return undefined;
    const rest = arn.slice(this.prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    const kind = rest.slice(0, slash);
    if (kind !== 'job' && kind !== 'job-queue' && kind !== 'job-definition' && kind !== 'compute-environment') return undefined;
    return { kind, id: rest.slice(slash + 1) };
  }

  /** The name part of a `name` or an ARN of the given kind. */
  nameOf(kind: ResourceKind, nameOrArn: string, what: string): string {
    if (!nameOrArn.startsWith('arn:')) return nameOrArn;
    const parsed = this.parse(nameOrArn);
    if (!parsed || parsed.kind !== kind) throw new ClientException(`${what} ${nameOrArn} is not a ${kind} ARN of this account and region (${this.prefix}${kind}/...)`);
    return parsed.id;
  }
}
