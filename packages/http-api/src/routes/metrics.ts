import { createHash, timingSafeEqual } from 'node:crypto';
import { DocentError } from '@docent/domain';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { MetricsExposition } from '../observability/metrics-exposition.ts';
import { errorResponses } from '../schemas/error.ts';
import { metricsTextResponse } from '../schemas/observability.ts';

/** Options of the metrics route. */
export interface MetricsRouteOptions {
  exposition: MetricsExposition;
  /** When set, the scrape must send it as a bearer token. */
  token?: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares digests in constant time, so response timing does not reveal the token. */
const carriesToken = (request: FastifyRequest, token: string): boolean => {
  const header = request.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(given), digest(token));
};

/**
 * `GET /metrics`: the Prometheus exposition. Labels carry route patterns, stages and reason codes
 * only, never user ids or document names, so the page reveals no one's data; a bearer token can
 * still be required where the port is reachable by others.
 */
export const metricsRoutes: FastifyPluginAsync<MetricsRouteOptions> = async (app, { exposition, token }) => {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['meta'],
        summary: 'Prometheus metrics (bearer token when DOCENT_METRICS_TOKEN is set)',
        response: { 200: metricsTextResponse, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      if (token !== undefined && !carriesToken(request, token)) {
        throw new DocentError('unauthorized', 'Metrics need the configured bearer token');
      }
      const { contentType, body } = await exposition.scrape();
      return reply.type(contentType).header('cache-control', 'no-store').send(body);
    },
  );
};
