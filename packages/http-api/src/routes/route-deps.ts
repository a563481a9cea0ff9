import type { Resolver } from '@docent/domain';
import type { onRequestAsyncHookHandler } from 'fastify';

/** What every route plugin receives: where to find use cases, and the hook guarding protected routes. */
export interface RouteDeps {
  resolver: Resolver;
  authenticate: onRequestAsyncHookHandler;
}
