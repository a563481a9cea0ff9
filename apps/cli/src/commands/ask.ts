import type { AnswerView, DocentClient } from '../client/docent-client.ts';
import type { Terminal } from '../output/terminal.ts';
import { resolveDocumentIds } from './document-refs.ts';

/** Options of `ask` and `search`. */
export interface AskOptions {
  /** Ids or names of the documents to search (all of the user's by default). */
  docs?: string[];
  topK?: number;
}

/** The request's scope from `--docs` (names resolved to ids) and `--top-k`. */
export const scopeOf = async (
  client: DocentClient,
  options: AskOptions,
): Promise<{ documentIds?: string[]; topK?: number }> => {
  const documentIds = options.docs?.length ? await resolveDocumentIds(client, options.docs) : undefined;
  return {
    ...(documentIds === undefined ? {} : { documentIds }),
    ...(options.topK === undefined ? {} : { topK: options.topK }),
  };
};

/** Asks through the client, scoped by `--docs`. */
export const askClient = async (client: DocentClient, question: string, options: AskOptions): Promise<AnswerView> =>
  client.ask({ question, ...(await scopeOf(client, options)) });

/** `p. 3` when the document has pages. */
export const pageLabel = (page: number | undefined): string => (page === undefined ? '' : `, p. ${page}`);

/** `docent ask "question"`: the answer, then each citation as document, page and quoted span. */
export const ask = async (
  client: DocentClient,
  terminal: Terminal,
  question: string,
  options: AskOptions,
): Promise<number> => {
  const answer = await askClient(client, question, options);
  if (terminal.json) {
    terminal.printJson(answer);
    return 0;
  }
  terminal.out(answer.abstained ? terminal.style('yellow', answer.answer) : answer.answer);
  if (answer.citations.length > 0) {
    terminal.out(`\n${terminal.style('bold', 'Citations')}`);
    for (const [index, citation] of answer.citations.entries()) {
      const marker = citation.marker ?? index + 1;
      terminal.out(`[${marker}] ${citation.documentName}${pageLabel(citation.page)}: “${citation.quote}”`);
    }
  }
  return 0;
};
