import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** An account of the embedded store, for operators (`docent users list`). */
export interface StoreUser {
  id: string;
  email: string;
  /** ISO-8601. */
  createdAt: string;
  /** False for accounts that sign in only through a provider (or the CLI's local user). */
  hasPassword: boolean;
}

interface UserRow {
  id: string;
  email: string;
  created_at: string;
  has_password: number;
}

/**
 * Every account in the data directory's store, oldest first. An operator's view with no port of
 * its own: the `IdentityProvider` port serves signed-in callers, who never list other accounts.
 * Reads through its own read-only connection, so it works beside an open store.
 */
export const listStoreUsers = (dataDir: string): StoreUser[] => {
  const db = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true, timeout: 5_000 });
  try {
    const rows = db
      .prepare(
        'SELECT id, email, created_at, password_hash IS NOT NULL AS has_password FROM users ORDER BY created_at, email',
      )
      .all() as unknown as UserRow[];
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      createdAt: row.created_at,
      hasPassword: row.has_password === 1,
    }));
  } finally {
    db.close();
  }
};
