import { type Resolver, TOKENS } from '@docent/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAuthHook, decorateAuth } from './auth-hook.ts';
import { registerContentTypes } from './content-types.ts';
import { handleClientError } from './errors/client-error.ts';
import { registerErrorHandling, sendError } from './errors/error-handler.ts';
import type { HttpObservability } from './observability/http-observability.ts';
import { registerRequestLatency } from './observability/request-latency.ts';
import { registerDocsPage, registerOpenApi } from './openapi.ts';
import { requestIdFor } from './request-id.ts';
import { authRoutes } from './routes/auth.ts';
import { documentRoutes } from './routes/documents.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { queryRoutes } from './routes/query.ts';
import { readyRoutes } from './routes/ready.ts';
import { registerSharedSchemas } from './schemas/shared.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerWebAssets } from './web-assets.ts';

/** Options of the HTTP app. */
export interface HttpOptions {
  /** Largest accepted upload in bytes (default 50 MiB). */
  maxUploadBytes?: number;
  /** Fastify logger: `true`, pino options, or off (default). */
  logger?: boolean | object;
  /** Serve the swagger-ui page at `/docs` (default true). */
  serveDocs?: boolean;
  /** Reported by `/health` and the OpenAPI document. */
  version: string;
  /**
   * A built web app (`index.html` + `assets/`) to serve at `/`. Skipped with a warning when the
   * folder has no `index.html`, so a missing build never stops the API.
   */
  webRoot?: string;
  /** Latency metrics, `GET /metrics` and the probes of `GET /ready` (default: none). */
  observability?: HttpObservability;
}

/** The upload limit when `maxUploadBytes` is not given: 50 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** How long one readiness probe may take before it counts as failed. */
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/** JSON bodies are small (credentials, questions); uploads have their own limit. */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Builds the Docent HTTP app: every route resolves its use case from `resolver` by token, so the
 * same app runs over any composition root (local server, Lambda, tests). The app is not yet
 * `ready`, so a root may still register plugins (e.g. the web UI's static files) before `listen`.
 */
export const buildApp = async (resolver: Resolver, options: HttpOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    genReqId: requestIdFor,
    frameworkErrors: sendError,
    clientErrorHandler: handleClientError,
    // Bodies are validated without coercion so a mistyped field is an error, not silently converted.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  registerContentTypes(app);
  decorateAuth(app);
  registerSecurityHeaders(app);
  registerErrorHandling(app);
  registerSharedSchemas(app);
  await registerOpenApi(app, options.version);
  if (options.serveDocs ?? true) await registerDocsPage(app);

  const observability = options.observability ?? {};
  if (observability.metrics !== undefined) registerRequestLatency(app, observability.metrics);

  const deps = { resolver, authenticate: createAuthHook(resolver.get(TOKENS.Authenticate)) };
  await app.register(healthRoutes, { version: options.version });
  await app.register(readyRoutes, {
    probes: observability.probes ?? [],
    probeTimeoutMs: observability.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  });
  if (observability.exposition !== undefined) {
    const { exposition, metricsToken } = observability;
    await app.register(metricsRoutes, { exposition, ...(metricsToken === undefined ? {} : { token: metricsToken }) });
  }
  await app.register(authRoutes, deps);
  await app.register(oidcRoutes, deps);
  await app.register(documentRoutes, { ...deps, maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES });
  await app.register(queryRoutes, deps);
  if (options.webRoot !== undefined) await registerWebAssets(app, { root: options.webRoot });
  return app;
};
