/** The current time, injectable so tests control it. */
export interface Clock {
  /** Now. */
  now(): Date;
}
