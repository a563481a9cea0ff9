/** One schema change, applied once, in version order. */
export interface Migration {
  /** 1, 2, 3, ... increasing (a gap only while a numbered step lives on another branch). */
  version: number;
  name: string;
  sql: string;
}

/**
 * The store's schema history. Append new steps; never edit an applied one. Every port keeps its
 * own tables with no foreign keys between ports, because each adapter must work on its own (the
 * contract suites use them one at a time) and the domain deletes across ports in one unit of work.
 * The vector table's width is fixed when it is created, so `dimensions` shapes step 7.
 */
export const buildMigrations = (options: { dimensions: number }): Migration[] => [
  {
    version: 1,
    name: 'create_documents',
    sql: `
      CREATE TABLE documents (
        owner_id TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        blob_key TEXT NOT NULL,
        status TEXT NOT NULL,
        progress_stage TEXT NOT NULL,
        progress_done INTEGER NOT NULL,
        progress_total INTEGER NOT NULL,
        error_code TEXT,
        error_message TEXT,
        uploaded_at TEXT NOT NULL,
        uploaded_ms INTEGER NOT NULL,
        ready_at TEXT,
        page_count INTEGER,
        chunk_count INTEGER,
        PRIMARY KEY (owner_id, id),
        UNIQUE (owner_id, sha256)
      ) STRICT;
      CREATE INDEX documents_by_upload ON documents (owner_id, uploaded_ms DESC, id DESC);`,
  },
  {
    version: 2,
    name: 'create_chunks',
    sql: `
      CREATE TABLE document_texts (
        owner_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        text TEXT NOT NULL,
        pages TEXT NOT NULL,
        headings TEXT NOT NULL,
        blocks TEXT NOT NULL,
        PRIMARY KEY (owner_id, document_id)
      ) STRICT;
      CREATE TABLE chunks (
        owner_id TEXT NOT NULL,
        id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        text TEXT NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        page INTEGER,
        heading TEXT,
        PRIMARY KEY (owner_id, id)
      ) STRICT;
      CREATE INDEX chunks_by_document ON chunks (owner_id, document_id, ordinal);`,
  },
  {
    version: 3,
    name: 'create_query_history',
    sql: `
      CREATE TABLE query_history (
        owner_id TEXT NOT NULL,
        id TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        abstained INTEGER NOT NULL,
        citations TEXT NOT NULL,
        document_ids TEXT,
        asked_at TEXT NOT NULL,
        asked_ms INTEGER NOT NULL,
        redacted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (owner_id, id)
      ) STRICT;
      CREATE INDEX query_history_by_time ON query_history (owner_id, asked_ms DESC, id DESC);`,
  },
  {
    version: 4,
    name: 'create_identity',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL COLLATE NOCASE UNIQUE,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_ms);`,
  },
  {
    version: 5,
    name: 'create_jobs',
    sql: `
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
        attempt INTEGER NOT NULL,
        max_attempts INTEGER NOT NULL,
        due_ms INTEGER NOT NULL,
        lease_until_ms INTEGER,
        last_error TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX jobs_by_due ON jobs (state, due_ms, seq);
      CREATE INDEX jobs_by_lease ON jobs (state, lease_until_ms);`,
  },
  {
    version: 6,
    name: 'create_lexical_index',
    sql: `
      CREATE TABLE lexical_entries (
        entry_id INTEGER PRIMARY KEY,
        chunk_id TEXT NOT NULL UNIQUE,
        owner_id TEXT NOT NULL,
        document_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX lexical_entries_by_document ON lexical_entries (owner_id, document_id);
      CREATE VIRTUAL TABLE lexical_fts USING fts5(
        body, heading, title,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '-_.:/'"
      );`,
  },
  {
    version: 7,
    name: 'create_vector_index',
    sql: `
      CREATE TABLE vector_entries (
        entry_id INTEGER PRIMARY KEY,
        chunk_id TEXT NOT NULL UNIQUE,
        owner_id TEXT NOT NULL,
        document_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX vector_entries_by_document ON vector_entries (owner_id, document_id);
      CREATE VIRTUAL TABLE vector_items USING vec0(
        owner_id TEXT PARTITION KEY,
        document_id TEXT,
        embedding FLOAT[${options.dimensions}] distance_metric=cosine,
        chunk_size=128
      );
      CREATE TABLE store_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      INSERT INTO store_settings (key, value) VALUES ('vector_dimensions', '${options.dimensions}');`,
  },
  {
    version: 8,
    name: 'vector_entries_per_sentence',
    // A chunk now has one vector per sentence window, so entries get their own key and the chunk id
    // stops being unique. Existing vectors (one per chunk) keep their chunk id as key and stay valid.
    sql: `
      CREATE TABLE vector_entries_v8 (
        entry_id INTEGER PRIMARY KEY,
        entry_key TEXT NOT NULL UNIQUE,
        chunk_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        document_id TEXT NOT NULL
      ) STRICT;
      INSERT INTO vector_entries_v8 (entry_id, entry_key, chunk_id, owner_id, document_id)
        SELECT entry_id, chunk_id, chunk_id, owner_id, document_id FROM vector_entries;
      DROP TABLE vector_entries;
      ALTER TABLE vector_entries_v8 RENAME TO vector_entries;
      CREATE INDEX vector_entries_by_document ON vector_entries (owner_id, document_id);`,
  },
  {
    version: 9,
    name: 'query_history_conversations_and_usage',
    // Older entries keep NULL in every new column: they belong to no conversation and spent nothing
    // that was measured. The conversation index serves "last n turns" by scanning it backwards.
    sql: `
      ALTER TABLE query_history ADD COLUMN conversation_id TEXT;
      ALTER TABLE query_history ADD COLUMN standalone_question TEXT;
      ALTER TABLE query_history ADD COLUMN usage_model TEXT;
      ALTER TABLE query_history ADD COLUMN input_tokens INTEGER;
      ALTER TABLE query_history ADD COLUMN output_tokens INTEGER;
      ALTER TABLE query_history ADD COLUMN cost_usd REAL;
      CREATE INDEX query_history_by_conversation ON query_history (owner_id, conversation_id, asked_ms, id);`,
  },
  {
    version: 10,
    name: 'users_without_password',
    // Accounts opened through an OpenID Connect provider have no password (NULL hash). SQLite cannot
    // drop NOT NULL in place, so users is rebuilt. Sessions reference users ON DELETE CASCADE, so
    // dropping the old users table would take every session along: they are set aside first and
    // restored into an identical sessions table afterwards.
    sql: `
      CREATE TABLE sessions_kept AS SELECT token_hash, user_id, expires_ms FROM sessions;
      DROP TABLE sessions;
      CREATE TABLE users_v10 (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL COLLATE NOCASE UNIQUE,
        password_hash TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO users_v10 (id, email, password_hash, created_at)
        SELECT id, email, password_hash, created_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v10 RENAME TO users;
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_ms INTEGER NOT NULL
      ) STRICT;
      INSERT INTO sessions (token_hash, user_id, expires_ms) SELECT token_hash, user_id, expires_ms FROM sessions_kept;
      DROP TABLE sessions_kept;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_ms);`,
  },
  {
    version: 11,
    name: 'fair_jobs_and_eta',
    // Jobs get a fairness group (the document owner; '' for jobs enqueued without one) and a size
    // hint; job_groups remembers when each group was last served (a claim counter, not a time, so
    // two claims in one millisecond still have an order). Documents get the remaining-time estimate
    // of their progress (NULL: no estimate). Existing rows keep the defaults.
    sql: `
      ALTER TABLE jobs ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE jobs ADD COLUMN size_bytes INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX jobs_by_group ON jobs (state, group_key, lease_until_ms);
      CREATE TABLE job_groups (
        group_key TEXT PRIMARY KEY,
        served INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE documents ADD COLUMN progress_eta_seconds INTEGER;`,
  },
  {
    version: 12,
    name: 'create_login_attempts',
    // Failed sign-in counters by hashed key (an account or a client address), kept until expires_ms.
    sql: `
      CREATE TABLE login_attempts (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_ms INTEGER NOT NULL,
        expires_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX login_attempts_by_expiry ON login_attempts (expires_ms);`,
  },
  {
    version: 13,
    name: 'vector_entries_never_reuse_ids',
    // The approximate index beside the database (packages/adapters-local/src/ann) remembers the
    // highest entry id it holds and catches up from there, so an id must never come back with
    // another vector: AUTOINCREMENT, and a replaced entry gets a new id. (owner_id, entry_id)
    // serves that catch-up. vec0 rowids stay equal to entry ids, so vector_items is untouched.
    sql: `
      CREATE TABLE vector_entries_v13 (
        entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_key TEXT NOT NULL UNIQUE,
        chunk_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        document_id TEXT NOT NULL
      ) STRICT;
      INSERT INTO vector_entries_v13 (entry_id, entry_key, chunk_id, owner_id, document_id)
        SELECT entry_id, entry_key, chunk_id, owner_id, document_id FROM vector_entries;
      DROP TABLE vector_entries;
      ALTER TABLE vector_entries_v13 RENAME TO vector_entries;
      CREATE INDEX vector_entries_by_document ON vector_entries (owner_id, document_id);
      CREATE INDEX vector_entries_by_owner ON vector_entries (owner_id, entry_id);`,
  },
  {
    version: 14,
    name: 'documents_changed_and_sweeps',
    // When each document last changed (create or update), for the stuck-document sweeper's
    // `listStale`; existing rows count as changed at upload. `sweeps`: the sweeper's attempts (0: none).
    sql: `
      ALTER TABLE documents ADD COLUMN changed_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE documents ADD COLUMN sweeps INTEGER NOT NULL DEFAULT 0;
      UPDATE documents SET changed_ms = uploaded_ms;
      CREATE INDEX documents_by_change ON documents (status, changed_ms, id);`,
  },
];
