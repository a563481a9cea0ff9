import { describeIdentityProviderContract } from '@docent/testing';
import { startCognitoTestWorld } from '../../test-support/cognito-test-world.ts';

// Cognito signs out globally (GlobalSignOut) and federates in its hosted UI, hence the two options.
describeIdentityProviderContract(
  'CognitoIdentityProvider (local Cognito protocol server, dynalite Users table)',
  async (clock) => {
    const world = await startCognitoTestWorld({ now: () => clock.now() });
    const { identity } = await world.provider({ clock });
    return { identity, cleanup: () => world.close() };
  },
  { logoutScope: 'account', externalSignIn: 'hosted-ui' },
);
