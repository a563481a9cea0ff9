import type { Profile, Session, User } from '@docent/domain';

/** A user as clients see it. */
export const presentUser = (user: User) => ({ id: user.id, email: user.email, createdAt: user.createdAt });

/** A new session: the bearer token, when it expires and whose it is. */
export const presentSession = (session: Session) => ({
  token: session.token,
  expiresAt: session.expiresAt,
  user: presentUser(session.user),
});

/** The caller's profile. */
export const presentProfile = (profile: Profile) => ({
  ...presentUser(profile),
  documentCount: profile.documentCount,
  usage: {
    questions: profile.usage.questions,
    inputTokens: profile.usage.inputTokens,
    outputTokens: profile.usage.outputTokens,
    costUsd: profile.usage.costUsd,
  },
});
