import { type RequestUploadUseCase, type Resolver, TOKENS } from '@docent/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { requireAuth } from '../auth-hook.ts';
import { presentDocument } from '../presenters/document.ts';
import {
  type UploadRequestBody,
  uploadBodySchema,
  uploadedSchema,
  uploadRequestBodySchema,
  uploadTicketSchema,
} from '../schemas/documents.ts';

/**
 * The presigned-upload use case when an `UploadSigner` is bound (on AWS, where API Gateway limits
 * bodies, clients upload straight to S3); undefined elsewhere, where files come only as multipart.
 */
export const boundRequestUpload = (resolver: Resolver): RequestUploadUseCase | undefined => {
  try {
    resolver.get(TOKENS.UploadSigner);
  } catch {
    return undefined;
  }
  return resolver.get(TOKENS.RequestUpload);
};

const acceptAll = () => () => true;

/**
 * What `POST /documents/upload` declares about its body and answers. Multipart bodies are read
 * and checked as a stream by the handler, so their schema only documents the form; with presigned
 * uploads on, a JSON body is validated by the app's own compiler like every other JSON body.
 */
export const uploadRouteSchema = (app: FastifyInstance, presigned: boolean) => {
  if (!presigned) {
    return {
      schema: { consumes: ['multipart/form-data'], body: uploadBodySchema, response: { 202: uploadedSchema } },
      validatorCompiler: acceptAll,
    };
  }
  const validatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
    if (route.contentType !== 'application/json') return acceptAll();
    // Set up by this plugin's earlier routes with schemas (Fastify compiles them in order).
    const compile = app.validatorCompiler;
    if (compile === undefined) throw new Error('No validator compiler to check the JSON upload request with');
    return compile(route);
  };
  return {
    schema: {
      body: {
        content: {
          'multipart/form-data': { schema: uploadBodySchema },
          'application/json': { schema: uploadRequestBodySchema },
        },
      },
      response: { 200: uploadTicketSchema, 201: uploadTicketSchema, 202: uploadedSchema },
    },
    validatorCompiler,
  };
};

/**
 * Answers a JSON upload request: 201 with the new document and where to PUT its bytes, or 200
 * with `x-docent-deduplicated: true` when the declared SHA-256 matched an existing document.
 */
export const sendUploadTicket = async (
  request: FastifyRequest,
  reply: FastifyReply,
  requestUpload: RequestUploadUseCase,
): Promise<FastifyReply> => {
  const { principal } = requireAuth(request);
  const { name, size, contentType, sha256 } = request.body as UploadRequestBody;
  const { document, created, upload } = await requestUpload.execute(principal, {
    name,
    size,
    contentType,
    ...(sha256 === undefined ? {} : { sha256 }),
  });
  if (!created) reply.header('x-docent-deduplicated', 'true');
  return reply.code(created ? 201 : 200).send({ document: presentDocument(document), created, upload });
};
