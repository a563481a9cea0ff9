import type { SignInThrottleOptions } from '@docent/domain';
import { z } from 'zod';

const DAY_SECONDS = 24 * 60 * 60;

const whole = (fallback: number, max: number) => z.coerce.number().int().positive().max(max).default(fallback);

/** The `DOCENT_SIGNIN_*` settings (password sign-in throttling); merged into the server's one schema. */
export const signInSchema = {
  DOCENT_SIGNIN_ACCOUNT_THRESHOLD: whole(5, 1000),
  DOCENT_SIGNIN_ADDRESS_THRESHOLD: whole(20, 100_000),
  DOCENT_SIGNIN_BASE_DELAY_SECONDS: whole(1, DAY_SECONDS),
  DOCENT_SIGNIN_MAX_DELAY_SECONDS: whole(900, DAY_SECONDS),
  DOCENT_SIGNIN_WINDOW_SECONDS: whole(3600, 30 * DAY_SECONDS),
};

const signInObject = z.object(signInSchema);
type SignInSettings = z.infer<typeof signInObject>;

/** Settings that contradict each other, each naming the setting to change. */
export const signInProblems = (c: SignInSettings): string[] => {
  const problems: string[] = [];
  if (c.DOCENT_SIGNIN_MAX_DELAY_SECONDS < c.DOCENT_SIGNIN_BASE_DELAY_SECONDS) {
    problems.push('DOCENT_SIGNIN_MAX_DELAY_SECONDS: must be at least DOCENT_SIGNIN_BASE_DELAY_SECONDS');
  }
  // A window no longer than the longest wait would forget an attacker's failures while they wait it out.
  if (c.DOCENT_SIGNIN_WINDOW_SECONDS <= c.DOCENT_SIGNIN_MAX_DELAY_SECONDS) {
    problems.push('DOCENT_SIGNIN_WINDOW_SECONDS: must be longer than DOCENT_SIGNIN_MAX_DELAY_SECONDS');
  }
  if (c.DOCENT_SIGNIN_ADDRESS_THRESHOLD < c.DOCENT_SIGNIN_ACCOUNT_THRESHOLD) {
    problems.push('DOCENT_SIGNIN_ADDRESS_THRESHOLD: must be at least DOCENT_SIGNIN_ACCOUNT_THRESHOLD');
  }
  return problems;
};

/** The throttling policy the settings describe. */
export const signInConfig = (c: SignInSettings): Required<SignInThrottleOptions> => ({
  accountThreshold: c.DOCENT_SIGNIN_ACCOUNT_THRESHOLD,
  addressThreshold: c.DOCENT_SIGNIN_ADDRESS_THRESHOLD,
  baseDelaySeconds: c.DOCENT_SIGNIN_BASE_DELAY_SECONDS,
  maxDelaySeconds: c.DOCENT_SIGNIN_MAX_DELAY_SECONDS,
  windowSeconds: c.DOCENT_SIGNIN_WINDOW_SECONDS,
});
