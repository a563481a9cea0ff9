import { TOKENS } from '@docent/domain';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { requireAuth } from '../auth-hook.ts';
import { presentAnswer, presentHistoryEntry, presentSource } from '../presenters/answer.ts';
import { bearerSecurity, type PaginationQuery, paginationQuerySchema } from '../schemas/common.ts';
import { errorResponses } from '../schemas/error.ts';
import {
  type AskBody,
  answerSchema,
  askBodySchema,
  historySchema,
  type SearchBody,
  searchBodySchema,
  searchResultSchema,
} from '../schemas/query.ts';
import { streamAnswer, wantsEventStream } from './event-stream.ts';
import { toPageRequest } from './page-request.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['query'];
const security = bearerSecurity;

/** A signal that aborts when the response closes before it was written: the client went away. */
const abortWhenClientLeaves = (reply: FastifyReply): AbortSignal => {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('The client closed the connection'));
  });
  return controller.signal;
};

/** Ask questions over the caller's documents, search them, and list what they asked before. */
export const queryRoutes: FastifyPluginAsync<RouteDeps> = async (app, { resolver, authenticate }) => {
  const ask = resolver.get(TOKENS.AskQuestion);
  const search = resolver.get(TOKENS.SearchDocuments);
  const history = resolver.get(TOKENS.ListHistory);

  app.addHook('onRequest', authenticate);

  app.post<{ Body: AskBody }>(
    '/query/ask',
    {
      schema: {
        tags,
        security,
        summary: "Answer a question from the caller's documents, with citations and ranked sources",
        description:
          'With `Accept: text/event-stream` the answer streams as server-sent events: `token` events ' +
          '(`{ "text": "..." }`) as it is produced, then one `answer` event with this same body, or an ' +
          '`error` event (`{ "error": { "code", "message", "retryable", "requestId" } }`) if it fails midway.',
        body: askBodySchema,
        response: { 200: answerSchema, ...errorResponses(400, 401, 404, 415, 503) },
      },
    },
    async (request, reply) => {
      const { question, documentIds, topK, conversationId } = request.body;
      const input = {
        question,
        ...(documentIds === undefined ? {} : { documentIds }),
        ...(topK === undefined ? {} : { topK }),
        ...(conversationId === undefined ? {} : { conversationId }),
      };
      const { principal } = requireAuth(request);
      const signal = abortWhenClientLeaves(reply);
      if (wantsEventStream(request)) {
        return streamAnswer(request, reply, (onText) => ask.execute(principal, input, { signal, onText }));
      }
      return presentAnswer(await ask.execute(principal, input, { signal }));
    },
  );

  app.post<{ Body: SearchBody }>(
    '/query/search',
    {
      schema: {
        tags,
        security,
        summary: "The passages of the caller's documents that best match a query, without an answer",
        description: "The same retrieval and ranking as an answer's sources; nothing is recorded in the history.",
        body: searchBodySchema,
        response: { 200: searchResultSchema, ...errorResponses(400, 401, 404, 415, 503) },
      },
    },
    async (request, reply) => {
      const { query, documentIds, topK } = request.body;
      const input = {
        query,
        ...(documentIds === undefined ? {} : { documentIds }),
        ...(topK === undefined ? {} : { topK }),
      };
      const sources = await search.execute(requireAuth(request).principal, input, {
        signal: abortWhenClientLeaves(reply),
      });
      return { sources: sources.map(presentSource) };
    },
  );

  app.get<{ Querystring: PaginationQuery }>(
    '/query/history',
    {
      schema: {
        tags,
        security,
        summary: 'Questions the caller asked, newest first',
        querystring: paginationQuerySchema,
        response: { 200: historySchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const page = await history.execute(requireAuth(request).principal, toPageRequest(request.query));
      return { entries: page.items.map(presentHistoryEntry), nextCursor: page.nextCursor };
    },
  );
};
