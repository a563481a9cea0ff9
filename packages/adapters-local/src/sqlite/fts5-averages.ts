import type { StatementSync } from 'node:sqlite';
import type { CollectionStatistics } from '@docent/domain';

/**
 * Reads an SQLite varint (the format FTS5's records use, sqlite3Fts5GetVarint): big-endian groups of
 * 7 bits, the high bit set while more follow, the ninth byte whole. Returns the value and the next offset.
 */
const readVarint = (bytes: Uint8Array, offset: number): [number, number] => {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[offset + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, offset + i + 1];
  }
  return [value * 256 + (bytes[offset + 8] ?? 0), offset + 9];
};

/**
 * The row count and mean row length bm25() uses (its xRowCount and xColumnTotalSize), from FTS5's
 * averages record (rowid 1 of the `_data` table: the row count, then each column's token total, as
 * varints); `statement` selects that record's block. An empty index has neither.
 */
export const readFts5Averages = (statement: StatementSync): CollectionStatistics => {
  const row = statement.get() as { block: Uint8Array } | undefined;
  if (row === undefined || row.block.length === 0) return { chunkCount: 0, averageLength: 0 };
  const [rows, first] = readVarint(row.block, 0);
  let offset = first;
  let tokens = 0;
  while (offset < row.block.length) {
    const [columnTokens, next] = readVarint(row.block, offset);
    tokens += columnTokens;
    offset = next;
  }
  return { chunkCount: rows, averageLength: rows > 0 ? tokens / rows : 0 };
};
