import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A request that arrived at a presigned URL. */
export interface PresignedArrival {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * Recomputes the SigV4 query signature of a request made with a presigned S3 URL, as S3 does on arrival
 * (s3rver does not check V4 signatures): true when method, path, query and every signed header are
 * what was signed with `secretAccessKey`.
 */
export const presignedSignatureMatches = (arrival: PresignedArrival, secretAccessKey: string): boolean => {
  const url = new URL(arrival.url, 'http://placeholder');
  const query = url.searchParams;
  const [, date = '', region = '', service = ''] = (query.get('X-Amz-Credential') ?? '').split('/');
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders.map(
    (name) =>
      `${name}:${String(arrival.headers[name] ?? '')
        .trim()
        .replace(/\s+/g, ' ')}\n`,
  );
  const canonicalRequest = [
    arrival.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders.join(''),
    signedHeaders.join(';'),
    query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', query.get('X-Amz-Date'), scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`);
  for (const part of [date, region, service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex') === query.get('X-Amz-Signature');
};

const rfc3986 = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();
