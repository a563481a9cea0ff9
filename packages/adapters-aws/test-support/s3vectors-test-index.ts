/**
 * One S3 Vectors index held in memory, with the service's semantics the adapter relies on: PutVectors
 * replaces a key, QueryVectors is an exact cosine search (the service's is approximate) restricted by a
 * metadata filter before the top K are taken (the service's pre-filtering), distances are cosine
 * distances (1 - similarity). Requests beyond the documented limits are rejected as the service does.
 */

/** A request the service would refuse, with the error name it answers. */
export class S3VectorsTestError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, status: number, message: string) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const invalid = (message: string): S3VectorsTestError => new S3VectorsTestError('ValidationException', 400, message);

/** How an index was created. */
export interface TestIndexSpec {
  dimension: number;
  /** Keys that filters may not name. */
  nonFilterableMetadataKeys?: readonly string[];
}

type Metadata = Record<string, unknown>;
interface StoredVector {
  data: number[];
  metadata: Metadata;
}

const MAX_TOP_K = 100;
const MAX_PUT = 500;
const MAX_DELETE = 500;
const MAX_GET = 100;
const MAX_FILTERABLE_BYTES = 2048;

const floatsOf = (data: unknown, dimension: number): number[] => {
  const floats = (data as { float32?: unknown } | undefined)?.float32;
  if (!Array.isArray(floats) || floats.some((value) => typeof value !== 'number' || !Number.isFinite(value))) {
    throw invalid('data.float32 must be an array of numbers');
  }
  if (floats.length !== dimension) throw invalid(`Invalid vector dimension ${floats.length}, expected ${dimension}`);
  return floats as number[];
};

const cosine = (a: readonly number[], b: readonly number[]): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((value, i) => {
    const other = b[i] ?? 0;
    dot += value * other;
    na += value * value;
    nb += other * other;
  });
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
};

/** An index's vectors by key and the operations on them. */
export class TestVectorIndex {
  readonly #vectors = new Map<string, StoredVector>();
  readonly #nonFilterable: ReadonlySet<string>;

  readonly spec: TestIndexSpec;

  constructor(spec: TestIndexSpec) {
    this.spec = spec;
    this.#nonFilterable = new Set(spec.nonFilterableMetadataKeys ?? []);
  }

  /** How many vectors the index holds. */
  get size(): number {
    return this.#vectors.size;
  }

  put(vectors: unknown): void {
    if (!Array.isArray(vectors) || vectors.length === 0 || vectors.length > MAX_PUT) {
      throw invalid(`vectors must hold 1 to ${MAX_PUT} vectors`);
    }
    const checked = vectors.map((vector: { key?: unknown; data?: unknown; metadata?: unknown }) => {
      if (typeof vector.key !== 'string' || vector.key === '') throw invalid('Every vector needs a key');
      const metadata = (vector.metadata ?? {}) as Metadata;
      const filterable = Object.fromEntries(Object.entries(metadata).filter(([key]) => !this.#nonFilterable.has(key)));
      if (Buffer.byteLength(JSON.stringify(filterable)) > MAX_FILTERABLE_BYTES) {
        throw invalid('Filterable metadata must have at most 2048 bytes');
      }
      return [vector.key, { data: floatsOf(vector.data, this.spec.dimension), metadata }] as const;
    });
    for (const [key, stored] of checked) this.#vectors.set(key, stored);
  }

  query(body: { topK?: unknown; queryVector?: unknown; filter?: unknown; returnMetadata?: unknown }): object[] {
    const { topK } = body;
    if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
      throw invalid(`topK must be between 1 and ${MAX_TOP_K}`);
    }
    const query = floatsOf(body.queryVector, this.spec.dimension);
    const matches = body.filter === undefined ? () => true : this.#compile(body.filter);
    return [...this.#vectors]
      .filter(([, stored]) => matches(stored.metadata))
      .map(([key, stored]) => ({ key, distance: 1 - cosine(query, stored.data), metadata: stored.metadata }))
      .sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : 1))
      .slice(0, topK)
      .map(({ key, distance, metadata }) => ({ key, distance, ...(body.returnMetadata ? { metadata } : {}) }));
  }

  delete(keys: unknown): void {
    if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_DELETE) {
      throw invalid(`keys must hold 1 to ${MAX_DELETE} keys`);
    }
    for (const key of keys) this.#vectors.delete(String(key));
  }

  get(body: { keys?: unknown; returnData?: unknown; returnMetadata?: unknown }): object[] {
    const { keys } = body;
    if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_GET) {
      throw invalid(`keys must hold 1 to ${MAX_GET} keys`);
    }
    return keys.flatMap((key: string) => {
      const stored = this.#vectors.get(key);
      if (stored === undefined) return [];
      return [
        {
          key,
          ...(body.returnData ? { data: { float32: stored.data } } : {}),
          ...(body.returnMetadata ? { metadata: stored.metadata } : {}),
        },
      ];
    });
  }

  /** A filter as a predicate; the operators the adapter uses ($eq, $in, $and) and plain equality. */
  #compile(filter: unknown): (metadata: Metadata) => boolean {
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalid('A filter is an object');
    const clauses = Object.entries(filter).map(([key, condition]): ((metadata: Metadata) => boolean) => {
      if (key === '$and') {
        if (!Array.isArray(condition) || condition.length === 0) throw invalid('$and needs a non-empty array');
        const parts = condition.map((part) => this.#compile(part));
        return (metadata) => parts.every((part) => part(metadata));
      }
      if (key.startsWith('$')) throw invalid(`Unsupported filter operator ${key}`);
      if (this.#nonFilterable.has(key)) throw invalid(`Metadata key ${key} is not filterable`);
      return this.#field(key, condition);
    });
    return (metadata) => clauses.every((clause) => clause(metadata));
  }

  #field(key: string, condition: unknown): (metadata: Metadata) => boolean {
    const has = (metadata: Metadata, value: unknown): boolean => {
      const stored = metadata[key];
      return Array.isArray(stored) ? stored.includes(value) : stored === value;
    };
    if (typeof condition !== 'object' || condition === null) return (metadata) => has(metadata, condition);
    const entries = Object.entries(condition);
    const [operator, operand] = entries[0] ?? [];
    if (entries.length !== 1) throw invalid(`The condition on ${key} needs exactly one operator`);
    if (operator === '$eq') return (metadata) => has(metadata, operand);
    if (operator === '$in') {
      if (!Array.isArray(operand) || operand.length === 0) throw invalid('$in needs a non-empty array');
      return (metadata) => operand.some((value) => has(metadata, value));
    }
    throw invalid(`Unsupported filter operator ${operator}`);
  }
}
