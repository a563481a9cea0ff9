import { createInMemoryAdapters, type InMemoryAdapters, InMemoryIdentityProvider } from '@docent/adapters-inmemory';
import type { Answerer } from '../src/answering/answerer.ts';
import { ExtractiveAnswerer } from '../src/answering/extractive-answerer.ts';
import { createUseCases } from '../src/application/create-use-cases.ts';
import type { DocumentRecord } from '../src/entities/document.ts';
import type { Principal } from '../src/entities/user.ts';
import type { Clock } from '../src/ports/clock.ts';
import type { TextExtractor } from '../src/ports/text-extractor.ts';
import { PlainTextExtractor } from './plain-text-extractor.ts';

// Test-only: the domain wired to the real in-memory adapters, as a composition root would do it.

/** A clock tests move by hand. */
export class TestClock implements Clock {
  #now = Date.parse('2025-01-01T00:00:00.000Z');
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface WorldOptions {
  extractor?: TextExtractor;
  answerer?: Answerer;
}

export const createWorld = (options: WorldOptions = {}) => {
  const clock = new TestClock();
  const adapters: InMemoryAdapters = createInMemoryAdapters({ clock, dimensions: 64 });
  // Cheap hashing parameters: the tests exercise the flows, not the password hashing.
  const identity = new InMemoryIdentityProvider({ clock, ids: adapters.Ids, scrypt: { N: 1024, r: 8, p: 1 } });
  const extractor = options.extractor ?? new PlainTextExtractor();
  const ports = {
    documents: adapters.DocumentRepository,
    chunks: adapters.ChunkRepository,
    blobs: adapters.BlobStore,
    jobs: adapters.JobQueue,
    lexical: adapters.LexicalIndex,
    vectors: adapters.VectorIndex,
    embedder: adapters.Embedder,
    history: adapters.QueryHistoryRepository,
    unitOfWork: adapters.UnitOfWork,
    ids: adapters.Ids,
    clock,
    identity,
    extractor,
    answerer: options.answerer ?? new ExtractiveAnswerer(),
  };
  // Every use case as the composition roots build them, over the same ports as `ports` above.
  const useCases = createUseCases(
    {
      ...adapters,
      Clock: clock,
      IdentityProvider: identity,
      UserDirectory: identity,
      TextExtractor: extractor,
      Answerer: ports.answerer,
    },
    { processing: { batchSize: 4 } },
  );
  const processor = useCases.processDocument;
  const runner = useCases.jobRunner;
  const upload = useCases.uploadDocument;
  let users = 0;

  return {
    clock,
    adapters,
    ports,
    useCases,
    processor,
    runner,
    ask: useCases.askQuestion,
    delete: useCases.deleteDocument,
    upload,
    /** A signed-up user's principal. */
    async user(): Promise<Principal> {
      users += 1;
      const user = await identity.register(`user${users}@example.org`, 'Passw0rd!');
      return { userId: user.id, email: user.email };
    },
    /** Uploads text as a file. */
    async uploadText(principal: Principal, name: string, text: string): Promise<DocumentRecord> {
      return (await upload.execute(principal, { name, bytes: new TextEncoder().encode(text) })).document;
    },
    /** Runs due jobs until none is left; returns how many ran. */
    async drainJobs(): Promise<number> {
      let runs = 0;
      while (await runner.runNext()) runs += 1;
      return runs;
    },
  };
};

export type World = ReturnType<typeof createWorld>;
