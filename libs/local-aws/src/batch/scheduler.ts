import type { ComputeEnvironmentRecord, JobQueueRecord, JobRecord } from './model';
import type { ResourceNeed } from './resources';
import type { StateStore } from './state-store';

/** A FIFO with O(1) push/shift that compacts its backing array now and then. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    const item = this.items[this.head];
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  drain(): T[] {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return rest;
  }
}

export const MISCONFIGURED_REASON =
  'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.';

/**
 * Places RUNNABLE jobs on compute environments. Queues are served by priority (highest first);
 * within a queue jobs start in the order they became RUNNABLE, and a head job that does not fit
 * yet holds its queue (lower-priority queues may still use the free capacity). A job that can
 * never fit any environment of its queue is parked with the statusReason AWS uses for that, so
 * it does not block the queue; it is reconsidered when queues or environments change.
 * Every environment runs on this one host: a job must fit the environment's maxvCpus and the
 * host's vCPUs and memory at the same time.
 */
export class Scheduler {
  private readonly runnable = new Map<string, Fifo<JobRecord>>();
  /** Jobs in some FIFO, so enqueueing twice (e.g. on recovery) cannot start a job twice. */
  private readonly queued = new Set<JobRecord>();
  private readonly parked = new Map<string, JobRecord[]>();
  private readonly ceUsage = new Map<string, ResourceNeed>();
  private readonly hostUsage: ResourceNeed = { milliVcpus: 0, memoryMiB: 0 };
  private queueOrder: JobQueueRecord[] | undefined;

  constructor(
    private readonly host: ResourceNeed,
    private readonly store: StateStore,
    private readonly needOf: (job: JobRecord) => ResourceNeed,
  ) {}

  enqueue(job: JobRecord): void {
    if (this.queued.has(job)) return;
    this.queued.add(job);
    const queue = this.store.submissionOf(job).jobQueueName;
    let fifo = this.runnable.get(queue);
    if (!fifo) this.runnable.set(queue, (fifo = new Fifo()));
    fifo.push(job);
  }

  /** Call after a queue or compute environment was created, updated or deleted. */
  resourcesChanged(): void {
    this.queueOrder = undefined;
    const parked = [...this.parked.values()].flat();
    this.parked.clear();
    for (const job of parked) this.enqueue(job);
  }

  allocate(ceName: string, need: ResourceNeed): void {
    const usage = this.usageOf(ceName);
    usage.milliVcpus += need.milliVcpus;
    usage.memoryMiB += need.memoryMiB;
    this.hostUsage.milliVcpus += need.milliVcpus;
    this.hostUsage.memoryMiB += need.memoryMiB;
  }

  release(ceName: string, need: ResourceNeed): void {
    const usage = this.usageOf(ceName);
    usage.milliVcpus -= need.milliVcpus;
    usage.memoryMiB -= need.memoryMiB;
    this.hostUsage.milliVcpus -= need.milliVcpus;
    this.hostUsage.memoryMiB -= need.memoryMiB;
  }

  /** Jobs of a queue that is going away (RUNNABLE or parked), removed from scheduling. */
  takeQueue(queueName: string): JobRecord[] {
    const jobs = [...(this.runnable.get(queueName)?.drain() ?? []), ...(this.parked.get(queueName) ?? [])];
    for (const job of jobs) this.queued.delete(job);
    this.runnable.delete(queueName);
    this.parked.delete(queueName);
    return jobs;
  }

  /**
   * Starts every job that fits now: `start(job, ce)` is called after the capacity is allocated.
   * `park(job)` is called for a job no environment of its queue can ever hold.
   */
  run(start: (job: JobRecord, ceName: string) => void, park: (job: JobRecord) => void): void {
    for (const queue of this.queuesByPriority()) {
      const fifo = this.runnable.get(queue.jobQueueName);
      if (!fifo) continue;
      const environments = this.environmentsOf(queue);
      // every environment DISABLED: the jobs wait, RUNNABLE, as on AWS (no misconfiguration)
      if (environments.length === 0) continue;
      while (fifo.length > 0) {
        const job = fifo.peek() as JobRecord;
        if (job.status !== 'RUNNABLE') {
          this.dequeue(fifo); // cancelled while waiting
          continue;
        }
        const need = this.needOf(job);
        if (!environments.some((ce) => this.fitsEver(ce, need))) {
          this.dequeue(fifo);
          const parked = this.parked.get(queue.jobQueueName) ?? [];
          parked.push(job);
          this.parked.set(queue.jobQueueName, parked);
          park(job);
          continue;
        }
        const ce = environments.find((candidate) => this.fitsNow(candidate, need));
        if (!ce) break;
        this.dequeue(fifo);
        this.allocate(ce.computeEnvironmentName, need);
        start(job, ce.computeEnvironmentName);
      }
    }
  }

  private dequeue(fifo: Fifo<JobRecord>): void {
    const job = fifo.shift();
    if (job) this.queued.delete(job);
  }

  private queuesByPriority(): JobQueueRecord[] {
    this.queueOrder ??= [...this.store.jobQueues.values()].sort(
      (a, b) => b.priority - a.priority || a.jobQueueName.localeCompare(b.jobQueueName),
    );
    return this.queueOrder;
  }

  private environmentsOf(queue: JobQueueRecord): ComputeEnvironmentRecord[] {
    return [...queue.computeEnvironmentOrder]
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .flatMap((entry) => {
        const ce = this.store.computeEnvironments.get(entry.computeEnvironment ?? '');
        return ce && ce.state === 'ENABLED' ? [ce] : [];
      });
  }

  private limitOf(ce: ComputeEnvironmentRecord): number {
    const vcpus = ce.type === 'MANAGED' ? ce.computeResources?.maxvCpus : ce.unmanagedvCpus;
    return vcpus === undefined ? this.host.milliVcpus : Math.min(vcpus * 1000, this.host.milliVcpus);
  }

  private fitsEver(ce: ComputeEnvironmentRecord, need: ResourceNeed): boolean {
    return need.milliVcpus <= this.limitOf(ce) && need.memoryMiB <= this.host.memoryMiB;
  }

  private fitsNow(ce: ComputeEnvironmentRecord, need: ResourceNeed): boolean {
    const usage = this.usageOf(ce.computeEnvironmentName);
    return (
      usage.milliVcpus + need.milliVcpus <= this.limitOf(ce) &&
      this.hostUsage.milliVcpus + need.milliVcpus <= this.host.milliVcpus &&
      this.hostUsage.memoryMiB + need.memoryMiB <= this.host.memoryMiB
    );
  }

  private usageOf(ceName: string): ResourceNeed {
    let usage = this.ceUsage.get(ceName);
    if (!usage) this.ceUsage.set(ceName, (usage = { milliVcpus: 0, memoryMiB: 0 }));
    return usage;
  }
}
