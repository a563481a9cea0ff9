import { type ReactNode, useCallback, useMemo, useRef } from 'react';
import { ApiProvider } from './api/api-context.tsx';
import { logout } from './api/endpoints.ts';
import { ApiClient } from './api/http-client.ts';
import type { Session } from './api/types.ts';
import { AskScreen } from './ask/ask-screen.tsx';
import { OidcCallback } from './auth/oidc-callback.tsx';
import { SignInScreen } from './auth/sign-in-screen.tsx';
import { DocumentsScreen } from './documents/documents-screen.tsx';
import { HistoryScreen } from './history/history-screen.tsx';
import type { RouteName } from './routing/routes.ts';
import { useHashRoute } from './routing/use-hash-route.tsx';
import { useSession } from './session/use-session.tsx';
import { AppShell } from './shell/app-shell.tsx';

/** Props of the app; only tests change them. */
export interface AppProps {
  /** Poll interval of document lists in milliseconds. */
  pollMs?: number;
}

const Screen = ({ name, pollMs }: { name: RouteName; pollMs: number }) => {
  if (name === 'ask') return <AskScreen pollMs={pollMs} />;
  if (name === 'history') return <HistoryScreen />;
  return <DocumentsScreen pollMs={pollMs} />;
};

/** The Docent web app: sign-in, or the signed-in shell with the screen of the current hash route. */
export const App = ({ pollMs = 1000 }: AppProps) => {
  const { session, endedReason, signIn, signOut } = useSession();
  const { route, navigate } = useHashRoute();
  const tokenRef = useRef<string | null>(session?.token ?? null);
  tokenRef.current = session?.token ?? null;

  const api = useMemo(
    () => new ApiClient({ getToken: () => tokenRef.current, onUnauthorized: () => signOut('expired') }),
    [signOut],
  );

  const onSignedIn = useCallback(
    (next: Session) => {
      tokenRef.current = next.token;
      signIn(next);
      navigate('documents', { replace: route.name === 'oidc' });
    },
    [navigate, route.name, signIn],
  );

  const onSignOut = async () => {
    // Revoke the token server-side, but never keep someone signed in because that call failed.
    await logout(api).catch(() => undefined);
    signOut('signed-out');
  };

  let content: ReactNode;
  if (route.name === 'oidc') {
    content = (
      <OidcCallback
        params={route.params}
        onSignedIn={onSignedIn}
        onBack={() => navigate('documents', { replace: true })}
      />
    );
  } else if (session === null) {
    const notice = endedReason === 'expired' ? 'Your session has ended. Please sign in again.' : undefined;
    content = <SignInScreen onSignedIn={onSignedIn} notice={notice} />;
  } else {
    content = (
      <AppShell user={session.user} current={route.name} onSignOut={onSignOut}>
        <Screen key={route.name} name={route.name} pollMs={pollMs} />
      </AppShell>
    );
  }
  return <ApiProvider client={api}>{content}</ApiProvider>;
};
