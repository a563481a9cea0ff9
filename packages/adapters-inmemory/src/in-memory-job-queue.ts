import {
  type ClaimOptions,
  type Clock,
  createRandomIds,
  DEFAULT_JOB_GROUP,
  DocentError,
  type Ids,
  type Job,
  type JobFailure,
  type JobQueue,
  type JobQueueStats,
  type JobSpec,
  sizeDelayMs,
} from '@docent/domain';
import type { Restore, Snapshottable } from './snapshottable.ts';

/** Options of InMemoryJobQueue. */
export interface InMemoryJobQueueOptions {
  /** Time source for due times and leases. */
  clock: Clock;
  /** Job id generator (default: time-sortable random ids from the clock). */
  ids?: Ids;
  /** Delay before the first retry, doubled for each later one (default 2 s). */
  backoffBaseMs?: number;
  /** Longest delay between retries (default 10 min). */
  backoffMaxMs?: number;
}

type JobState = 'queued' | 'running' | 'done' | 'dead';

interface StoredJob {
  readonly job: Job;
  readonly state: JobState;
  /** When a queued job may run, or when a running job's lease ends. */
  readonly dueAt: number;
  /** Enqueue order, to keep claims stable among jobs due at the same instant. */
  readonly sequence: number;
  /** Fairness group (the document owner). */
  readonly group: string;
  /** Push-back of this job within its group, from its size. */
  readonly sizeDelayMs: number;
}

/** Orders claim candidates: fewest running in the group, group served least recently, due + size, enqueue order. */
type ClaimRank = readonly [number, number, number, number];

const before = (a: ClaimRank, b: ClaimRank): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
};

/**
 * Background jobs in memory with leases, exponential backoff and dead jobs, on an injected clock.
 * Claims are fair across groups and by size within one, as the JobQueue port describes.
 */
export class InMemoryJobQueue implements JobQueue, Snapshottable {
  private jobs = new Map<string, StoredJob>();
  /** The live (not dead) job of each key. */
  private byKey = new Map<string, string>();
  private sequence = 0;
  /** When each group was last served, as a claim counter (higher is more recent). */
  private lastServed = new Map<string, number>();
  private claims = 0;
  private readonly clock: Clock;
  private readonly ids: Ids;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;

  constructor(options: InMemoryJobQueueOptions) {
    this.clock = options.clock;
    this.ids = options.ids ?? createRandomIds(options.clock);
    this.backoffBaseMs = options.backoffBaseMs ?? 2_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 600_000;
  }

  async enqueue(spec: JobSpec): Promise<{ id: string; created: boolean }> {
    const sizeBytes = spec.sizeBytes ?? 0;
    if (!Number.isFinite(sizeBytes) || sizeBytes < 0) {
      throw new DocentError('validation_failed', 'sizeBytes must be a non-negative number');
    }
    const existing = this.byKey.get(spec.key);
    if (existing !== undefined) return { id: existing, created: false };
    const id = this.ids.newId();
    const job: Job = {
      id,
      name: spec.name,
      key: spec.key,
      payload: structuredClone(spec.payload),
      attempt: 0,
      maxAttempts: spec.maxAttempts ?? 3,
    };
    this.sequence += 1;
    this.jobs.set(id, {
      job,
      state: 'queued',
      dueAt: this.now(),
      sequence: this.sequence,
      group: spec.group ?? DEFAULT_JOB_GROUP,
      sizeDelayMs: sizeDelayMs(sizeBytes),
    });
    this.byKey.set(spec.key, id);
    return { id, created: true };
  }

  async claim(options: ClaimOptions): Promise<Job | null> {
    const now = this.now();
    const names = options.names === undefined ? undefined : new Set(options.names);
    const running = new Map<string, number>();
    for (const stored of this.jobs.values()) {
      if (stored.state === 'running' && stored.dueAt > now) {
        running.set(stored.group, (running.get(stored.group) ?? 0) + 1);
      }
    }
    let next: StoredJob | undefined;
    let nextRank: ClaimRank | undefined;
    for (const stored of this.jobs.values()) {
      // A running job whose lease has ended is due again: its worker is presumed dead.
      const claimable = (stored.state === 'queued' || stored.state === 'running') && stored.dueAt <= now;
      if (!claimable || (names !== undefined && !names.has(stored.job.name))) continue;
      const rank: ClaimRank = [
        running.get(stored.group) ?? 0,
        this.lastServed.get(stored.group) ?? 0,
        stored.dueAt + stored.sizeDelayMs,
        stored.sequence,
      ];
      if (nextRank === undefined || before(rank, nextRank)) {
        next = stored;
        nextRank = rank;
      }
    }
    if (next === undefined) return null;
    this.claims += 1;
    this.lastServed.set(next.group, this.claims);
    const job: Job = { ...next.job, attempt: next.job.attempt + 1 };
    this.jobs.set(job.id, { ...next, job, state: 'running', dueAt: now + options.leaseMs });
    return structuredClone(job);
  }

  async complete(jobId: string): Promise<void> {
    const stored = this.require(jobId);
    this.jobs.set(jobId, { ...stored, state: 'done' });
  }

  async fail(jobId: string, failure: JobFailure): Promise<'retrying' | 'dead'> {
    const stored = this.require(jobId);
    const { attempt, maxAttempts, key } = stored.job;
    if (failure.retryable && attempt < maxAttempts) {
      const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
      this.jobs.set(jobId, { ...stored, state: 'queued', dueAt: this.now() + delay });
      return 'retrying';
    }
    this.jobs.set(jobId, { ...stored, state: 'dead' });
    if (this.byKey.get(key) === jobId) this.byKey.delete(key);
    return 'dead';
  }

  async requeueRunning(): Promise<number> {
    const now = this.now();
    let count = 0;
    for (const [id, stored] of this.jobs) {
      if (stored.state !== 'running') continue;
      this.jobs.set(id, { ...stored, state: 'queued', dueAt: now });
      count += 1;
    }
    return count;
  }

  async stats(): Promise<JobQueueStats> {
    const stats = { queued: 0, running: 0, dead: 0 };
    for (const stored of this.jobs.values()) if (stored.state !== 'done') stats[stored.state] += 1;
    return stats;
  }

  snapshot(): Restore {
    const jobs = new Map(this.jobs);
    const byKey = new Map(this.byKey);
    const lastServed = new Map(this.lastServed);
    const claims = this.claims;
    return () => {
      this.jobs = new Map(jobs);
      this.byKey = new Map(byKey);
      this.lastServed = new Map(lastServed);
      this.claims = claims;
    };
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private require(jobId: string): StoredJob {
    const stored = this.jobs.get(jobId);
    if (stored === undefined) throw new DocentError('not_found', `There is no job ${jobId}.`);
    return stored;
  }
}
