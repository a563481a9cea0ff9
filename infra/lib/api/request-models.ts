import { type IRestApi, type JsonSchema, JsonSchemaType, JsonSchemaVersion, Model } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';

const email: JsonSchema = { type: JsonSchemaType.STRING, minLength: 1, maxLength: 254 };
// The query fields an ask and a search share.
const question: JsonSchema = { type: JsonSchemaType.STRING, minLength: 1, maxLength: 2000 };
const documentIds: JsonSchema = {
  type: JsonSchemaType.ARRAY,
  maxItems: 100,
  items: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 100 },
};
const topK: JsonSchema = { type: JsonSchemaType.INTEGER, minimum: 1, maximum: 50 };

/**
 * The JSON bodies API Gateway checks before invoking a function, mirroring the Fastify schemas in
 * packages/http-api/src/schemas (test/api.test.ts compares them). The gateway refuses a malformed body
 * without running (or paying for) a function; the app still validates everything itself.
 */
export const REQUEST_SCHEMAS = {
  RegisterBody: {
    type: JsonSchemaType.OBJECT,
    required: ['email', 'password'],
    additionalProperties: false,
    properties: { email, password: { type: JsonSchemaType.STRING, maxLength: 1024 } },
  },
  LoginBody: {
    type: JsonSchemaType.OBJECT,
    required: ['email', 'password'],
    additionalProperties: false,
    properties: { email, password: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 1024 } },
  },
  AskBody: {
    type: JsonSchemaType.OBJECT,
    required: ['question'],
    additionalProperties: false,
    properties: {
      question,
      documentIds,
      topK,
      conversationId: { type: JsonSchemaType.STRING, pattern: '^[A-Za-z0-9_-]{1,100}$' },
    },
  },
  SearchBody: {
    type: JsonSchemaType.OBJECT,
    required: ['query'],
    additionalProperties: false,
    properties: { query: question, documentIds, topK },
  },
} as const satisfies Record<string, JsonSchema>;

/** A request model's name. */
export type RequestModelName = keyof typeof REQUEST_SCHEMAS;

/** Creates one `application/json` model per schema on `api`. */
export const createRequestModels = (scope: Construct, api: IRestApi): Record<RequestModelName, Model> => {
  const entries = (Object.keys(REQUEST_SCHEMAS) as RequestModelName[]).map(
    (name) =>
      [
        name,
        new Model(scope, `${name}Model`, {
          restApi: api,
          modelName: name,
          contentType: 'application/json',
          schema: { schema: JsonSchemaVersion.DRAFT4, title: name, ...REQUEST_SCHEMAS[name] },
        }),
      ] as const,
  );
  return Object.fromEntries(entries) as Record<RequestModelName, Model>;
};
