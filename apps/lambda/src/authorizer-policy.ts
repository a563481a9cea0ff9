import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';

/** What a Lambda authorizer of a REST API receives: the TOKEN or the REQUEST kind. */
export type AuthorizerEvent = APIGatewayTokenAuthorizerEvent | APIGatewayRequestAuthorizerEvent;

const BEARER = /^Bearer +([^\s]+)$/iu;

const headerValue = (event: APIGatewayRequestAuthorizerEvent, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && values?.[0] !== undefined) return values[0];
  }
  return undefined;
};

/**
 * The bearer token of the event: the TOKEN authorizer's identity source (the `Authorization`
 * header), or the REQUEST authorizer's `Authorization` header. Null when absent or not `Bearer`.
 */
export const bearerTokenOf = (event: AuthorizerEvent): string | null => {
  const header = event.type === 'TOKEN' ? event.authorizationToken : headerValue(event, 'authorization');
  return BEARER.exec(header?.trim() ?? '')?.[1] ?? null;
};

/**
 * Every method of the API's stage, from the ARN of the method called
 * (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{path}`). API Gateway caches a
 * TOKEN authorizer's policy per token and reuses it for the caller's next requests, whatever their
 * method and path, so allowing only the method called would refuse the second, different request.
 */
export const stageWildcard = (methodArn: string): string => {
  const [api, stage] = methodArn.split('/');
  if (api === undefined || stage === undefined || !api.startsWith('arn:') || stage === '') {
    throw new Error(`Not an execute-api method ARN: ${methodArn}`);
  }
  return `${api}/${stage}/*`;
};

/** Values the integration sees as `requestContext.authorizer.*` (strings, numbers or booleans only). */
export interface AuthorizerContext {
  userId: string;
  email?: string;
}

/** An Allow of every method of the stage, for the principal, with its context. */
export const allowPolicy = (
  principalId: string,
  methodArn: string,
  context: AuthorizerContext,
): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWildcard(methodArn) }],
  },
  context: { ...context },
});
