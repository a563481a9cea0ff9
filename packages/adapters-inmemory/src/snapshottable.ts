/** Puts a store back exactly as it was when the snapshot was taken. */
export type Restore = () => void;

/**
 * A store whose whole state can be captured cheaply and put back, which is how
 * InMemoryUnitOfWork rolls back. Stores keep immutable values in their maps (a write replaces an
 * object, never mutates it), so a snapshot is a shallow copy of the maps.
 */
export interface Snapshottable {
  /** Captures the current state; calling the returned function restores it. */
  snapshot(): Restore;
}
