import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ClaimOptions, Clock, Ids, Job, JobFailure, JobQueue, JobQueueStats, JobSpec } from '@docent/domain';
import { DEFAULT_JOB_GROUP, DocentError, FAIR_ORDER } from '@docent/domain';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** Retry timing: the n-th retry waits `baseMs * 2^(n-1)`, never more than `maxMs`. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };
const DEFAULT_MAX_ATTEMPTS = 3;

interface JobRow {
  id: string;
  name: string;
  key: string;
  payload: string;
  attempt: number;
  max_attempts: number;
  group_key: string;
}

// The claimable jobs in fair order (see JobQueue.claim): fewest live runs in the job's group, the
// group served least recently, then the due time pushed back by the job's size exactly as the
// domain's `sizeDelayMs` computes it (integer arithmetic), then enqueue order. `:names` (a JSON
// array, or null for any) keeps a worker lane to its job names.
const NEXT_FAIR_JOB = `
  SELECT j.seq FROM jobs AS j
  LEFT JOIN (
    SELECT group_key, count(*) AS live FROM jobs
    WHERE state = 'running' AND lease_until_ms > :now GROUP BY group_key
  ) AS r ON r.group_key = j.group_key
  LEFT JOIN job_groups AS g ON g.group_key = j.group_key
  WHERE ((j.state = 'queued' AND j.due_ms <= :now) OR (j.state = 'running' AND j.lease_until_ms <= :now))
    AND (:names IS NULL OR j.name IN (SELECT value FROM json_each(:names)))
  ORDER BY coalesce(r.live, 0), coalesce(g.served, 0),
    CASE j.state WHEN 'queued' THEN j.due_ms ELSE j.lease_until_ms END
      + min(${FAIR_ORDER.maxDelayMs}, (j.size_bytes * ${FAIR_ORDER.msPerMib}) / ${1024 * 1024}),
    j.seq
  LIMIT 1`;

/**
 * A durable job queue in the `jobs` table. States: queued -> running -> done, or back to queued
 * with a due time after a retryable failure, or dead when attempts run out. A running job whose
 * lease expired is claimable again, so a crashed worker's job is never lost. Claims are fair
 * across groups (`job_groups` remembers when each was served) and by size within one.
 */
export class SqliteJobQueue implements JobQueue {
  readonly #uow: SqliteUnitOfWork;
  readonly #clock: Clock;
  readonly #ids: Ids;
  readonly #backoff: BackoffOptions;
  readonly #defaultMaxAttempts: number;
  readonly #findByKey: StatementSync;
  readonly #insert: StatementSync;
  readonly #revive: StatementSync;
  readonly #claim: StatementSync;
  readonly #complete: StatementSync;
  readonly #get: StatementSync;
  readonly #retry: StatementSync;
  readonly #bury: StatementSync;
  readonly #requeueRunning: StatementSync;
  readonly #served: StatementSync;
  readonly #stats: StatementSync;

  constructor(
    db: DatabaseSync,
    uow: SqliteUnitOfWork,
    options: { clock: Clock; ids: Ids; backoff?: Partial<BackoffOptions>; defaultMaxAttempts?: number },
  ) {
    this.#uow = uow;
    this.#clock = options.clock;
    this.#ids = options.ids;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#defaultMaxAttempts = options.defaultMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.#findByKey = db.prepare('SELECT id, state FROM jobs WHERE key = ?');
    this.#insert = db.prepare(
      `INSERT INTO jobs (id, name, key, payload, state, attempt, max_attempts, due_ms, updated_at, group_key, size_bytes)
       VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?)`,
    );
    // A dead job's key may be enqueued again: the row starts over under a new id.
    this.#revive = db.prepare(
      `UPDATE jobs SET id = ?, name = ?, payload = ?, state = 'queued', attempt = 0, max_attempts = ?,
         due_ms = ?, lease_until_ms = NULL, last_error = NULL, updated_at = ?, group_key = ?, size_bytes = ?
       WHERE key = ?`,
    );
    // One statement picks and leases the job, so two claimers can never take the same one.
    this.#claim = db.prepare(
      `UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_until_ms = :now + :lease, updated_at = :at
       WHERE seq = (${NEXT_FAIR_JOB})
       RETURNING id, name, key, payload, attempt, max_attempts, group_key`,
    );
    this.#served = db.prepare(
      `INSERT INTO job_groups (group_key, served) VALUES (?, (SELECT coalesce(max(served), 0) + 1 FROM job_groups))
       ON CONFLICT (group_key) DO UPDATE SET served = excluded.served`,
    );
    this.#stats = db.prepare(
      "SELECT state, count(*) AS n FROM jobs WHERE state IN ('queued', 'running', 'dead') GROUP BY state",
    );
    this.#complete = db.prepare(
      "UPDATE jobs SET state = 'done', lease_until_ms = NULL, last_error = NULL, updated_at = ? WHERE id = ?",
    );
    this.#get = db.prepare('SELECT attempt, max_attempts FROM jobs WHERE id = ?');
    this.#retry = db.prepare(
      `UPDATE jobs SET state = 'queued', due_ms = ?, lease_until_ms = NULL, last_error = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.#bury = db.prepare(
      "UPDATE jobs SET state = 'dead', lease_until_ms = NULL, last_error = ?, updated_at = ? WHERE id = ?",
    );
    this.#requeueRunning = db.prepare(
      "UPDATE jobs SET state = 'queued', due_ms = ?, lease_until_ms = NULL, updated_at = ? WHERE state = 'running'",
    );
  }

  /** Adds the job unless its key is queued, running or done. */
  async enqueue(spec: JobSpec): Promise<{ id: string; created: boolean }> {
    const maxAttempts = spec.maxAttempts ?? this.#defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new DocentError('validation_failed', 'maxAttempts must be a positive integer');
    }
    const sizeBytes = spec.sizeBytes ?? 0;
    if (!Number.isFinite(sizeBytes) || sizeBytes < 0) {
      throw new DocentError('validation_failed', 'sizeBytes must be a non-negative number');
    }
    const group = spec.group ?? DEFAULT_JOB_GROUP;
    const size = Math.floor(sizeBytes);
    const now = this.#clock.now();
    const payload = JSON.stringify(spec.payload);
    return this.#uow.write(() => {
      const existing = this.#findByKey.get(spec.key) as { id: string; state: string } | undefined;
      if (existing !== undefined && existing.state !== 'dead') return { id: existing.id, created: false };
      const id = this.#ids.newId();
      if (existing === undefined) {
        this.#insert.run(id, spec.name, spec.key, payload, maxAttempts, now.getTime(), now.toISOString(), group, size);
      } else {
        const at = now.toISOString();
        this.#revive.run(id, spec.name, payload, maxAttempts, now.getTime(), at, group, size, spec.key);
      }
      return { id, created: true };
    });
  }

  /** Leases the next job in fair order (due, or lease expired) among `names` if given, or returns null. */
  async claim(options: ClaimOptions): Promise<Job | null> {
    if (!Number.isFinite(options.leaseMs) || options.leaseMs <= 0) {
      throw new DocentError('validation_failed', 'leaseMs must be positive');
    }
    const now = this.#clock.now();
    const row = await this.#uow.write(() => {
      const claimed = this.#claim.get({
        now: now.getTime(),
        lease: Math.ceil(options.leaseMs),
        at: now.toISOString(),
        names: options.names === undefined ? null : JSON.stringify(options.names),
      }) as JobRow | undefined;
      if (claimed !== undefined) this.#served.run(claimed.group_key);
      return claimed;
    });
    if (row === undefined) return null;
    return {
      id: row.id,
      name: row.name,
      key: row.key,
      payload: JSON.parse(row.payload),
      attempt: row.attempt,
      maxAttempts: row.max_attempts,
    };
  }

  /** Marks the job done; `not_found` for an unknown id. */
  async complete(jobId: string): Promise<void> {
    const result = await this.#uow.write(() => this.#complete.run(this.#clock.now().toISOString(), jobId));
    if (result.changes === 0) throw new DocentError('not_found', `No job ${jobId}`);
  }

  /** Schedules a retry with exponential backoff, or gives the job up when it may not run again. */
  async fail(jobId: string, failure: JobFailure): Promise<'retrying' | 'dead'> {
    const now = this.#clock.now();
    const error = JSON.stringify(failure);
    return this.#uow.write(() => {
      const job = this.#get.get(jobId) as { attempt: number; max_attempts: number } | undefined;
      if (job === undefined) throw new DocentError('not_found', `No job ${jobId}`);
      if (failure.retryable && job.attempt < job.max_attempts) {
        const delay = Math.min(this.#backoff.maxMs, this.#backoff.baseMs * 2 ** Math.max(0, job.attempt - 1));
        this.#retry.run(now.getTime() + delay, error, now.toISOString(), jobId);
        return 'retrying';
      }
      this.#bury.run(error, now.toISOString(), jobId);
      return 'dead';
    });
  }

  /** Makes every running job due now, for start-up after a crash. */
  async requeueRunning(): Promise<number> {
    const now = this.#clock.now();
    const result = await this.#uow.write(() => this.#requeueRunning.run(now.getTime(), now.toISOString()));
    return Number(result.changes);
  }

  /** Counts queued (including waiting retries), running and dead jobs. */
  async stats(): Promise<JobQueueStats> {
    const rows = await this.#uow.read(() => this.#stats.all() as unknown as Array<{ state: string; n: number }>);
    const stats: JobQueueStats = { queued: 0, running: 0, dead: 0 };
    for (const row of rows) stats[row.state as keyof JobQueueStats] = row.n;
    return stats;
  }
}
