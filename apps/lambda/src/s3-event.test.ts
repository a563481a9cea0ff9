import type { S3Event, S3EventRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readAwsFixture } from '../test-support/aws-fixtures.ts';
import { decodeS3Key, s3Targets } from './s3-event.ts';

describe('decodeS3Key', () => {
  it('reads `+` as a space before percent-decoding, so an encoded plus stays a plus', () => {
    expect(decodeS3Key('Happy%20Face.jpg')).toBe('Happy Face.jpg');
    expect(decodeS3Key('my+file%2B1.txt')).toBe('my file+1.txt');
    expect(decodeS3Key('documents/u%C3%A9/d')).toBe('documents/ué/d');
  });

  it('gives null for malformed escapes', () => {
    expect(decodeS3Key('bad%E0%A4%A.txt')).toBeNull();
  });
});

describe('s3Targets', () => {
  const withRecord = async (change: (record: S3EventRecord) => S3EventRecord): Promise<S3Event> => {
    const event = await readAwsFixture<S3Event>('s3-objectcreated-put-urlencoded-key.json');
    return { Records: event.Records.map(change) };
  };
  const keyed = (key: string) => (record: S3EventRecord) => ({
    ...record,
    s3: { ...record.s3, object: { ...record.s3.object, key } },
  });

  it('names the owner and document of a key under documents/', async () => {
    expect(s3Targets(await withRecord(keyed('documents/user%2B1/doc+1')))).toEqual([
      { kind: 'document', key: 'documents/user+1/doc 1', ownerId: 'user+1', documentId: 'doc 1' },
    ]);
  });

  it('ignores other prefixes, deeper keys, malformed keys and events other than object creation', async () => {
    const reasons = async (change: (record: S3EventRecord) => S3EventRecord) =>
      s3Targets(await withRecord(change)).map((target) => target.kind === 'ignored' && target.reason);
    expect(await reasons((record) => record)).toEqual(['outside documents/']);
    expect(await reasons(keyed('documents/u/d/extra'))).toEqual(['not documents/{userId}/{documentId}']);
    expect(await reasons(keyed('documents/u/%E0%A4%A'))).toEqual(['malformed key encoding']);
    expect(
      await reasons((record) => ({ ...keyed('documents/u/d')(record), eventName: 'ObjectRemoved:Delete' })),
    ).toEqual(['not an object creation (ObjectRemoved:Delete)']);
  });
});
