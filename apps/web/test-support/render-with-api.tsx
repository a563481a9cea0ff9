import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { ApiProvider } from '../src/api/api-context.tsx';
import { ApiClient } from '../src/api/http-client.ts';

/** Renders a screen inside an `ApiProvider` whose client sends `token` and records 401 sign-outs. */
export const renderWithApi = (ui: ReactElement, token: string | null = 'token-1') => {
  const onUnauthorized = vi.fn();
  const client = new ApiClient({ getToken: () => token, onUnauthorized });
  return { onUnauthorized, client, ...render(<ApiProvider client={client}>{ui}</ApiProvider>) };
};
