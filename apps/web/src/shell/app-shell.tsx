import { type ReactNode, useEffect, useRef } from 'react';
import type { User } from '../api/types.ts';
import { hrefOf, type RouteName } from '../routing/routes.ts';

const LINKS: ReadonlyArray<[RouteName, string]> = [
  ['documents', 'Documents'],
  ['ask', 'Ask'],
  ['history', 'History'],
];

/** Props of the signed-in frame. */
export interface AppShellProps {
  user: User;
  current: RouteName;
  onSignOut: () => void;
  children: ReactNode;
}

/** The signed-in frame: banner with the user and sign-out, main navigation, and the screen. */
export const AppShell = ({ user, current, onSignOut, children }: AppShellProps) => {
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    const title = LINKS.find(([name]) => name === current)?.[1] ?? 'Documents';
    document.title = `${title} · Docent`;
    // After navigating, start screen readers and keyboard users at the new screen's heading.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [current]);

  return (
    <div className="shell">
      {/* A button, not a link to #main: the hash router would read that hash as a route. */}
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <header className="banner">
        <div className="banner-inner">
          <span className="brand">Docent</span>
          <nav aria-label="Main" className="nav">
            <ul>
              {LINKS.map(([name, label]) => (
                <li key={name}>
                  <a href={hrefOf(name)} aria-current={name === current ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user">
            <span className="user-email">{user.email}</span>
            <button type="button" className="button button-small button-secondary" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {children}
      </main>
    </div>
  );
};
