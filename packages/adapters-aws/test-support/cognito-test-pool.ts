import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import {
  accessTokenClaims,
  idTokenClaims,
  signTestToken,
  type TestSignIn,
  type TestSigningKey,
} from './cognito-test-tokens.ts';

/** A Cognito error answer: `{"__type": type, "message": message}` with this HTTP status. */
export class CognitoFault extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/** An account's state: EXTERNAL_PROVIDER accounts come from a federated (hosted UI) sign-in. */
export type TestUserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'EXTERNAL_PROVIDER';

/** The state of one account, as the tests may inspect it. */
export interface TestPoolUser {
  /** Cognito's internal username: the sub for email-username accounts, `Google_…` for federated ones. */
  username: string;
  sub: string;
  email: string;
  emailVerified: boolean;
  status: TestUserStatus;
  password: string | null;
  /** The confirmation code last sent to the email, while the account is unconfirmed. */
  code: string | null;
  /** `origin_jti` of every sign-in still open. */
  signIns: Set<string>;
}

/** How the pool is set up; every field but the key has a default in the server. */
export interface TestPoolSettings {
  region: string;
  userPoolId: string;
  clientId: string;
  key: TestSigningKey;
  now: () => Date;
  tokenTtlSeconds: number;
  minPasswordLength: number;
  /** Cognito's default for new pools: unknown users fail sign-in like wrong passwords. */
  preventUserExistenceErrors: boolean;
  /** Plays a pre-sign-up Lambda that sets `autoConfirmUser` and `autoVerifyEmail`. */
  preSignUpAutoConfirm: boolean;
}

/** The tokens of one sign-in, as `AuthenticationResult` carries them. */
export interface TestAuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  IdToken: string;
  RefreshToken: string;
  TokenType: 'Bearer';
}

type Body = Record<string, unknown>;

const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const str = (body: Body, key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : '');

/**
 * A user pool's behaviour, one method per operation, answering as Cognito does (messages as Cognito words
 * them) or throwing a CognitoFault. Email is the username attribute; tokens are signed with `key`.
 */
export class CognitoTestPool {
  readonly users = new Map<string, TestPoolUser>();
  readonly #revoked = new Set<string>();
  readonly #settings: TestPoolSettings;
  readonly issuer: string;

  constructor(settings: TestPoolSettings) {
    this.#settings = settings;
    this.issuer = `https://cognito-idp.${settings.region}.amazonaws.com/${settings.userPoolId}`;
  }

  /** Runs one operation (`SignUp`, …); `signed` tells whether the request carried a SigV4 signature. */
  async handle(operation: string, body: Body, signed: boolean): Promise<Body> {
    if (operation.startsWith('Admin')) {
      if (!signed) throw new CognitoFault('MissingAuthenticationTokenException', 'Missing Authentication Token');
      if (str(body, 'UserPoolId') !== this.#settings.userPoolId) {
        throw new CognitoFault('ResourceNotFoundException', `User pool ${str(body, 'UserPoolId')} does not exist.`);
      }
    } else if ('ClientId' in body && str(body, 'ClientId') !== this.#settings.clientId) {
      throw new CognitoFault('ResourceNotFoundException', `User pool client ${str(body, 'ClientId')} does not exist.`);
    }
    switch (operation) {
      case 'SignUp':
        return this.#signUp(body);
      case 'ConfirmSignUp':
        return this.#confirmSignUp(body);
      case 'ResendConfirmationCode':
        return this.#resend(body);
      case 'AdminConfirmSignUp':
        this.#confirm(this.#admin(body));
        return {};
      case 'AdminUpdateUserAttributes':
        return this.#updateAttributes(body);
      case 'InitiateAuth':
        return this.#initiateAuth(body);
      case 'GetUser':
        return this.#getUser(body);
      case 'GlobalSignOut':
        for (const jti of (await this.#bearer(body)).signIns) this.#revoked.add(jti);
        return {};
      default:
        throw new CognitoFault('UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  /** Opens a session for a federated account (created on first use), as the hosted UI would after Google. */
  federatedSignIn(email: string, scope = `openid email ${ADMIN_SCOPE}`): Promise<TestAuthenticationResult> {
    const known = [...this.users.values()].find((user) => user.status === 'EXTERNAL_PROVIDER' && user.email === email);
    const user =
      known ??
      this.#add({
        username: `Google_${randomInt(1e9, 1e10)}`,
        sub: randomUUID(),
        email,
        password: null,
        status: 'EXTERNAL_PROVIDER',
        emailVerified: true,
      });
    return this.#signIn(user, scope);
  }

  #signUp(body: Body): Body {
    const email = str(body, 'Username');
    const password = str(body, 'Password');
    if (!EMAIL.test(email)) throw new CognitoFault('InvalidParameterException', 'Username should be an email.');
    if (password.length < this.#settings.minPasswordLength) {
      throw new CognitoFault(
        'InvalidPasswordException',
        'Password did not conform with policy: Password not long enough',
      );
    }
    if (this.#byLogin(email)) {
      throw new CognitoFault('UsernameExistsException', 'An account with the given email already exists.');
    }
    const sub = randomUUID();
    if (this.#settings.preSignUpAutoConfirm) {
      this.#add({ username: sub, sub, email, password, status: 'CONFIRMED', emailVerified: true });
      return { UserConfirmed: true, UserSub: sub };
    }
    const user = this.#add({ username: sub, sub, email, password, status: 'UNCONFIRMED', emailVerified: false });
    user.code = String(randomInt(100_000, 1_000_000));
    return { UserConfirmed: false, UserSub: sub, CodeDeliveryDetails: delivery(email) };
  }

  #confirmSignUp(body: Body): Body {
    const user = this.#byLogin(str(body, 'Username'));
    if (!user) throw new CognitoFault('UserNotFoundException', 'Username/client id combination not found.');
    if (user.status === 'UNCONFIRMED' && str(body, 'ConfirmationCode') !== user.code) {
      throw new CognitoFault('CodeMismatchException', 'Invalid verification code provided, please try again.');
    }
    this.#confirm(user);
    user.emailVerified = true;
    return {};
  }

  #resend(body: Body): Body {
    const user = this.#byLogin(str(body, 'Username'));
    if (!user) throw new CognitoFault('UserNotFoundException', 'Username/client id combination not found.');
    if (user.status !== 'UNCONFIRMED')
      throw new CognitoFault('InvalidParameterException', 'User is already confirmed.');
    user.code = String(randomInt(100_000, 1_000_000));
    return { CodeDeliveryDetails: delivery(user.email) };
  }

  #confirm(user: TestPoolUser): void {
    if (user.status !== 'UNCONFIRMED') {
      throw new CognitoFault('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    }
    user.status = 'CONFIRMED';
    user.code = null;
  }

  #updateAttributes(body: Body): Body {
    const user = this.#admin(body);
    const attributes = Array.isArray(body.UserAttributes) ? (body.UserAttributes as Body[]) : [];
    for (const attribute of attributes) {
      if (attribute.Name === 'email_verified') user.emailVerified = attribute.Value === 'true';
    }
    return {};
  }

  async #initiateAuth(body: Body): Promise<Body> {
    if (str(body, 'AuthFlow') !== 'USER_PASSWORD_AUTH') {
      throw new CognitoFault('InvalidParameterException', `${str(body, 'AuthFlow')} flow not enabled for this client`);
    }
    const parameters = (body.AuthParameters ?? {}) as Body;
    const user = this.#byLogin(str(parameters, 'USERNAME'));
    if (!user && !this.#settings.preventUserExistenceErrors) {
      throw new CognitoFault('UserNotFoundException', 'User does not exist.');
    }
    if (!user || user.password === null || user.password !== str(parameters, 'PASSWORD')) {
      throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
    }
    if (user.status === 'UNCONFIRMED') throw new CognitoFault('UserNotConfirmedException', 'User is not confirmed.');
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      const attributes = JSON.stringify({ email: user.email, email_verified: String(user.emailVerified) });
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: randomBytes(48).toString('base64url'),
        ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: attributes },
      };
    }
    return { AuthenticationResult: await this.#signIn(user, ADMIN_SCOPE), ChallengeParameters: {} };
  }

  async #getUser(body: Body): Promise<Body> {
    const { user, scope } = await this.#bearerWithScope(body);
    if (!scope.split(' ').includes(ADMIN_SCOPE)) {
      throw new CognitoFault('NotAuthorizedException', 'Access Token does not have required scopes');
    }
    return {
      Username: user.username,
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: String(user.emailVerified) },
        { Name: 'sub', Value: user.sub },
      ],
    };
  }

  async #bearer(body: Body): Promise<TestPoolUser> {
    return (await this.#bearerWithScope(body)).user;
  }

  // Cognito's own check of an access token: signature, expiry, revocation, the user still there.
  async #bearerWithScope(body: Body): Promise<{ user: TestPoolUser; scope: string }> {
    const { key, now } = this.#settings;
    let claims: Body;
    try {
      ({ payload: claims } = await jwtVerify(str(body, 'AccessToken'), key.publicKey, {
        issuer: this.issuer,
        currentDate: now(),
      }));
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      throw new CognitoFault('NotAuthorizedException', expired ? 'Access Token has expired' : 'Invalid Access Token');
    }
    if (claims.token_use !== 'access') throw new CognitoFault('NotAuthorizedException', 'Invalid Access Token');
    if (this.#revoked.has(str(claims, 'origin_jti'))) {
      throw new CognitoFault('NotAuthorizedException', 'Access Token has been revoked');
    }
    const user = this.users.get(str(claims, 'username'));
    if (!user) throw new CognitoFault('UserNotFoundException', 'User does not exist.');
    return { user, scope: str(claims, 'scope') };
  }

  #admin(body: Body): TestPoolUser {
    const user = this.#byLogin(str(body, 'Username'));
    if (!user) throw new CognitoFault('UserNotFoundException', 'User does not exist.');
    return user;
  }

  // Email-username accounts sign in by email (or by their internal username, the sub).
  #byLogin(login: string): TestPoolUser | undefined {
    const wanted = login.toLowerCase();
    return [...this.users.values()].find(
      (user) => user.status !== 'EXTERNAL_PROVIDER' && (user.email.toLowerCase() === wanted || user.username === login),
    );
  }

  #add(fields: Omit<TestPoolUser, 'code' | 'signIns'>): TestPoolUser {
    const user: TestPoolUser = { ...fields, code: null, signIns: new Set() };
    this.users.set(user.username, user);
    return user;
  }

  async #signIn(user: TestPoolUser, scope: string): Promise<TestAuthenticationResult> {
    const { key, clientId, tokenTtlSeconds, now } = this.#settings;
    const signIn: TestSignIn = {
      issuer: this.issuer,
      clientId,
      sub: user.sub,
      username: user.username,
      email: user.email,
      emailVerified: user.emailVerified,
      issuedAt: Math.floor(now().getTime() / 1000),
      ttlSeconds: tokenTtlSeconds,
      originJti: randomUUID(),
      scope,
    };
    user.signIns.add(signIn.originJti);
    return {
      AccessToken: await signTestToken(key, accessTokenClaims(signIn)),
      ExpiresIn: tokenTtlSeconds,
      IdToken: await signTestToken(key, idTokenClaims(signIn)),
      // Cognito's refresh tokens are opaque (encrypted) to clients; only their presence matters here.
      RefreshToken: randomBytes(96).toString('base64url'),
      TokenType: 'Bearer',
    };
  }
}

const delivery = (email: string): Body => ({
  AttributeName: 'email',
  DeliveryMedium: 'EMAIL',
  Destination: `${email[0]}***@${email.split('@')[1]?.[0] ?? ''}***`,
});
