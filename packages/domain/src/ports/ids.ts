/** Generates identifiers. */
export interface Ids {
  /** A new unique, URL-safe id that sorts by creation time. */
  newId(): string;
}
