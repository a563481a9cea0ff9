import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../api/types.ts';
import { loadSession, SESSION_KEY, saveSession } from './session-store.ts';

/** Why the user is signed out, shown on the sign-in screen. */
export type SignOutReason = 'signed-out' | 'expired';

/** The session state of the app and the ways it changes. */
export interface SessionState {
  session: Session | null;
  /** Set when the last session ended without the user asking (a 401). */
  endedReason: SignOutReason | null;
  signIn: (session: Session) => void;
  signOut: (reason: SignOutReason) => void;
}

/** Keeps the session in localStorage and in step with other tabs of the same app. */
export const useSession = (): SessionState => {
  const [session, setSession] = useState<Session | null>(() => loadSession(window.localStorage));
  const [endedReason, setEndedReason] = useState<SignOutReason | null>(null);

  const signIn = useCallback((next: Session) => {
    saveSession(window.localStorage, next);
    setEndedReason(null);
    setSession(next);
  }, []);

  const signOut = useCallback((reason: SignOutReason) => {
    saveSession(window.localStorage, null);
    setEndedReason(reason);
    setSession(null);
  }, []);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_KEY || event.key === null) setSession(loadSession(window.localStorage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  return { session, endedReason, signIn, signOut };
};
