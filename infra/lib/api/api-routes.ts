import type { FunctionName } from '../compute/function-specs.ts';
import type { RequestModelName } from './request-models.ts';

/** One API Gateway method and where it goes. */
export interface ApiRoute {
  /** The API Gateway resource path; `{proxy+}` matches the rest of the path. */
  path: string;
  /** The HTTP method; `ANY` passes every method to the app, which answers 404/405 itself. */
  method: 'GET' | 'POST' | 'ANY';
  /** The function that serves it. */
  target: Exclude<FunctionName, 'processing' | 'authorizer' | 'stream'>;
  /** Reachable without a token (sign-up, sign-in, the OIDC round trip, health). */
  public?: boolean;
  /** The JSON body model API Gateway validates first. */
  model?: RequestModelName;
}

/**
 * The routes of the one Fastify app (packages/http-api/src/routes), split over three functions by prefix.
 * Public routes are listed one by one; every other path under a prefix is a proxy behind the authorizer.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  { path: '/health', method: 'GET', target: 'auth', public: true },
  { path: '/openapi.json', method: 'GET', target: 'auth', public: true },
  { path: '/auth/register', method: 'POST', target: 'auth', public: true, model: 'RegisterBody' },
  { path: '/auth/login', method: 'POST', target: 'auth', public: true, model: 'LoginBody' },
  { path: '/auth/oidc/{proxy+}', method: 'ANY', target: 'auth', public: true },
  { path: '/auth/{proxy+}', method: 'ANY', target: 'auth' },
  { path: '/documents', method: 'ANY', target: 'documents' },
  { path: '/documents/{proxy+}', method: 'ANY', target: 'documents' },
  { path: '/query/ask', method: 'POST', target: 'query', model: 'AskBody' },
  { path: '/query/search', method: 'POST', target: 'query', model: 'SearchBody' },
  { path: '/query/{proxy+}', method: 'ANY', target: 'query' },
];

/** Tighter per-method limits (requests per second, burst) where guessing passwords would pay. */
export const SIGN_IN_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const;
