export { buildApp, DEFAULT_MAX_UPLOAD_BYTES, type HttpOptions } from './app.ts';
export type { ErrorBody } from './errors/error-handler.ts';
export { ERROR_STATUS } from './errors/status-table.ts';
