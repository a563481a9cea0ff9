import { TOKENS } from '@docent/domain';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { requireAuth } from '../auth-hook.ts';
import { presentDocument, presentDocumentText } from '../presenters/document.ts';
import {
  bearerSecurity,
  type DocumentIdParams,
  documentIdParamsSchema,
  type PaginationQuery,
  paginationQuerySchema,
} from '../schemas/common.ts';
import {
  documentEnvelopeSchema,
  documentListSchema,
  documentTextSchema,
  reindexResultSchema,
} from '../schemas/documents.ts';
import { errorResponses } from '../schemas/error.ts';
import { FILE_FIELD, readUploadedFile } from './multipart-upload.ts';
import { toPageRequest } from './page-request.ts';
import { boundRequestUpload, sendUploadTicket, uploadRouteSchema } from './presigned-upload.ts';
import type { RouteDeps } from './route-deps.ts';

/** Options of the documents routes. */
export interface DocumentRoutesOptions extends RouteDeps {
  maxUploadBytes: number;
}

const tags = ['documents'];
const PRESIGNED_DESCRIPTION =
  ' Or, for files of any size, a JSON body `{ name, size, contentType, sha256? }`: 201 with the document and a signed `upload` to send the bytes to, or 200 with the existing document (`created: false`) when `sha256` matched one.';
const security = bearerSecurity;

/** Upload, list, inspect, read, retry, reindex and delete the caller's documents. Every route needs a bearer token. */
export const documentRoutes: FastifyPluginAsync<DocumentRoutesOptions> = async (app, options) => {
  const { resolver, authenticate, maxUploadBytes } = options;
  const upload = resolver.get(TOKENS.UploadDocument);
  const list = resolver.get(TOKENS.ListDocuments);
  const get = resolver.get(TOKENS.GetDocument);
  const getText = resolver.get(TOKENS.GetDocumentText);
  const remove = resolver.get(TOKENS.DeleteDocument);
  const retry = resolver.get(TOKENS.RetryDocument);
  const reindex = resolver.get(TOKENS.ReindexDocuments);
  const requestUpload = boundRequestUpload(resolver);

  app.addHook('onRequest', authenticate);
  // Registered here, not on the root, so JSON routes keep answering 415 to multipart bodies.
  await app.register(multipart, {
    limits: { fileSize: maxUploadBytes, files: 1, fields: 10, parts: 20, fieldSize: 1024, headerPairs: 100 },
    throwFileSizeLimit: true,
  });

  app.get<{ Querystring: PaginationQuery }>(
    '/documents',
    {
      schema: {
        tags,
        security,
        summary: "The caller's documents, newest first",
        querystring: paginationQuerySchema,
        response: { 200: documentListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const page = await list.execute(requireAuth(request).principal, toPageRequest(request.query));
      return { documents: page.items.map(presentDocument), nextCursor: page.nextCursor };
    },
  );

  const uploadRoute = uploadRouteSchema(app, requestUpload !== undefined);
  app.post(
    '/documents/upload',
    {
      schema: {
        tags,
        security,
        summary: 'Upload a document (PDF, Office, OpenDocument, e-book, e-mail, HTML, Markdown or text) for processing',
        description: `Multipart field \`${FILE_FIELD}\`. Uploading the same bytes again answers 202 with the existing document, \`created: false\` and \`x-docent-deduplicated: true\`.${requestUpload === undefined ? '' : PRESIGNED_DESCRIPTION}`,
        ...uploadRoute.schema,
        response: { ...uploadRoute.schema.response, ...errorResponses(400, 401, 413, 415, 422) },
      },
      validatorCompiler: uploadRoute.validatorCompiler,
    },
    async (request, reply) => {
      if (requestUpload !== undefined && !request.isMultipart()) return sendUploadTicket(request, reply, requestUpload);
      const { principal } = requireAuth(request);
      const file = await readUploadedFile(request, maxUploadBytes);
      const { document, created } = await upload.execute(principal, file);
      if (!created) reply.header('x-docent-deduplicated', 'true');
      return reply.code(202).send({ document: presentDocument(document), created });
    },
  );

  app.get<{ Params: DocumentIdParams }>(
    '/documents/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A document and its processing progress',
        params: documentIdParamsSchema,
        response: { 200: documentEnvelopeSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const document = await get.execute(requireAuth(request).principal, { documentId: request.params.id });
      return { document: presentDocument(document) };
    },
  );

  app.get<{ Params: DocumentIdParams }>(
    '/documents/:id/text',
    {
      schema: {
        tags,
        security,
        summary: 'The normalised text of a processed document, with its pages and headings',
        params: documentIdParamsSchema,
        response: { 200: documentTextSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const documentId = request.params.id;
      return presentDocumentText(documentId, await getText.execute(requireAuth(request).principal, { documentId }));
    },
  );

  app.post<{ Params: DocumentIdParams }>(
    '/documents/:id/retry',
    {
      schema: {
        tags,
        security,
        summary: 'Process a failed document again',
        description:
          'Puts a `failed` document back to `uploaded` (progress reset, error cleared) and enqueues its processing. `conflict` (409) when the document has not failed.',
        params: documentIdParamsSchema,
        response: { 202: documentEnvelopeSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const document = await retry.execute(requireAuth(request).principal, { documentId: request.params.id });
      return reply.code(202).send({ document: presentDocument(document) });
    },
  );

  app.post(
    '/documents/reindex',
    {
      schema: {
        tags,
        security,
        summary: 'Process every finished document again',
        description:
          "Puts each of the caller's `ready` and `failed` documents back to `uploaded` and enqueues its processing, e.g. after the embedder or the pipeline changed; documents still queued or processing are left alone (`skipped`).",
        response: {
          202: reindexResultSchema,
          ...errorResponses(401),
        },
      },
    },
    async (request, reply) => {
      const { queued, skipped } = await reindex.execute(requireAuth(request).principal);
      return reply.code(202).send({ documents: queued.map(presentDocument), skipped });
    },
  );

  app.delete<{ Params: DocumentIdParams }>(
    '/documents/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete a document and everything derived from it',
        params: documentIdParamsSchema,
        response: { 204: { description: 'Deleted', type: 'null' }, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await remove.execute(requireAuth(request).principal, { documentId: request.params.id });
      return reply.code(204).send();
    },
  );
};
