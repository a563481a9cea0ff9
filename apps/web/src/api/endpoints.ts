import type { ApiClient } from './http-client.ts';
import type { DocumentText, DocumentView, HistoryPage, OidcConfig, Session } from './types.ts';

/** Credentials for sign-in and sign-up. */
export interface Credentials {
  email: string;
  password: string;
}

const path = (id: string) => `/documents/${encodeURIComponent(id)}`;

/** `POST /auth/login`. */
export const login = (api: ApiClient, credentials: Credentials) =>
  api.json<Session>('/auth/login', { method: 'POST', json: credentials });

/** `POST /auth/register`; the caller signs in afterwards. */
export const register = (api: ApiClient, credentials: Credentials) =>
  api.json<unknown>('/auth/register', { method: 'POST', json: credentials });

/** `POST /auth/logout`: revokes the current token. */
export const logout = (api: ApiClient) => api.send('/auth/logout', { method: 'POST' });

/** `GET /auth/oidc/config`. */
export const oidcConfig = (api: ApiClient) => api.json<OidcConfig>('/auth/oidc/config');

/** `POST /auth/oidc/session`: trades the one-time code from the provider's redirect for a session. */
export const oidcSession = (api: ApiClient, code: string) =>
  api.json<Session>('/auth/oidc/session', { method: 'POST', json: { code } });

/** `GET /documents`: the caller's documents, newest first. */
export const listDocuments = async (api: ApiClient, signal?: AbortSignal): Promise<DocumentView[]> => {
  const page = await api.json<{ documents: DocumentView[] }>('/documents?limit=100', signal ? { signal } : {});
  return page.documents;
};

/** `DELETE /documents/:id`. */
export const deleteDocument = (api: ApiClient, id: string) => api.send(path(id), { method: 'DELETE' });

/** `POST /documents/:id/retry`: processes a failed document again. */
export const retryDocument = async (api: ApiClient, id: string): Promise<DocumentView> =>
  (await api.json<{ document: DocumentView }>(`${path(id)}/retry`, { method: 'POST' })).document;

/** `GET /documents/:id/text`: the normalised text citations point into. */
export const documentText = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.json<DocumentText>(`${path(id)}/text`, signal ? { signal } : {});

/** `GET /query/history`: a page of past questions, newest first. */
export const listHistory = (api: ApiClient, cursor?: string) => {
  const query = new URLSearchParams({ limit: '20' });
  if (cursor) query.set('cursor', cursor);
  return api.json<HistoryPage>(`/query/history?${query}`);
};
