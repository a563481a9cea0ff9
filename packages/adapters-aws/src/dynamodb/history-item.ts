import type { AnswerUsage, Citation, HistoryEntry } from '@docent/domain';
import { type DynamoItem, listingKey } from './dynamo-page.ts';

/**
 * The hash key of an owner's conversation in the conversation index. The owner id is escaped ('%' and
 * '#'), so the first '#' always ends it: owner `a#b` with conversation `c` and owner `a` with conversation
 * `b#c` get different keys, and no owner can read another's conversation by choosing its id.
 */
export const userConversationId = (ownerId: string, conversationId: string): string =>
  `${ownerId.replaceAll('%', '%25').replaceAll('#', '%23')}#${conversationId}`;

// String(-0) is '0'; Number('-0') gives -0 back, so every double survives the text round trip.
const costText = (costUsd: number): string => (Object.is(costUsd, -0) ? '-0' : String(costUsd));

/**
 * A history entry's item. Beside the entry's own fields it carries the key attributes (`userId`,
 * `askedAtId`, `userConversationId` for conversation turns) and `citedDocumentIds`, the string set that
 * `redactDocument` filters and conditions on (absent when nothing is cited: sets cannot be empty).
 * Usage is flattened into `usageModel`, `inputTokens`, `outputTokens` and `costUsd` so `usageTotals` can
 * project just those; `costUsd` is kept as its shortest decimal text, because a
 * DynamoDB number cannot hold every double (it stops at 1e-130) and the port gives costs back exactly.
 */
export const toHistoryItem = (entry: HistoryEntry): DynamoItem => {
  const cited = new Set(entry.citations.map((citation) => citation.documentId));
  return {
    userId: entry.ownerId,
    askedAtId: listingKey(entry.askedAt, entry.id, 'askedAt'),
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    abstained: entry.abstained,
    citations: entry.citations,
    ...(cited.size > 0 && { citedDocumentIds: cited }),
    ...(entry.documentIds !== undefined && { documentIds: entry.documentIds }),
    askedAt: entry.askedAt,
    ...(entry.redacted === true && { redacted: true }),
    ...(entry.conversationId !== undefined && {
      conversationId: entry.conversationId,
      userConversationId: userConversationId(entry.ownerId, entry.conversationId),
    }),
    ...(entry.standaloneQuestion !== undefined && { standaloneQuestion: entry.standaloneQuestion }),
    ...(entry.usage !== undefined && {
      usageModel: entry.usage.model,
      inputTokens: entry.usage.inputTokens,
      outputTokens: entry.usage.outputTokens,
      ...(entry.usage.costUsd !== undefined && { costUsd: costText(entry.usage.costUsd) }),
    }),
  };
};

// An item has usage exactly when it has a model: `toHistoryItem` writes the usage attributes together.
const toUsage = (item: DynamoItem): AnswerUsage => ({
  model: item.usageModel as string,
  inputTokens: item.inputTokens as number,
  outputTokens: item.outputTokens as number,
  ...(item.costUsd !== undefined && { costUsd: Number(item.costUsd) }),
});

/** The entry an item stores; optional fields absent from the item stay absent (not `undefined`). */
export const toHistoryEntry = (item: DynamoItem): HistoryEntry => ({
  id: item.id as string,
  ownerId: item.userId as string,
  question: item.question as string,
  answer: item.answer as string,
  abstained: item.abstained as boolean,
  citations: item.citations as Citation[],
  ...(item.documentIds !== undefined && { documentIds: item.documentIds as string[] }),
  askedAt: item.askedAt as string,
  ...(item.redacted === true && { redacted: true }),
  ...(item.conversationId !== undefined && { conversationId: item.conversationId as string }),
  ...(item.standaloneQuestion !== undefined && { standaloneQuestion: item.standaloneQuestion as string }),
  ...(item.usageModel !== undefined && { usage: toUsage(item) }),
});
