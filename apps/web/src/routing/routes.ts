/** The screens reachable by hash URL. */
export type RouteName = 'documents' | 'ask' | 'history' | 'oidc';

/** A parsed hash route: the screen and its query parameters. */
export interface Route {
  name: RouteName;
  params: URLSearchParams;
}

const NAMES: readonly RouteName[] = ['documents', 'ask', 'history', 'oidc'];

/** Parses `#/ask`, `#/oidc?code=...`; anything unknown or empty means the documents screen. */
export const parseHash = (hash: string): Route => {
  const path = hash.replace(/^#\/?/, '');
  const queryAt = path.indexOf('?');
  const name = queryAt === -1 ? path : path.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : path.slice(queryAt + 1));
  const known = NAMES.find((candidate) => candidate === name);
  return { name: known ?? 'documents', params };
};

/** The hash of a screen, e.g. `#/ask`. */
export const hrefOf = (name: RouteName): string => `#/${name}`;
