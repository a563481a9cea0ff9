import { useCallback, useEffect, useState } from 'react';
import { hrefOf, parseHash, type Route, type RouteName } from './routes.ts';

/** The current hash route and a way to move to another screen. */
export interface HashRouter {
  route: Route;
  /** Goes to a screen; `replace` keeps the current entry out of the back history (one-time codes). */
  navigate: (name: RouteName, options?: { replace?: boolean }) => void;
}

/**
 * Hash routing without a library: the app is a handful of screens, and hash URLs work from any
 * static host (the server never has to know the client's routes).
 */
export const useHashRoute = (): HashRouter => {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));

  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const navigate = useCallback((name: RouteName, options: { replace?: boolean } = {}) => {
    const href = hrefOf(name);
    if (options.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    setRoute(parseHash(href));
  }, []);

  return { route, navigate };
};
