import fc from 'fast-check';
import { expect } from 'vitest';
import { type Account, checked, expectError, type IsolationModel, type IsolationReal } from './isolation-model.ts';

type Command = fc.AsyncCommand<IsolationModel, IsolationReal>;

const WORDS = ['licence', 'fee', 'copy', 'package', 'distribute', 'source', 'binary', 'author', 'warranty', 'notice'];

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
const liveIds = (account: Account): string[] => [...account.live.values()];

/** Uploads a content (maybe one this user or another already uploaded), then runs processing to the end. */
class Upload implements Command {
  readonly user: number;
  readonly content: number;
  constructor(user: number, content: number) {
    this.user = user;
    this.content = content;
  }
  check = () => true;
  async run(model: IsolationModel, real: IsolationReal) {
    const account = pick(model.accounts, this.user);
    const index = this.content % model.contents.length;
    const content = model.contents[index] as (typeof model.contents)[number];
    real.ledger.grantSecret(content.secret, account.key);
    const response = checked(real, account, await real.api.upload(account.token, content.name, content.text));
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const { id } = response.body.document;
    const earlier = account.live.get(index);
    if (earlier === undefined) {
      // A new document: its id must be new to every user, whoever uploaded the same bytes before.
      expect(response.body.created).toBe(true);
      expect(real.ledger.isForeign(id, account.key)).toBe(false);
      real.ledger.claimId(id, account.key);
      account.live.set(index, id);
    } else {
      expect(response.body).toMatchObject({ created: false, document: { id: earlier } });
    }
    await real.api.drainJobs();
  }
  toString = () => `upload(u${this.user}, c${this.content})`;
}

/** Deletes one of the user's documents. */
class Delete implements Command {
  readonly user: number;
  readonly document: number;
  constructor(user: number, document: number) {
    this.user = user;
    this.document = document;
  }
  check = (model: Readonly<IsolationModel>) => pick(model.accounts, this.user).live.size > 0;
  async run(model: IsolationModel, real: IsolationReal) {
    const account = pick(model.accounts, this.user);
    const [index, id] = pick([...account.live.entries()], this.document);
    const response = checked(real, account, await real.api.request('DELETE', `/documents/${id}`, account));
    expect(response.status).toBe(204);
    account.live.delete(index);
    await real.api.drainJobs();
  }
  toString = () => `delete(u${this.user}, d${this.document})`;
}

type Follow = 'new' | 'own' | 'foreign';

/** Asks, maybe restricted to some of the user's documents, maybe following up a conversation (own or another's). */
class Ask implements Command {
  readonly user: number;
  readonly words: string[];
  readonly follow: Follow;
  readonly scoped: boolean;
  readonly other: number;
  constructor(user: number, words: string[], follow: Follow, scoped: boolean, other: number) {
    this.user = user;
    this.words = words;
    this.follow = follow;
    this.scoped = scoped;
    this.other = other;
  }
  check = () => true;
  async run(model: IsolationModel, real: IsolationReal) {
    const account = pick(model.accounts, this.user);
    const conversationId = this.#conversation(model, account);
    if (conversationId !== undefined) real.ledger.grantId(conversationId, account.key);
    const scope = this.scoped && account.live.size > 0 ? liveIds(account).slice(0, 1 + (this.other % 2)) : undefined;
    const question = `${conversationId === undefined ? '' : 'And '}${this.words.join(' ')} ${account.marker}?`;
    const response = checked(
      real,
      account,
      await real.api.request('POST', '/query/ask', {
        token: account.token,
        json: {
          question,
          topK: 50,
          ...(scope ? { documentIds: scope } : {}),
          ...(conversationId ? { conversationId } : {}),
        },
      }),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { body } = response;
    const allowed = new Set(scope ?? liveIds(account));
    for (const item of [...body.sources, ...body.citations]) expect(allowed).toContain(item.documentId);
    if (account.live.size > 0) expect(body.sources.length).toBeGreaterThan(0);
    for (const source of body.sources) real.ledger.claimId(source.chunkId, account.key);
    // The rewriter reads only the caller's own turns: none in a conversation they never asked in.
    const previous = conversationId === undefined ? undefined : account.conversations.get(conversationId);
    if (previous === undefined) expect(body.standaloneQuestion).toBeUndefined();
    else expect(body.standaloneQuestion).toContain(previous);
    if (conversationId !== undefined) expect(body.conversationId).toBe(conversationId);
    real.ledger.claimId(body.conversationId, account.key);
    account.conversations.set(body.conversationId, body.standaloneQuestion ?? question);
    account.asked++;
  }
  #conversation(model: IsolationModel, account: Account): string | undefined {
    if (this.follow === 'new') return undefined;
    const owner = this.follow === 'own' ? account : pick(model.accounts, this.other);
    const ids = [...owner.conversations.keys()];
    return ids.length === 0 ? undefined : pick(ids, this.other);
  }
  toString = () =>
    `ask(u${this.user}, "${this.words.join(' ')}", ${this.follow}${this.scoped ? ', scoped' : ''}, #${this.other})`;
}

/** Reads everything the user can list: documents, profile, history, each document and its text. */
class ReadAll implements Command {
  readonly user: number;
  constructor(user: number) {
    this.user = user;
  }
  check = () => true;
  async run(model: IsolationModel, real: IsolationReal) {
    const account = pick(model.accounts, this.user);
    const get = async (url: string) => {
      const response = checked(real, account, await real.api.request('GET', url, account));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    };
    const list = await get('/documents?limit=100');
    expect(new Set(list.documents.map((d: { id: string }) => d.id))).toEqual(new Set(liveIds(account)));
    for (const document of list.documents) expect(document.status).toBe('ready');
    expect((await get('/auth/profile')).documentCount).toBe(account.live.size);
    const history = await get('/query/history?limit=100');
    expect(history.entries).toHaveLength(Math.min(account.asked, 100));
    for (const entry of history.entries) {
      real.ledger.claimId(entry.id, account.key);
      expect(entry.question).toContain(account.marker);
      expect([...account.conversations.keys()]).toContain(entry.conversationId);
    }
    for (const [index, id] of account.live) {
      expect((await get(`/documents/${id}`)).document.id).toBe(id);
      expect((await get(`/documents/${id}/text`)).text).toContain(model.contents[index]?.secret);
    }
  }
  toString = () => `read(u${this.user})`;
}

const PROBES = ['get', 'text', 'delete', 'retry', 'ask'] as const;

/** Tries every document route on another user's live document: each must answer 404 like an unknown id. */
class Probe implements Command {
  readonly user: number;
  readonly victim: number;
  readonly document: number;
  constructor(user: number, victim: number, document: number) {
    this.user = user;
    this.victim = victim;
    this.document = document;
  }
  check = (model: Readonly<IsolationModel>) =>
    this.user % model.accounts.length !== this.victim % model.accounts.length &&
    pick(model.accounts, this.victim).live.size > 0;
  async run(model: IsolationModel, real: IsolationReal) {
    const account = pick(model.accounts, this.user);
    const id = pick(liveIds(pick(model.accounts, this.victim)), this.document);
    for (const probe of PROBES) {
      const { token } = account;
      const response = await {
        get: () => real.api.request('GET', `/documents/${id}`, { token }),
        text: () => real.api.request('GET', `/documents/${id}/text`, { token }),
        delete: () => real.api.request('DELETE', `/documents/${id}`, { token }),
        retry: () => real.api.request('POST', `/documents/${id}/retry`, { token }),
        ask: () => real.api.request('POST', '/query/ask', { token, json: { question: 'fee?', documentIds: [id] } }),
      }[probe]();
      expectError(checked(real, account, response), 404, 'document_not_found');
    }
  }
  toString = () => `probe(u${this.user} -> u${this.victim}, d${this.document})`;
}

const user = fc.nat({ max: 5 });
const other = fc.nat({ max: 7 });

/** The commands of the isolation model, with their arguments. */
export const isolationCommands = (maxCommands: number) =>
  fc.commands(
    [
      fc.tuple(user, fc.nat({ max: 5 })).map(([u, c]) => new Upload(u, c)),
      fc.tuple(user, other).map(([u, d]) => new Delete(u, d)),
      fc
        .record({
          user,
          words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
          follow: fc.constantFrom<Follow>('new', 'own', 'own', 'foreign'),
          scoped: fc.boolean(),
          other,
        })
        .map((a) => new Ask(a.user, a.words, a.follow, a.scoped, a.other)),
      user.map((u) => new ReadAll(u)),
      fc.tuple(user, user, other).map(([u, v, d]) => new Probe(u, v, d)),
    ],
    { maxCommands },
  );

/** Document texts built from the shared vocabulary, each sentence carrying the document's secret. */
export const contentTexts = fc.array(
  fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 10 }), { minLength: 1, maxLength: 30 }),
  { minLength: 2, maxLength: 4 },
);
