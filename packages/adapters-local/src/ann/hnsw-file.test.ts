import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HnswFile, readAhead } from './hnsw-file.ts';

const SHAPE = 'd16-f16-m32';
const CONTENT = 'x'.repeat(4096);

describe('HnswFile', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'docent-hnsw-file-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const file = () => new HnswFile(directory, 'owner', SHAPE);
  const publish = (from: number, to: number, content = CONTENT) =>
    file().publish(from, to, (target) => writeFileSync(target, content));
  /** Rewrites a published file in place with other bytes of the same length. */
  const damage = (published: string) => writeFileSync(published, 'y'.repeat(CONTENT.length));
  /** What `markVerified` records for a file: its stat as it is now. */
  const recordAsVerified = (published: string) => {
    const { size, mtimeNs, ctimeNs, ino } = statSync(published, { bigint: true });
    writeFileSync(`${published}.verified`, `${size} ${mtimeNs} ${ctimeNs} ${ino}`);
  };

  it('records each published segment as verified, and chains them on open', async () => {
    const first = publish(0, 10);
    const second = publish(10, 25);
    expect(readdirSync(directory).filter((name) => name.endsWith('.verified'))).toHaveLength(2);
    expect(await file().chain(25)).toEqual([
      { file: first, from: 0, to: 10 },
      { file: second, from: 10, to: 25 },
    ]);
  });

  it('reads a segment changed since it was verified and ends the chain before it when its CRC fails', async () => {
    const first = publish(0, 10);
    const second = publish(10, 25);
    damage(second);
    expect(await file().chain(25)).toEqual([{ file: first, from: 0, to: 10 }]);
    // The damaged file and its record are gone; the chain's files and records stay.
    expect(readdirSync(directory).sort()).toEqual([path.basename(first), `${path.basename(first)}.verified`].sort());
  });

  it('does not read a segment whose record matches its stat: a restart maps it at once', async () => {
    const published = publish(0, 10);
    damage(published);
    // A record taken after the change: the file counts as unchanged since a matching CRC, so its
    // bytes are not read (with the stale record above, the same file was rejected).
    recordAsVerified(published);
    expect(await file().chain(10)).toEqual([{ file: published, from: 0, to: 10 }]);
  });

  it('checks the CRC again when the record is missing or unreadable, and records a match', async () => {
    const published = publish(0, 10);
    rmSync(`${published}.verified`);
    expect(await file().chain(10)).toEqual([{ file: published, from: 0, to: 10 }]);
    const record = readFileSync(`${published}.verified`, 'utf8');
    writeFileSync(`${published}.verified`, 'garbage');
    expect(await file().chain(10)).toEqual([{ file: published, from: 0, to: 10 }]);
    expect(readFileSync(`${published}.verified`, 'utf8')).toBe(record);
  });

  it('deletes a superseded copy of a segment with its record', () => {
    publish(0, 10);
    const longer = publish(0, 12);
    expect(readdirSync(directory).sort()).toEqual([path.basename(longer), `${path.basename(longer)}.verified`].sort());
  });

  it('reads files ahead slice by slice until told to stop, skipping a missing one', async () => {
    const big = path.join(directory, 'big.usearch');
    // Two and a half 16 MiB slices.
    writeFileSync(big, Buffer.alloc(40 * 2 ** 20, 1));
    let asked = 0;
    await readAhead([path.join(directory, 'missing.usearch'), big], () => {
      asked += 1;
      return false;
    });
    // Before each of the three slices and before the read that finds the end.
    expect(asked).toBe(4);
    asked = 0;
    await readAhead([big, big], () => ++asked > 1);
    // One slice of the first file, then the answer "stop" for it and for the second.
    expect(asked).toBe(3);
  });
});
