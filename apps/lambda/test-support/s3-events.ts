import type { S3Event } from 'aws-lambda';
import { readAwsFixture } from './aws-fixtures.ts';

/** The key as S3 writes it into events: form-encoded per path segment. */
export const s3EncodedKey = (key: string): string =>
  key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replaceAll('%20', '+'))
    .join('/');

/** The recorded ObjectCreated event, naming other keys (nothing else of the record changed). */
export const objectCreatedEvent = async (...keys: string[]): Promise<S3Event> => {
  const recorded = await readAwsFixture<S3Event>('s3-objectcreated-put.json');
  const [record] = recorded.Records;
  if (record === undefined) throw new Error('the fixture has a record');
  return {
    Records: keys.map((key) => ({
      ...record,
      s3: { ...record.s3, object: { ...record.s3.object, key: s3EncodedKey(key) } },
    })),
  };
};
