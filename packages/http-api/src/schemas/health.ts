/** Response of `GET /health`. */
export const healthSchema = {
  description: 'The service is up',
  type: 'object',
  required: ['status', 'version'],
  properties: { status: { type: 'string', enum: ['ok'] }, version: { type: 'string' } },
} as const;
