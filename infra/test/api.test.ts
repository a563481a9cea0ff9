import { askBodySchema, loginBodySchema, registerBodySchema, searchBodySchema } from '@docent/http-api/schemas';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../lib/api/api-routes.ts';
import { REQUEST_SCHEMAS } from '../lib/api/request-models.ts';
import { functionId, PROD_CONTEXT, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();
const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
const pathOf = (resourceId: unknown): string => {
  const ref = (resourceId as { Ref?: string }).Ref;
  if (ref === undefined) return '';
  const resource = resources[ref]?.Properties;
  return `${pathOf(resource.ParentId)}/${resource.PathPart}`;
};
const methods = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map((m) => ({
  path: pathOf(m.Properties.ResourceId) || '/',
  ...m.Properties,
}));
const [authorizerId] = Object.keys(resourcesOf(template, 'AWS::ApiGateway::Authorizer'));
const withoutDescriptions = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema, (key, value) => (key === 'description' ? undefined : value)));

describe('REST API', () => {
  it('is one regional API named by stage, passing upload bodies through as binary', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'docent-dev-api',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      BinaryMediaTypes: ['multipart/form-data', 'application/pdf', 'application/octet-stream'],
    });
  });

  it('checks tokens with the Lambda TOKEN authorizer on Authorization, caching answers 300 s', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Name: 'docent-dev-authorizer',
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    const authorizer = functionId(template, 'docent-dev-authorizer');
    expect(
      JSON.stringify(
        resourcesOf(template, 'AWS::ApiGateway::Authorizer')[authorizerId ?? '']?.Properties.AuthorizerUri,
      ),
    ).toContain(authorizer);
  });

  it('routes each path to its function, public routes without the authorizer and the rest behind it', () => {
    for (const route of API_ROUTES) {
      const method = methods.find((m) => m.path === route.path && m.HttpMethod === route.method);
      expect(method, `${route.method} ${route.path}`).toBeDefined();
      expect(method?.Integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(method?.Integration.Uri)).toContain(functionId(template, `docent-dev-${route.target}`));
      if (route.public) {
        expect(method?.AuthorizationType).toBe('NONE');
      } else {
        expect(method).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
      }
    }
    const routed = methods.filter((m) => m.HttpMethod !== 'OPTIONS');
    expect(routed).toHaveLength(API_ROUTES.length);
    // Everything behind /documents and /query needs a token; under /auth only sign-up, sign-in and OIDC do not.
    const publicPaths = routed.filter((m) => m.AuthorizationType === 'NONE').map((m) => `${m.HttpMethod} ${m.path}`);
    expect(publicPaths.sort()).toEqual(
      ['GET /health', 'GET /openapi.json', 'POST /auth/register', 'POST /auth/login', 'ANY /auth/oidc/{proxy+}'].sort(),
    );
  });

  it('answers CORS preflights for the web origin on every resource, without the authorizer', () => {
    const preflights = methods.filter((m) => m.HttpMethod === 'OPTIONS');
    expect(preflights).toHaveLength(Object.keys(resources).length + 1);
    for (const preflight of preflights) {
      expect(preflight.AuthorizationType).toBe('NONE');
      expect(preflight.Integration.IntegrationResponses[0].ResponseParameters).toMatchObject({
        'method.response.header.Access-Control-Allow-Origin': "'http://localhost:3000'",
        'method.response.header.Access-Control-Allow-Credentials': "'true'",
      });
    }
  });

  it('throttles the stage, and sign-up and sign-in harder', () => {
    const signIn = { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 };
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1auth~1login', ...signIn }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1auth~1register', ...signIn }),
      ]),
    });
    synth(PROD_CONTEXT).template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      ]),
    });
  });

  it('validates the JSON bodies of register, login, ask and search against models', () => {
    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 1);
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: false,
    });
    const [validator] = Object.keys(resourcesOf(template, 'AWS::ApiGateway::RequestValidator'));
    const models = resourcesOf(template, 'AWS::ApiGateway::Model');
    for (const [path, model] of [
      ['/auth/register', 'RegisterBody'],
      ['/auth/login', 'LoginBody'],
      ['/query/ask', 'AskBody'],
      ['/query/search', 'SearchBody'],
    ] as const) {
      const method = methods.find((m) => m.path === path && m.HttpMethod === 'POST');
      expect(method?.RequestValidatorId).toEqual({ Ref: validator });
      const modelId = method?.RequestModels['application/json'].Ref;
      expect(models[modelId]?.Properties).toMatchObject({
        Name: model,
        ContentType: 'application/json',
        Schema: { $schema: 'http://json-schema.org/draft-04/schema#', title: model, ...REQUEST_SCHEMAS[model] },
      });
    }
  });

  it('models the same bodies as the Fastify schemas of packages/http-api', () => {
    expect(REQUEST_SCHEMAS.RegisterBody).toEqual(withoutDescriptions(registerBodySchema));
    expect(REQUEST_SCHEMAS.LoginBody).toEqual(withoutDescriptions(loginBodySchema));
    expect(REQUEST_SCHEMAS.AskBody).toEqual(withoutDescriptions(askBodySchema));
    expect(REQUEST_SCHEMAS.SearchBody).toEqual(withoutDescriptions(searchBodySchema));
  });

  it('gives the gateway’s own errors Docent’s error body and the CORS origin', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'http://localhost:3000'" },
      ResponseTemplates: {
        'application/json':
          '{"error":{"code":"unauthorized","message":$context.error.messageString,"requestId":"$context.requestId"}}',
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"not_found"') },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"validation_failed"') },
    });
  });

  it('lets API Gateway invoke each API function through one permission scoped to this API', () => {
    const [api] = Object.keys(resourcesOf(template, 'AWS::ApiGateway::RestApi'));
    for (const name of ['auth', 'documents', 'query']) {
      const fn = functionId(template, `docent-dev-${name}`);
      const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter((p) =>
        JSON.stringify(p.Properties.FunctionName).includes(fn),
      );
      expect(permissions).toHaveLength(1);
      expect(permissions[0]?.Properties).toMatchObject({
        Principal: 'apigateway.amazonaws.com',
        Action: 'lambda:InvokeFunction',
      });
      expect(JSON.stringify(permissions[0]?.Properties.SourceArn)).toContain(`{"Ref":"${api}"},"/*/*/*"`);
    }
  });
});
