import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';

/**
 * Answers API Gateway gives itself (before or instead of a function), in Docent's error body
 * `{ "error": { "code", "message", "requestId" } }`, with the app's codes.
 */
export const GATEWAY_ERROR_CODES = [
  { type: ResponseType.UNAUTHORIZED, id: 'Unauthorized', code: 'unauthorized' },
  { type: ResponseType.ACCESS_DENIED, id: 'AccessDenied', code: 'forbidden' },
  { type: ResponseType.THROTTLED, id: 'Throttled', code: 'rate_limited' },
  { type: ResponseType.BAD_REQUEST_BODY, id: 'BadRequestBody', code: 'validation_failed' },
  { type: ResponseType.REQUEST_TOO_LARGE, id: 'RequestTooLarge', code: 'payload_too_large' },
  // API Gateway says 403 "Missing Authentication Token" for a path no route matches: it is a 404.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, id: 'NoRoute', code: 'not_found', statusCode: '404' },
  { type: ResponseType.DEFAULT_4XX, id: 'Default4xx', code: 'validation_failed' },
  { type: ResponseType.DEFAULT_5XX, id: 'Default5xx', code: 'unavailable' },
] as const satisfies readonly { type: ResponseType; id: string; code: string; statusCode?: string }[];

/**
 * Adds the gateway's own error responses, with the CORS origin header so the browser lets the web app read
 * them (a 401 from the authorizer otherwise looks like a network failure).
 */
export const addDocentGatewayResponses = (api: RestApi, webOrigin: string): void => {
  for (const response of GATEWAY_ERROR_CODES) {
    const { type, id, code } = response;
    api.addGatewayResponse(id, {
      type,
      ...('statusCode' in response && { statusCode: response.statusCode }),
      responseHeaders: {
        'Access-Control-Allow-Origin': `'${webOrigin}'`,
        'Access-Control-Allow-Credentials': "'true'",
      },
      templates: {
        'application/json': `{"error":{"code":"${code}","message":$context.error.messageString,"requestId":"$context.requestId"}}`,
      },
    });
  }
};
