import type { PageRequest } from '@docent/domain';
import type { PaginationQuery } from '../schemas/common.ts';

/** Turns a validated pagination query into the domain's page request; the domain applies defaults. */
export const toPageRequest = (query: PaginationQuery): Partial<PageRequest> => ({
  ...(query.limit === undefined ? {} : { limit: Number(query.limit) }),
  ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
});
