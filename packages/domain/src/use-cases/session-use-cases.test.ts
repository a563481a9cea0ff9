import {
  InMemoryDocumentRepository,
  InMemoryIdentityProvider,
  InMemoryLoginAttempts,
  InMemoryQueryHistoryRepository,
} from '@docent/adapters-inmemory';
import { ManualClock } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { Authenticate } from './authenticate.ts';
import { GetProfile } from './get-profile.ts';
import { LogIn } from './log-in.ts';
import { LogOut } from './log-out.ts';

// LogIn, LogOut, Authenticate and GetProfile share one session lifecycle, tested end to end.
const setUp = async () => {
  const identity = new InMemoryIdentityProvider({ scrypt: { N: 1024, r: 8, p: 1 } });
  const documents = new InMemoryDocumentRepository();
  const history = new InMemoryQueryHistoryRepository();
  const user = await identity.register('ada@example.org', 'Passw0rdX');
  return {
    user,
    documents,
    history,
    logIn: new LogIn({ identity, attempts: new InMemoryLoginAttempts(), clock: new ManualClock() }),
    logOut: new LogOut({ identity }),
    authenticate: new Authenticate({ identity }),
    getProfile: new GetProfile({ identity, documents, history }),
  };
};

describe('session use cases', () => {
  it('logs in with any casing of the email, authenticates the token, then logs out', async () => {
    const { user, logIn, logOut, authenticate } = await setUp();
    const session = await logIn.execute({ email: '  ADA@example.org', password: 'Passw0rdX' });
    expect(session.user).toEqual(user);
    expect(await authenticate.execute({ token: session.token })).toEqual({ userId: user.id, email: user.email });
    await logOut.execute({ token: session.token });
    await expect(authenticate.execute({ token: session.token })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('answers invalid_credentials for a wrong password, an unknown or a malformed email alike', async () => {
    const { logIn } = await setUp();
    for (const input of [
      { email: 'ada@example.org', password: 'wrong' },
      { email: 'bob@example.org', password: 'Passw0rdX' },
      { email: 'not an email', password: 'Passw0rdX' },
      { email: '', password: '' },
    ]) {
      await expect(logIn.execute(input)).rejects.toMatchObject({ code: 'invalid_credentials' });
    }
  });

  it('rejects a blank or unknown token as unauthorized; logging out an unknown token is fine', async () => {
    const { authenticate, logOut } = await setUp();
    await expect(authenticate.execute({ token: ' ' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(authenticate.execute({ token: 'nope' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(logOut.execute({ token: 'nope' })).resolves.toBeUndefined();
    await expect(logOut.execute({ token: '' })).resolves.toBeUndefined();
  });

  it('returns the profile with the number of documents and the usage of its questions', async () => {
    const { user, getProfile, documents, history } = await setUp();
    const principal = { userId: user.id, email: user.email };
    const noUsage = { questions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    expect(await getProfile.execute(principal)).toEqual({ ...user, documentCount: 0, usage: noUsage });
    await documents.create({
      id: 'd1',
      ownerId: user.id,
      name: 'a.txt',
      contentType: 'text/plain',
      size: 1,
      sha256: 'ab',
      blobKey: `documents/${user.id}/d1`,
      status: 'uploaded',
      progress: { stage: 'queued', done: 0, total: 1 },
      uploadedAt: '2025-01-01T00:00:00.000Z',
    });
    const asked = { ownerId: user.id, question: 'q', answer: 'a', abstained: false, citations: [] };
    await history.add({
      ...asked,
      id: 'h1',
      askedAt: '2025-01-02T00:00:00.000Z',
      usage: { model: 'm', inputTokens: 500, outputTokens: 40, costUsd: 0.002 },
    });
    await history.add({ ...asked, id: 'h2', askedAt: '2025-01-03T00:00:00.000Z' });
    // Another user's spend must not show up in this profile.
    await history.add({
      ...asked,
      id: 'h3',
      ownerId: 'someone-else',
      askedAt: '2025-01-03T00:00:00.000Z',
      usage: { model: 'm', inputTokens: 9, outputTokens: 9, costUsd: 9 },
    });
    expect(await getProfile.execute(principal)).toEqual({
      ...user,
      documentCount: 1,
      usage: { questions: 2, inputTokens: 500, outputTokens: 40, costUsd: 0.002 },
    });
    await expect(getProfile.execute({ userId: 'gone', email: 'x@example.org' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});
