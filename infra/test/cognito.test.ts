import { checkPasswordPolicy } from '@docent/domain';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PROD_CONTEXT, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();
const accepted = (password: string): boolean => {
  try {
    checkPasswordPolicy(password);
    return true;
  } catch {
    return false;
  }
};

describe('Cognito user pool', () => {
  it('signs in by email, verifies it automatically and is named by stage', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'docent-dev-users',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('has the domain password policy: 8+ characters with upper, lower and digit, no symbol', () => {
    const [pool] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'));
    const policy = pool?.Properties.Policies.PasswordPolicy;
    expect(policy).toMatchObject({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: false,
    });
    // Each Cognito rule agrees with checkPasswordPolicy: what one refuses, so does the other.
    const good = 'Abcdefg1'.padEnd(policy.MinimumLength, 'x');
    expect(accepted(good)).toBe(true);
    expect(accepted(good.slice(0, policy.MinimumLength - 1))).toBe(false);
    expect(accepted(good.toLowerCase())).toBe(!policy.RequireUppercase);
    expect(accepted(good.toUpperCase())).toBe(!policy.RequireLowercase);
    expect(accepted(good.replace(/\d/g, 'z'))).toBe(!policy.RequireNumbers);
    expect(accepted(good)).toBe(!policy.RequireSymbols);
  });

  it('federates Google and Login with Amazon with secrets resolved by CloudFormation, never literal', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 2);
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: {
        client_id: { Ref: Match.stringLikeRegexp('^SsmParameterValuedocentdevgoogleclientid') },
        client_secret: '{{resolve:secretsmanager:docent/dev/google-client-secret:SecretString:::}}',
        authorize_scopes: 'openid email profile',
      },
      AttributeMapping: { email: 'email' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'LoginWithAmazon',
      ProviderType: 'LoginWithAmazon',
      ProviderDetails: {
        client_id: { Ref: Match.stringLikeRegexp('^SsmParameterValuedocentdevamazonclientid') },
        client_secret: '{{resolve:secretsmanager:docent/dev/amazon-client-secret:SecretString:::}}',
      },
      AttributeMapping: { email: 'email' },
    });
    template.hasParameter('*', { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/docent/dev/google/client-id' });
  });

  it('takes a client id from context instead of SSM when given', () => {
    const prod = synth(PROD_CONTEXT).template;
    prod.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Google',
      ProviderDetails: Match.objectLike({
        client_id: 'google-client-id.apps.googleusercontent.com',
        client_secret: '{{resolve:secretsmanager:docent/prod/google-client-secret:SecretString:::}}',
      }),
    });
    expect(Object.values(prod.toJSON().Parameters).map((p: any) => p.Default)).not.toContain(
      '/docent/prod/google/client-id',
    );
  });

  it('has one app client: authorisation-code flow, callback and logout URLs from context, all providers', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'docent-dev-web',
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: ['http://localhost:3000/auth/oidc/callback'],
      LogoutURLs: ['http://localhost:3000/'],
      SupportedIdentityProviders: ['COGNITO', 'Google', 'LoginWithAmazon'],
    });
    synth(PROD_CONTEXT).template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://api.example.com/auth/oidc/callback', 'https://docent.example.com/callback'],
      LogoutURLs: ['https://docent.example.com/'],
    });
  });

  it('creates the client after the identity providers it names', () => {
    const providers = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolIdentityProvider'));
    const [client] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    expect([...(client?.DependsOn ?? [])].sort()).toEqual(providers.sort());
  });

  it('serves the hosted UI at a stage domain prefix', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'docent-dev-123456789012' });
    synth({ ...PROD_CONTEXT, authDomainPrefix: 'docent-login' }).template.hasResourceProperties(
      'AWS::Cognito::UserPoolDomain',
      { Domain: 'docent-login' },
    );
  });

  it('protects the prod pool from deletion', () => {
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
    synth(PROD_CONTEXT).template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });
});
