import { expect } from 'vitest';
import type { ApiResponse } from './api-client.ts';

/** Asserts the error envelope: status, stable code, a message and the request id echoed in the header. */
export const expectError = (response: ApiResponse, status: number, code: string): void => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const body = response.body as { error: { code: string; message: string; requestId: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({ code, message: expect.any(String), requestId: response.headers.get('x-request-id') });
  expect(body.error.message.length).toBeGreaterThan(0);
};
