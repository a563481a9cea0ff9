import type { Resolver } from '@docent/domain';
import { loadAwsConfig } from './aws-config.ts';
import { composeLambda } from './container.ts';
import { lambdaObservability } from './lambda-observability.ts';
import { once } from './once.ts';

/**
 * The composition root over the validated environment, built on first use and kept for the life
 * of the container. A bad environment fails the invocation with every problem named, and the next
 * invocation tries again.
 */
export const lambdaContainer: () => Promise<Resolver> = once(async () =>
  composeLambda(loadAwsConfig(process.env), lambdaObservability.business),
);
