import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './http-client.ts';

const ApiContext = createContext<ApiClient | null>(null);

/** Makes the API client available to every screen below it. */
export const ApiProvider = ({ client, children }: { client: ApiClient; children: ReactNode }) => (
  <ApiContext.Provider value={client}>{children}</ApiContext.Provider>
);

/** The API client of the nearest `ApiProvider`. */
export const useApi = (): ApiClient => {
  const client = useContext(ApiContext);
  if (client === null) throw new Error('useApi must be used inside an ApiProvider.');
  return client;
};
