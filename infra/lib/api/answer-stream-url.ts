import { type FunctionUrl, FunctionUrlAuthType, HttpMethod, type IFunction, InvokeMode } from 'aws-cdk-lib/aws-lambda';
import { CORS_ALLOWED_HEADERS, CORS_MAX_AGE } from './docent-api.ts';

/**
 * The public Function URL of the stream function, in response-stream mode, so `POST /query/ask` with
 * `Accept: text/event-stream` sends each event as it is generated and may outlast API Gateway's 29 s.
 *
 * Auth type NONE on purpose: Lambda's only alternative is IAM (SigV4), which browsers holding a Cognito
 * token cannot sign, and a Function URL has no TOKEN authorizer. The Fastify app authenticates the bearer
 * token itself on every protected route (its auth hook over the Cognito adapter), exactly as it does behind
 * API Gateway, so an unauthenticated request is refused with 401 before any model is invoked.
 */
export const addAnswerStreamUrl = (fn: IFunction, webOrigin: string): FunctionUrl =>
  fn.addFunctionUrl({
    authType: FunctionUrlAuthType.NONE,
    invokeMode: InvokeMode.RESPONSE_STREAM,
    cors: {
      allowedOrigins: [webOrigin],
      allowedMethods: [HttpMethod.POST],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      allowCredentials: true,
      maxAge: CORS_MAX_AGE,
    },
  });
