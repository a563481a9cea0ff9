import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  cosineSimilarity,
  type ScoredChunk,
  type VectorEntry,
  type VectorIndex,
  type VectorQuery,
} from '@docent/domain';
import { checkLimit } from '../sqlite/page-cursor.ts';
import type { SqliteUnitOfWork } from '../sqlite/sqlite-unit-of-work.ts';
import type { SqliteVectorIndex } from '../sqlite/sqlite-vector-index.ts';
import type { SqliteVectorRows } from '../sqlite/sqlite-vector-rows.ts';
import { type Candidate, maxPool } from './max-pool.ts';
import { OwnerCodes } from './owner-codes.ts';
import { type HnswShape, OwnerHnsw } from './owner-hnsw.ts';
import type { Large, Small } from './owner-state.ts';

/** How the approximate index is kept and when it is used. */
export interface ApproximateIndexOptions {
  /** Folder of the index files (beside the database). */
  directory: string;
  /** Each large owner's index: binary codes scanned and rescored (`OwnerCodes`), or an HNSW graph. */
  index: 'codes' | 'hnsw';
  /**
   * Owners with fewer vectors, and document scopes with fewer, are searched exactly (sqlite-vec):
   * below this an exact scan is about as fast and needs no graph.
   */
  minVectors: number;
  shape: HnswShape;
  /** Vectors added to a graph per event-loop turn, so a build never blocks requests for long. */
  batchSize?: number;
  /** Least time between two saves of one owner's graph (default 30 s); close always saves. */
  saveIntervalMs?: number;
}

/** Vectors asked of the graph per chunk wanted: a chunk has a few, and neighbours often share one. */
const VECTORS_PER_CHUNK = 4;
/** Largest graph search before falling back to the exact scan (a very selective document filter). */
const MAX_K = 16_384;
/** Rows not yet in the graph that a search still scores itself; more than this and it searches exactly. */
const MAX_PENDING = 2_048;
/** Of those, how many may lack a vector in memory (each is a slow vec0 point read). */
const MAX_PENDING_READS = 64;
/**
 * Vectors of recent writes kept in memory until the graph takes them, so the catch-up loop and the
 * searches meanwhile need no vec0 point reads (about 0.15-0.5 ms each). Past this, rows are read back.
 */
const MAX_QUEUED = 50_000;
/**
 * Searches run with the owner's own vectors once a restarted graph is read into the page cache. The
 * first searches of a mapped graph fault its pages into the process one by one: at 1M chunks
 * (4.7 GB of graph) the first ten took 541 down to 44 ms, and the first questions asked paid that
 * (ADR 0039). Spread over the owner's ids, they map most of the graph before a question does.
 */
const WARM_UP_SEARCHES = 12;
/** Vectors a warm-up search asks for: what a question's 100 candidates ask. */
const WARM_UP_K = 100 * VECTORS_PER_CHUNK;

/**
 * Approximate nearest-neighbour search for owners with many vectors (an `OwnerGraph` each: binary
 * codes by default, or an HNSW graph), over the exact sqlite-vec index that stays the source of
 * truth. Each large owner has its own index files in `directory` recording the highest entry id
 * it holds; after every write, and on open, a background loop adds the rows above that watermark
 * in small batches, so a crash only costs a catch-up and a missing or corrupt file a rebuild. Every hit is checked against the live rows
 * (owner, document scope, not deleted), so a deleted chunk is never returned however stale the
 * graph is, and rows the graph does not hold yet are scored exactly.
 */
export class ApproximateVectorIndex implements VectorIndex {
  readonly #exact: SqliteVectorIndex;
  readonly #rows: SqliteVectorRows;
  readonly #uow: SqliteUnitOfWork;
  readonly #options: Required<ApproximateIndexOptions>;
  readonly #owners = new Map<string, Small | Large>();
  /**
   * Runs a function in the context this index was built in, outside any caller's transaction: a
   * catch-up loop started by a write inside `UnitOfWork.run` must not read its uncommitted rows.
   */
  readonly #outside = AsyncLocalStorage.snapshot();
  #closed = false;
  /** The owners `openLargeOwners` opened (none before it runs). */
  #opening: Promise<Array<Small | Large>> = Promise.resolve([]);

  constructor(
    exact: SqliteVectorIndex,
    rows: SqliteVectorRows,
    uow: SqliteUnitOfWork,
    options: ApproximateIndexOptions,
  ) {
    this.#exact = exact;
    this.#rows = rows;
    this.#uow = uow;
    this.#options = { batchSize: 256, saveIntervalMs: 30_000, ...options };
  }

  /** Stores the vectors in SQLite, then lets the owners' graphs catch up in the background. */
  async upsert(entries: readonly VectorEntry[]): Promise<void> {
    const ids = await this.#exact.write(entries);
    const added = new Map<string, number>();
    for (const entry of entries) added.set(entry.ownerId, (added.get(entry.ownerId) ?? 0) + 1);
    for (const [ownerId, count] of added) {
      const known = this.#owners.get(ownerId);
      if (known === undefined) {
        // Opening the owner counts its rows, these included.
        await this.#open(ownerId);
      } else if (known.kind === 'exact') {
        known.count += count;
        if (known.count >= this.#options.minVectors) this.#owners.set(ownerId, this.#large(ownerId));
      } else {
        entries.forEach((entry, i) => {
          const id = ids[i] as number;
          if (entry.ownerId !== ownerId) return;
          // Past the cap the row is read back instead; a stale vector under a reused id must not stay.
          if (known.queued.size < MAX_QUEUED) known.queued.set(id, entry.vector.slice());
          else known.queued.delete(id);
        });
        this.#catchUp(known);
      }
    }
  }

  /** Deletes in SQLite; the graph drops the ids once the deletion is committed. */
  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    const ids = await this.#exact.remove(ownerId, documentId);
    const known = this.#owners.get(ownerId);
    if (known?.kind === 'exact') known.count -= ids.length;
    if (known?.kind === 'approximate' && ids.length > 0) {
      for (const id of ids) known.removed.add(id);
      this.#catchUp(known);
    }
  }

  /** The owner's nearest chunks, each scored by its nearest vector; exact for small owners and scopes. */
  async search(query: VectorQuery): Promise<ScoredChunk[]> {
    const limit = checkLimit(query.limit);
    if (query.documentIds?.length === 0) return [];
    const owner = await this.#open(query.ownerId);
    if (owner.kind === 'exact' || query.vector.length !== this.#options.shape.dimensions) {
      return this.#exact.search(query);
    }
    await owner.opened;
    const { graph } = owner;
    const plan = await this.#uow.read(() => ({
      pending: this.#rows.idsAfter(query.ownerId, graph.watermark, MAX_PENDING + 1),
      scope: query.documentIds === undefined ? graph.size : this.#rows.count(query.ownerId, query.documentIds),
    }));
    const unread = plan.pending.filter((id) => !owner.queued.has(id)).length;
    if (plan.pending.length > MAX_PENDING || unread > MAX_PENDING_READS || plan.scope < this.#options.minVectors) {
      return this.#exact.search(query);
    }
    const scope = query.documentIds === undefined ? null : new Set(query.documentIds);
    // A document filter keeps about scope/size of the hits, so the graph is asked for that much more.
    let k = Math.ceil((limit * VECTORS_PER_CHUNK * Math.max(graph.size, 1)) / Math.max(plan.scope, 1));
    for (;;) {
      k = Math.min(k, MAX_K);
      const hits = graph.search(query.vector, k);
      const pooled = await this.#uow.read(() => this.#pool(owner, query, hits, plan.pending, scope));
      const exhausted = hits.length < k;
      if (pooled.chunks.length >= limit || exhausted || pooled.dropped === 0) return pooled.chunks.slice(0, limit);
      if (k === MAX_K) return this.#exact.search(query);
      k *= 4;
    }
  }

  /** Resolves once every open graph holds every committed row (for benchmarks and tests). */
  async settled(): Promise<void> {
    const busy = () => [...this.#owners.values()].some((o) => o.kind === 'approximate' && (o.draining || o.wanted));
    while (busy()) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /**
   * Opens the graph of every owner that has one in the background (a file changed since its CRC
   * last matched is read whole; mapping reads no vectors), so the first question after a restart
   * finds it ready. Called once when the store opens.
   */
  openLargeOwners(): void {
    this.#opening = Promise.all(this.#rows.ownersWithAtLeast(this.#options.minVectors).map((id) => this.#open(id)));
  }

  /**
   * Resolves once the graphs `openLargeOwners` started opening are open, read into the page cache,
   * searched a few times (`WARM_UP_SEARCHES`) and hold every committed row: from then on a question
   * meets no start-up work (benchmarks wait for it before timing).
   */
  async warm(): Promise<void> {
    for (const owner of await this.#opening) if (owner.kind === 'approximate') await owner.startUp;
    await this.settled();
  }

  /**
   * Stops the catch-up loops, saves every graph that changed and releases its files (a graph still
   * opening has no changes: it is released once open).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const owner of this.#owners.values()) {
      if (owner.kind !== 'approximate') continue;
      clearTimeout(owner.saveTimer);
      if (owner.ready) {
        owner.graph.save();
        owner.graph.close();
      } else {
        void owner.opened.then(
          () => owner.graph.close(),
          () => owner.graph.close(),
        );
      }
    }
  }

  /** Live, in-scope candidates (graph hits plus the pending rows, scored exactly), max-pooled. */
  #pool(
    owner: Large,
    query: VectorQuery,
    hits: readonly Candidate[],
    pending: readonly number[],
    scope: Set<string> | null,
  ) {
    const candidates = [...hits];
    for (const [id, vector] of this.#vectorsOf(owner, pending))
      candidates.push({ id, score: cosineSimilarity(query.vector, vector) });
    const rows = this.#rows.rows(
      query.ownerId,
      candidates.map((c) => c.id),
    );
    const live = scope === null ? rows : rows.filter((row) => scope.has(row.documentId));
    return { chunks: maxPool(candidates, live), dropped: candidates.length - live.length };
  }

  /** Vectors of these committed ids: from memory when queued, else read back from vec0. */
  #vectorsOf(owner: Large, ids: readonly number[]): Map<number, Float32Array> {
    const found = new Map<number, Float32Array>();
    const missing: number[] = [];
    for (const id of ids) {
      const vector = owner.queued.get(id);
      if (vector === undefined) missing.push(id);
      else found.set(id, vector);
    }
    for (const [id, vector] of this.#rows.vectors(missing)) found.set(id, vector);
    return found;
  }

  async #open(ownerId: string): Promise<Small | Large> {
    const known = this.#owners.get(ownerId);
    if (known !== undefined) return known;
    return this.#uow.read(() => {
      const again = this.#owners.get(ownerId);
      if (again !== undefined) return again;
      const count = this.#rows.count(ownerId);
      const owner: Small | Large = count >= this.#options.minVectors ? this.#large(ownerId) : { kind: 'exact', count };
      this.#owners.set(ownerId, owner);
      return owner;
    });
  }

  #large(ownerId: string): Large {
    const { directory, shape } = this.#options;
    const graph =
      this.#options.index === 'hnsw'
        ? new OwnerHnsw(directory, ownerId, shape)
        : new OwnerCodes(directory, ownerId, shape.dimensions);
    const owner: Large = {
      kind: 'approximate',
      ownerId,
      graph,
      opened: graph.open(this.#rows.highestId()).then(() => {
        owner.savedAt = graph.dirty ? 0 : Date.now();
        owner.ready = true;
      }),
      startUp: Promise.resolve(),
      ready: false,
      removed: new Set(),
      queued: new Map(),
      wanted: false,
      draining: false,
      savedAt: 0,
    };
    owner.startUp = owner.opened
      .then(() => graph.readAhead(() => this.#closed))
      .then(() => this.#warmUp(owner))
      .catch(() => {});
    this.#catchUp(owner);
    return owner;
  }

  /**
   * `WARM_UP_SEARCHES` graph searches with stored vectors of the owner, spread over its entry ids;
   * none when no segment is mapped (a graph built in memory has no pages to fault in).
   */
  async #warmUp(owner: Large): Promise<void> {
    const { graph, ownerId } = owner;
    if (this.#closed || graph.segments.mapped === 0) return;
    const vectors = await this.#uow.read(() => {
      const ids = new Set<number>();
      for (let i = 0; i < WARM_UP_SEARCHES; i++) {
        const after = Math.floor((graph.watermark * i) / WARM_UP_SEARCHES);
        for (const id of this.#rows.idsAfter(ownerId, after, 1)) ids.add(id);
      }
      return this.#rows.vectors([...ids]);
    });
    for (const vector of vectors.values()) {
      await nextTurn();
      if (this.#closed) return;
      graph.search(vector, WARM_UP_K);
    }
  }

  #catchUp(owner: Large): void {
    owner.wanted = true;
    if (owner.draining || this.#closed) return;
    owner.draining = true;
    this.#outside(() => void this.#drain(owner));
  }

  /** Adds the rows above the watermark batch by batch, yielding between batches; then saves. */
  async #drain(owner: Large): Promise<void> {
    const { ownerId } = owner;
    try {
      await owner.opened;
      await nextTurn();
      while (owner.wanted && !this.#closed) {
        owner.wanted = false;
        for (let more = true; more && !this.#closed; await nextTurn()) {
          const batch = await this.#uow.read(() => {
            const removed = [...owner.removed];
            owner.removed.clear();
            // A deletion rolled back with its transaction is still live: only gone rows leave the graph.
            const alive = new Set(this.#rows.rows(ownerId, removed).map((row) => row.entryId));
            owner.graph.remove(removed.filter((id) => !alive.has(id)));
            const ids = this.#rows.idsAfter(ownerId, owner.graph.watermark, this.#options.batchSize);
            return { ids, vectors: this.#vectorsOf(owner, ids) };
          });
          // Closed while the rows were read: the graph's files are released.
          if (this.#closed) break;
          const present = batch.ids.filter((id) => batch.vectors.has(id));
          owner.graph.add(
            present,
            present.map((id) => batch.vectors.get(id) as Float32Array),
            batch.ids.at(-1) ?? owner.graph.watermark,
          );
          for (const id of batch.ids) owner.queued.delete(id);
          more = batch.ids.length === this.#options.batchSize;
        }
      }
      // Left over: vectors of writes that were rolled back.
      for (const id of owner.queued.keys()) if (id <= owner.graph.watermark) owner.queued.delete(id);
      this.#scheduleSave(owner);
    } finally {
      owner.draining = false;
    }
  }

  #scheduleSave(owner: Large): void {
    if (!owner.graph.dirty || this.#closed || owner.saveTimer !== undefined) return;
    const wait = owner.savedAt + this.#options.saveIntervalMs - Date.now();
    owner.saveTimer = setTimeout(
      () => {
        owner.saveTimer = undefined;
        if (this.#closed || owner.draining) return;
        owner.graph.save();
        owner.savedAt = Date.now();
      },
      Math.max(0, wait),
    );
    owner.saveTimer.unref();
  }
}
