import { Duration } from 'aws-cdk-lib';
import {
  AuthorizationType,
  EndpointType,
  IdentitySource,
  type IResource,
  LambdaIntegration,
  type MethodOptions,
  RequestValidator,
  RestApi,
  TokenAuthorizer,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FunctionName } from '../compute/function-specs.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';
import { API_ROUTES, SIGN_IN_THROTTLE } from './api-routes.ts';
import { addDocentGatewayResponses } from './gateway-responses.ts';
import { createRequestModels } from './request-models.ts';

/** Stage-wide limits (requests per second, burst) per stage. */
export const STAGE_THROTTLE = {
  dev: { rateLimit: 20, burstLimit: 40 },
  prod: { rateLimit: 100, burstLimit: 200 },
} as const;

/** Request headers the web origin may send, to the API and to the answer stream URL alike. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'X-Request-Id'];

/** How long browsers may cache a CORS preflight answer. */
export const CORS_MAX_AGE = Duration.hours(1);

/**
 * The REST API: a TOKEN authorizer on the `Authorization` header (its answers cached 300 s), CORS for the
 * web origin, stage and sign-in throttling, JSON body validation, and each route proxied to its function.
 */
export class DocentApi extends Construct {
  /** The API; its stage is named after the deployment stage. */
  readonly api: RestApi;

  /** Creates the API over `functions` (auth, documents, query and the authorizer). */
  constructor(scope: Construct, id: string, config: StageConfig, functions: Record<FunctionName, IFunction>) {
    super(scope, id);
    const throttle = STAGE_THROTTLE[config.stage];
    const signIn = {
      throttlingRateLimit: SIGN_IN_THROTTLE.rateLimit,
      throttlingBurstLimit: SIGN_IN_THROTTLE.burstLimit,
    };
    this.api = new RestApi(this, 'Api', {
      restApiName: resourceName(config.stage, 'api'),
      description: `Docent ${config.stage} API`,
      endpointTypes: [EndpointType.REGIONAL],
      // An account-wide CloudWatch role is a separate decision from deploying this app.
      cloudWatchRole: false,
      // Uploads arrive as multipart bodies; API Gateway must pass them base64-encoded, unaltered.
      binaryMediaTypes: ['multipart/form-data', 'application/pdf', 'application/octet-stream'],
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        methodOptions: { '/auth/login/POST': signIn, '/auth/register/POST': signIn },
        metricsEnabled: true,
        tracingEnabled: true,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [config.webOrigin],
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: CORS_ALLOWED_HEADERS,
        allowCredentials: true,
        maxAge: CORS_MAX_AGE,
      },
    });
    addDocentGatewayResponses(this.api, config.webOrigin);
    const authorizer = new TokenAuthorizer(this, 'Authorizer', {
      authorizerName: resourceName(config.stage, 'authorizer'),
      handler: functions.authorizer,
      identitySource: IdentitySource.header('Authorization'),
      resultsCacheTtl: Duration.seconds(300),
    });
    const validator = new RequestValidator(this, 'BodyValidator', {
      restApi: this.api,
      requestValidatorName: resourceName(config.stage, 'body-validator'),
      validateRequestBody: true,
      validateRequestParameters: false,
    });
    const models = createRequestModels(this, this.api);
    const integrations = new Map<string, LambdaIntegration>();
    for (const route of API_ROUTES) {
      const integration =
        integrations.get(route.target) ??
        // One invoke permission per function for the whole API, not one per method: Lambda resource
        // policies are capped at 20 KB.
        new LambdaIntegration(functions[route.target], { proxy: true, scopePermissionToMethod: false });
      integrations.set(route.target, integration);
      const options: MethodOptions = {
        ...(route.public ? { authorizationType: AuthorizationType.NONE } : { authorizer }),
        ...(route.model && { requestValidator: validator, requestModels: { 'application/json': models[route.model] } }),
      };
      resourceAt(this.api.root, route.path).addMethod(route.method, integration, options);
    }
  }
}

const resourceAt = (root: IResource, path: string): IResource =>
  path
    .split('/')
    .filter((part) => part !== '')
    .reduce((parent, part) => parent.getResource(part) ?? parent.addResource(part), root);
