export { backoffDelay, MAX_BACKOFF_MS } from './backoff-delay.ts';
export { IdleDeadline } from './idle-deadline.ts';
export { sleep } from './sleep.ts';
