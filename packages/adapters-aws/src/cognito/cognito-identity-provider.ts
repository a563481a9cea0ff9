import {
  AdminConfirmSignUpCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type Clock,
  DocentError,
  type IdentityProvider,
  isDocentError,
  type Principal,
  type Session,
  systemClock,
  type User,
} from '@docent/domain';
import { decodeJwt } from 'jose';
import { awsErrorName, awsFailure, type ErrorTranslation } from './cognito-errors.ts';
import type { DynamoUsersTable } from './users-table.ts';
import { type CognitoJwtVerifier, createCognitoJwtVerifier } from './verify-cognito-jwt.ts';

/** Configuration of {@link CognitoIdentityProvider}. */
export interface CognitoIdentityProviderOptions {
  /** A client for the pool's region; the Admin calls need IAM rights on the pool, the others none. */
  client: CognitoIdentityProviderClient;
  /** The Users table (rows keyed by the Cognito `sub`). */
  users: DynamoUsersTable;
  /** The user pool, whose username attribute is the email. */
  userPoolId: string;
  /** An app client without a secret, with the USER_PASSWORD_AUTH flow enabled. */
  clientId: string;
  /** The pool's region (default: the pool id's prefix). */
  region?: string;
  /**
   * Confirms new accounts and marks their email verified at once (AdminConfirmSignUp and
   * AdminUpdateUserAttributes), so `register` then `login` works as the port promises (default true).
   * A pool whose pre-sign-up Lambda auto-confirms needs no admin call: SignUp then reports the account
   * confirmed and none is made; it also spares the user the sign-up code that Cognito still emails
   * before an admin confirmation. With false, the emailed code confirms the account: see `confirmSignUp`.
   */
  autoConfirm?: boolean;
  /**
   * Asks Cognito (GetUser) on every `verify` whether the token was revoked by a sign-out, which a local
   * JWT check cannot see (default true). False trusts a verified token until it expires, and then only
   * accounts with a Users row (written at register or login) are accepted.
   */
  checkRevocation?: boolean;
  /** The pool's JWKS (default: Cognito's URL for the pool). */
  jwksUrl?: string;
  /** Time source for expiry checks and `createdAt` (default: the system clock). */
  clock?: Clock;
}

const INVALID_CREDENTIALS = 'The email or password is not correct.';
const invalidCredentials: ErrorTranslation = (cause) =>
  new DocentError('invalid_credentials', INVALID_CREDENTIALS, { cause });
const signedOut: ErrorTranslation = (cause) =>
  new DocentError('unauthorized', 'The session has ended; sign in again.', { details: { reason: 'revoked' }, cause });

/**
 * The IdentityProvider on an Amazon Cognito user pool whose username is the email, with a DynamoDB
 * Users table for Docent's own record of each account.
 *
 * A session's token is Cognito's **access token** (`token_use` `access`): GlobalSignOut takes it, and
 * `verify` checks it locally (signature against the pool's JWKS, issuer, `client_id`, expiry) and then,
 * unless `checkRevocation` is off, with Cognito. Logging out signs out every session of the account:
 * Cognito revokes access tokens per user (GlobalSignOut), not one at a time.
 *
 * Google and Login with Amazon sign-in is served by Cognito's hosted UI (see `hostedUiUrls`), not by
 * `signInExternal`; `verify` gives such an account its Users row on first use.
 */
export class CognitoIdentityProvider implements IdentityProvider {
  readonly #client: CognitoIdentityProviderClient;
  readonly #users: DynamoUsersTable;
  readonly #userPoolId: string;
  readonly #clientId: string;
  readonly #autoConfirm: boolean;
  readonly #checkRevocation: boolean;
  readonly #clock: Clock;
  readonly #verifyJwt: CognitoJwtVerifier;

  constructor(options: CognitoIdentityProviderOptions) {
    this.#client = options.client;
    this.#users = options.users;
    this.#userPoolId = options.userPoolId;
    this.#clientId = options.clientId;
    this.#autoConfirm = options.autoConfirm ?? true;
    this.#checkRevocation = options.checkRevocation ?? true;
    this.#clock = options.clock ?? systemClock;
    this.#verifyJwt = createCognitoJwtVerifier({
      userPoolId: options.userPoolId,
      clientId: options.clientId,
      tokenUse: 'access',
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.jwksUrl === undefined ? {} : { jwksUrl: options.jwksUrl }),
    });
  }

  /**
   * SignUp, then (with `autoConfirm`) confirmation, then the Users row. Throws `email_taken` (also when a
   * Users row already has the email, e.g. a federated account), `weak_password` for the pool's policy, and
   * `unavailable` if a step fails; an account left without its row gets it at its first login.
   */
  async register(email: string, password: string): Promise<User> {
    if ((await this.#users.findByEmail(email)) !== null) {
      throw new DocentError('email_taken', 'An account with this email already exists.');
    }
    const signUp = await this.#call('SignUp', () =>
      this.#client.send(
        new SignUpCommand({
          ClientId: this.#clientId,
          Username: email,
          Password: password,
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      ),
    );
    if (signUp.UserSub === undefined) throw new DocentError('unavailable', 'Cognito SignUp answered without a sub.');
    if (this.#autoConfirm && signUp.UserConfirmed !== true) await this.#confirmByAdmin(email);
    const user: User = { id: signUp.UserSub, email, createdAt: this.#clock.now().toISOString() };
    await this.#users.create(user);
    return user;
  }

  /** Confirms an account with the code Cognito emailed. Throws `validation_failed`, `not_found` or `conflict`. */
  async confirmSignUp(email: string, code: string): Promise<void> {
    await this.#call(
      'ConfirmSignUp',
      () =>
        this.#client.send(
          new ConfirmSignUpCommand({ ClientId: this.#clientId, Username: email, ConfirmationCode: code }),
        ),
      {
        UserNotFoundException: (cause) =>
          new DocentError('not_found', 'No account with this email awaits confirmation.', { cause }),
        NotAuthorizedException: (cause) => new DocentError('conflict', 'This account is already confirmed.', { cause }),
      },
    );
  }

  /** Emails a new confirmation code. Throws `not_found`, `conflict` (already confirmed) or `rate_limited`. */
  async resendConfirmation(email: string): Promise<void> {
    await this.#call(
      'ResendConfirmationCode',
      () => this.#client.send(new ResendConfirmationCodeCommand({ ClientId: this.#clientId, Username: email })),
      {
        UserNotFoundException: (cause) =>
          new DocentError('not_found', 'No account with this email awaits confirmation.', { cause }),
        InvalidParameterException: (cause) =>
          new DocentError('conflict', `No code was sent: ${(cause as Error).message}`, { cause }),
      },
    );
  }

  /**
   * InitiateAuth with USER_PASSWORD_AUTH. Throws `invalid_credentials` for an unknown email or a wrong
   * password alike, `account_unconfirmed`, or `forbidden` when Cognito asks for a challenge (MFA, a new
   * password) that a password form cannot answer.
   */
  async login(email: string, password: string): Promise<Session> {
    // An empty password is never right; Cognito is not asked.
    if (password === '') throw new DocentError('invalid_credentials', INVALID_CREDENTIALS);
    const answer = await this.#call(
      'InitiateAuth',
      () =>
        this.#client.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: this.#clientId,
            AuthParameters: { USERNAME: email, PASSWORD: password },
          }),
        ),
      { NotAuthorizedException: invalidCredentials, UserNotFoundException: invalidCredentials },
    );
    if (answer.ChallengeName !== undefined) {
      throw new DocentError(
        'forbidden',
        `Cognito asks for the ${answer.ChallengeName} challenge, which password sign-in does not answer; use the hosted sign-in page.`,
        { details: { challenge: answer.ChallengeName } },
      );
    }
    const tokens = answer.AuthenticationResult;
    if (tokens?.AccessToken === undefined || tokens.IdToken === undefined) {
      throw new DocentError('unavailable', 'Cognito InitiateAuth answered without tokens.');
    }
    const { sub, email: idEmail } = decodeJwt(tokens.IdToken);
    const user = await this.#provision(String(sub), typeof idEmail === 'string' ? idEmail : email);
    const expiresAt = this.#clock.now().getTime() + (tokens.ExpiresIn ?? 3600) * 1000;
    return { token: tokens.AccessToken, expiresAt: new Date(expiresAt).toISOString(), user };
  }

  /** Checks the access token (see the class comment). Throws `unauthorized`, or `unavailable` when Cognito cannot be asked. */
  async verify(token: string): Promise<Principal> {
    const claims = await this.#verifyJwt(token, this.#clock.now());
    const [row, email] = await Promise.all([
      this.#users.get(claims.sub),
      this.#checkRevocation ? this.#cognitoEmail(token) : undefined,
    ]);
    const user = row ?? (email === undefined ? null : await this.#provision(claims.sub, email));
    if (user === null) {
      throw new DocentError('unauthorized', 'No Docent account belongs to this token.', {
        details: { reason: 'no_account' },
      });
    }
    return { userId: user.id, email: user.email };
  }

  /**
   * Not available on AWS: federated sign-in runs through Cognito's hosted UI, which creates or links the
   * account and hands out Cognito tokens itself; opening a session for an email without its password
   * would need a custom-auth Lambda trigger with a shared secret. Always rejects with `oidc_failed`.
   */
  async signInExternal(_email: string): Promise<Session> {
    throw new DocentError(
      'oidc_failed',
      'On AWS, sign-in with Google or Login with Amazon goes through the Cognito hosted UI: send the browser to its authorize URL (hostedUiUrls), and use the access token Cognito returns as the session token.',
      { details: { hostedUi: true } },
    );
  }

  /**
   * GlobalSignOut: revokes every token of the token's account, this one included. A token that is not a
   * live token of this pool (malformed, foreign, expired, already revoked) has nothing left to revoke.
   */
  async logout(token: string): Promise<void> {
    try {
      await this.#verifyJwt(token, this.#clock.now());
    } catch (error) {
      if (isDocentError(error) && error.code === 'unauthorized') return;
      throw error;
    }
    try {
      await this.#client.send(new GlobalSignOutCommand({ AccessToken: token }));
    } catch (error) {
      // Revoked meanwhile, or expired since the check: nothing is left to revoke.
      if (awsErrorName(error) === 'NotAuthorizedException') return;
      throw awsFailure(error, 'Cognito GlobalSignOut');
    }
  }

  /** The Users row of this id (the Cognito `sub`), or null. */
  getUser(userId: string): Promise<User | null> {
    return this.#users.get(userId);
  }

  async #confirmByAdmin(email: string): Promise<void> {
    await this.#call('AdminConfirmSignUp', () =>
      this.#client.send(new AdminConfirmSignUpCommand({ UserPoolId: this.#userPoolId, Username: email })),
    );
    await this.#call('AdminUpdateUserAttributes', () =>
      this.#client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: this.#userPoolId,
          Username: email,
          UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
        }),
      ),
    );
  }

  // Cognito's GetUser fails for a revoked or expired token; it also names the account's email.
  async #cognitoEmail(token: string): Promise<string | undefined> {
    const answer = await this.#call('GetUser', () => this.#client.send(new GetUserCommand({ AccessToken: token })), {
      NotAuthorizedException: signedOut,
      UserNotFoundException: signedOut,
    });
    return answer.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
  }

  // The account's Users row, written on first sight for accounts that have none (a federated account,
  // or a register whose row write failed); an email already held by another row is refused, not linked.
  async #provision(sub: string, email: string): Promise<User> {
    const existing = await this.#users.get(sub);
    if (existing !== null) return existing;
    if ((await this.#users.findByEmail(email)) !== null) {
      throw new DocentError(
        'unauthorized',
        'Another Docent account uses this email address; sign in the way you signed in first.',
        { details: { reason: 'email_in_use' } },
      );
    }
    const user: User = { id: sub, email, createdAt: this.#clock.now().toISOString() };
    if ((await this.#users.create(user)) === 'created') return user;
    return (await this.#users.get(sub)) ?? user;
  }

  async #call<T>(
    operation: string,
    send: () => Promise<T>,
    specific: Readonly<Record<string, ErrorTranslation>> = {},
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw awsFailure(error, `Cognito ${operation}`, specific);
    }
  }
}
