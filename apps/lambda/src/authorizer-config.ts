/** The user pool and app client whose tokens the authorizer accepts. */
export interface AuthorizerConfig {
  userPoolId: string;
  clientId: string;
}

/**
 * Reads `DOCENT_USER_POOL_ID` and `DOCENT_USER_POOL_CLIENT_ID` (set by the stack); throws naming
 * every missing one. The pool's region is its id's prefix.
 */
export const loadAuthorizerConfig = (env: Readonly<Record<string, string | undefined>>): AuthorizerConfig => {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') problems.push(`${name}: required`);
    return value;
  };
  const userPoolId = required('DOCENT_USER_POOL_ID');
  const clientId = required('DOCENT_USER_POOL_CLIENT_ID');
  if (problems.length > 0) throw new Error(`Invalid authorizer configuration:\n${problems.join('\n')}`);
  return { userPoolId, clientId };
};
