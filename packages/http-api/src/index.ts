export { buildApp, DEFAULT_MAX_UPLOAD_BYTES, type HttpOptions } from './app.ts';
export type { ErrorBody } from './errors/error-handler.ts';
export { ERROR_STATUS } from './errors/status-table.ts';
export type { HttpObservability } from './observability/http-observability.ts';
export type { MetricsExposition } from './observability/metrics-exposition.ts';
export type { ReadinessProbe } from './observability/readiness-probe.ts';
export { presentAnswer, presentCitation, presentSource } from './presenters/answer.ts';
export { type DocumentView, presentDocument } from './presenters/document.ts';
export { presentUser } from './presenters/user.ts';
