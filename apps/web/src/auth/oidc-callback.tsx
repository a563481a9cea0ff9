import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { oidcSession } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';

/** Props of the single sign-on landing screen. */
export interface OidcCallbackProps {
  /** The query of `#/oidc?...`: `code`, or `error` and `message`. */
  params: URLSearchParams;
  onSignedIn: (session: Session) => void;
  /** Leaves for the sign-in screen after a failure. */
  onBack: () => void;
}

/** Where the provider's redirect lands: trades the one-time code for a session. */
export const OidcCallback = ({ params, onSignedIn, onBack }: OidcCallbackProps) => {
  const api = useApi();
  const code = params.get('code');
  const [error, setError] = useState<string | null>(() =>
    code ? null : (params.get('message') ?? params.get('error') ?? 'The sign-in did not complete.'),
  );
  // The code is single-use: never post it twice (React runs effects twice in development).
  const used = useRef<string | null>(null);

  useEffect(() => {
    if (!code || used.current === code) return;
    used.current = code;
    oidcSession(api, code)
      .then(onSignedIn)
      .catch((thrown: unknown) => setError(messageOf(thrown)));
  }, [api, code, onSignedIn]);

  return (
    <main className="auth">
      <div className="card auth-card">
        <p className="brand brand-large">Docent</p>
        <h1>Signing you in</h1>
        {error ? (
          <>
            <p className="error" role="alert">
              {error}
            </p>
            <button className="button" type="button" onClick={onBack}>
              Back to sign in
            </button>
          </>
        ) : (
          <p role="status">Finishing sign-in…</p>
        )}
      </div>
    </main>
  );
};
