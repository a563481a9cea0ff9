import { createObservability } from './observability.ts';

/** The container's Powertools utilities, built once per cold start (module scope). */
export const lambdaObservability = createObservability();
