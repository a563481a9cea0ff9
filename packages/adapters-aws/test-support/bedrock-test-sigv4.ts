import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http2';

/** The parts of a SigV4 `authorization` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

/** Splits a SigV4 `authorization` header; `undefined` when it is not one. */
export const parseSigV4 = (authorization: string | undefined): SigV4Authorization | undefined => {
  const match = AUTHORIZATION.exec(authorization ?? '');
  if (!match) return undefined;
  const [, accessKeyId = '', date = '', region = '', service = '', signedHeaders = '', signature = ''] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
};

/**
 * Recomputes the SigV4 signature of a received request (path without query, exact body) with the secret
 * key, as AWS does on arrival: proof that the method, path, signed headers and body are what was signed.
 */
export const expectedSigV4Signature = (
  request: { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string },
  secretAccessKey: string,
): string | undefined => {
  const auth = parseSigV4(request.headers.authorization);
  const amzDate = request.headers['x-amz-date'];
  if (auth === undefined || typeof amzDate !== 'string') return undefined;
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${String(request.headers[name]).trim()}\n`);
  const canonicalRequest = [
    request.method,
    // Non-S3 services sign the path with each segment escaped once more (`%3A` becomes `%253A`).
    request.path.split('/').map(escapeSegment).join('/'),
    '',
    canonicalHeaders.join(''),
    auth.signedHeaders.join(';'),
    sha256(request.rawBody),
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`);
  for (const part of [auth.date, auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex');
};

const escapeSegment = (segment: string): string =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();
