import type { Session } from '../api/types.ts';

/** The localStorage key shared with anything else that needs the session (tests, other tabs). */
export const SESSION_KEY = 'docent.session';

const isSession = (value: unknown): value is Session => {
  if (typeof value !== 'object' || value === null) return false;
  const { token, expiresAt, user } = value as Partial<Session>;
  return (
    typeof token === 'string' &&
    typeof expiresAt === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    typeof user.email === 'string'
  );
};

/** The stored session, or null when there is none, it is malformed or it has expired. */
export const loadSession = (storage: Storage, now = Date.now()): Session | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!isSession(parsed)) return null;
  const expires = Date.parse(parsed.expiresAt);
  return Number.isNaN(expires) || expires > now ? parsed : null;
};

/** Stores the session, or removes it when given null. */
export const saveSession = (storage: Storage, session: Session | null): void => {
  if (session === null) storage.removeItem(SESSION_KEY);
  else storage.setItem(SESSION_KEY, JSON.stringify(session));
};
