/** One check of `GET /ready`. */
const readinessCheck = {
  type: 'object',
  required: ['name', 'ok', 'durationMs'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    ok: { type: 'boolean' },
    durationMs: { type: 'number' },
    error: { type: 'string', description: 'Why the check failed (only when `ok` is false).' },
  },
} as const;

const readinessReport = (description: string, status: 'ready' | 'unready') =>
  ({
    description,
    type: 'object',
    required: ['status', 'checks'],
    additionalProperties: false,
    properties: { status: { type: 'string', enum: [status] }, checks: { type: 'array', items: readinessCheck } },
  }) as const;

/** Responses of `GET /ready`. */
export const readinessResponses = {
  200: readinessReport('Every check passed: the instance can take traffic', 'ready'),
  503: readinessReport('At least one check failed; `checks` says which', 'unready'),
} as const;

/** The 200 response of `GET /metrics`: text, not JSON. */
export const metricsTextResponse = {
  description: 'Prometheus text exposition format 0.0.4',
  content: { 'text/plain': { schema: { type: 'string' } } },
} as const;
