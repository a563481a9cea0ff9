import type { Metrics } from '@docent/domain';
import type { FastifyInstance } from 'fastify';

/** Methods kept as they are in the label; anything else is `OTHER`, so a client cannot invent series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Records every answered request in `httpRequestSeconds` under its route pattern (`/documents/:id`,
 * never the concrete path with its ids; `unmatched` for 404s of unknown paths), method and status
 * class (`2xx`...), so the label values stay a small closed set.
 */
export const registerRequestLatency = (app: FastifyInstance, metrics: Metrics): void => {
  app.addHook('onResponse', async (request, reply) => {
    const method = KNOWN_METHODS.has(request.method) ? request.method : 'OTHER';
    metrics.observe('httpRequestSeconds', reply.elapsedTime / 1000, {
      route: request.routeOptions.url ?? 'unmatched',
      method,
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    });
  });
};
