/** A page of results with an opaque cursor for the next page (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Requests a page: at most `limit` items after `cursor`. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}
