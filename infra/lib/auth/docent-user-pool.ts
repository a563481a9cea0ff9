import { Duration, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  OAuthScope,
  ProviderAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
  UserPoolIdentityProviderAmazon,
  UserPoolIdentityProviderGoogle,
} from 'aws-cdk-lib/aws-cognito';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { type FederatedClient, resourceName, type StageConfig } from '../stage-config.ts';
import { COGNITO_PASSWORD_POLICY } from './password-policy.ts';

/**
 * The Cognito user pool: email is the user name, verified automatically; Google and Login with Amazon
 * sign-in; one app client using the authorisation-code flow through the hosted UI at the pool's domain.
 * Client secrets never appear in the template: CloudFormation resolves Secrets Manager references at
 * deploy time (see docs/deploy-aws.md for creating them).
 */
export class DocentUserPool extends Construct {
  /** `docent-{stage}-users`. */
  readonly userPool: UserPool;
  /** The web app's client (no secret: the code exchange uses PKCE). */
  readonly client: UserPoolClient;
  /** The hosted-UI domain `{authDomainPrefix}.auth.{region}.amazoncognito.com`. */
  readonly domain: UserPoolDomain;

  /** Creates the pool, its two identity providers, the app client and the hosted-UI domain. */
  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    const prod = config.stage === 'prod';
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: resourceName(config.stage, 'users'),
      // Lite covers passwords, federation and the hosted UI, at the lowest price per active user.
      featurePlan: FeaturePlan.LITE,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: { ...COGNITO_PASSWORD_POLICY, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email: UserPoolEmail.withCognito(),
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const google = new UserPoolIdentityProviderGoogle(this, 'Google', {
      userPool: this.userPool,
      clientId: clientId(this, config.google),
      clientSecretValue: SecretValue.secretsManager(config.google.clientSecretName),
      scopes: ['openid', 'email', 'profile'],
      attributeMapping: { email: ProviderAttribute.GOOGLE_EMAIL, fullname: ProviderAttribute.GOOGLE_NAME },
    });
    const amazon = new UserPoolIdentityProviderAmazon(this, 'Amazon', {
      userPool: this.userPool,
      clientId: clientId(this, config.amazon),
      // This construct takes a string only; the "unwrapped" value is a {{resolve:secretsmanager:…}}
      // dynamic reference, which CloudFormation resolves at deploy time, never the secret itself.
      clientSecret: SecretValue.secretsManager(config.amazon.clientSecretName).unsafeUnwrap(),
      scopes: ['profile'],
      attributeMapping: { email: ProviderAttribute.AMAZON_EMAIL, fullname: ProviderAttribute.AMAZON_NAME },
    });
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: resourceName(config.stage, 'web'),
      generateSecret: false,
      // POST /auth/login signs in with InitiateAuth USER_PASSWORD_AUTH (over TLS, from the auth function).
      authFlows: { userPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        // aws.cognito.signin.user.admin lets the access token call GetUser, which the adapter's
        // revocation check needs after a hosted-UI sign-in.
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN],
        callbackUrls: config.callbackUrls,
        logoutUrls: config.logoutUrls,
      },
      supportedIdentityProviders: [
        UserPoolClientIdentityProvider.COGNITO,
        UserPoolClientIdentityProvider.GOOGLE,
        UserPoolClientIdentityProvider.AMAZON,
      ],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    // The client names the providers, so they must exist first.
    this.client.node.addDependency(google, amazon);
    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: config.authDomainPrefix } });
  }
}

// A client id is not secret: context may give it; otherwise CloudFormation reads the SSM parameter at deploy.
const clientId = (scope: Construct, client: FederatedClient): string =>
  client.clientId ?? StringParameter.valueForStringParameter(scope, client.clientIdParameter);
