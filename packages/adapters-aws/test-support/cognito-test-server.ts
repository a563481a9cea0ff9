import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoFault, CognitoTestPool } from './cognito-test-pool.ts';
import { createTestSigningKey, type TestSigningKey } from './cognito-test-tokens.ts';

/** The pool the server plays; every field has a default. */
export interface CognitoTestServerOptions {
  region?: string;
  userPoolId?: string;
  clientId?: string;
  /** The server's clock, for `iat`/`exp` and its own expiry checks (default: the system time). */
  now?: () => Date;
  /** Lifetime of issued tokens in seconds (default 3600, Cognito's default). */
  tokenTtlSeconds?: number;
  /** The pool's minimum password length (default 8). */
  minPasswordLength?: number;
  /** Answer unknown users as wrong passwords, Cognito's default for new pools (default true). */
  preventUserExistenceErrors?: boolean;
  /** Confirm sign-ups at once, as a pre-sign-up Lambda setting `autoConfirmUser` would (default false). */
  preSignUpAutoConfirm?: boolean;
}

/** One request as it arrived. */
export interface RecordedCognitoRequest {
  /** The operation from `x-amz-target`, e.g. `SignUp`. */
  operation: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Whether it carried a SigV4 `authorization` header (the SDK signs only the Admin operations). */
  signed: boolean;
}

/**
 * A local HTTP/1.1 server speaking Cognito IdentityProvider's JSON 1.1 protocol (`x-amz-target:
 * AWSCognitoIdentityProviderService.<Operation>`) for one stateful user pool, and serving the pool's JWKS.
 */
export interface CognitoTestServer {
  /** `http://127.0.0.1:{port}`: the client's `endpoint`. */
  baseUrl: string;
  /** Where the pool's JWKS is served (`{baseUrl}/{userPoolId}/.well-known/jwks.json`). */
  jwksUrl: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** The `iss` of the issued tokens: the real Cognito issuer of `userPoolId`. */
  issuer: string;
  /** The pool's signing key, to mint tokens in tests. */
  key: TestSigningKey;
  /** The pool's state and its federated sign-in. */
  pool: CognitoTestPool;
  /** Every operation request so far, oldest first. */
  requests: RecordedCognitoRequest[];
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Makes the next call of `operation` fail with this Cognito error instead of running. */
  failNext(operation: string, type: string, message: string, status?: number): void;
  /** Stops listening; closing twice is harmless. */
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Starts the server on 127.0.0.1 with a free port. */
export const startCognitoTestServer = async (options: CognitoTestServerOptions = {}): Promise<CognitoTestServer> => {
  const region = options.region ?? 'us-east-1';
  const userPoolId = options.userPoolId ?? `${region}_DocentTest`;
  const clientId = options.clientId ?? '4tq1docenttestclient0000ab';
  const key = await createTestSigningKey();
  const pool = new CognitoTestPool({
    region,
    userPoolId,
    clientId,
    key,
    now: options.now ?? (() => new Date()),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    minPasswordLength: options.minPasswordLength ?? 8,
    preventUserExistenceErrors: options.preventUserExistenceErrors ?? true,
    preSignUpAutoConfirm: options.preSignUpAutoConfirm ?? false,
  });
  const requests: RecordedCognitoRequest[] = [];
  const faults = new Map<string, CognitoFault[]>();
  const jwksPath = `/${userPoolId}/.well-known/jwks.json`;
  let jwksFetches = 0;

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method === 'GET' && request.url === jwksPath) {
      jwksFetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.publicJwk] }));
      return;
    }
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      fault(response, new CognitoFault('SerializationException', 'The request body is not JSON'));
      return;
    }
    const signed = typeof request.headers.authorization === 'string';
    requests.push({ operation, body, headers: request.headers, signed });
    const injected = faults.get(operation)?.shift();
    if (injected) {
      fault(response, injected);
      return;
    }
    try {
      const answer = await pool.handle(operation, body, signed);
      response.writeHead(200, headers()).end(JSON.stringify(answer));
    } catch (error) {
      if (!(error instanceof CognitoFault)) throw error;
      fault(response, error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    jwksUrl: `${baseUrl}${jwksPath}`,
    region,
    userPoolId,
    clientId,
    issuer: pool.issuer,
    key,
    pool,
    requests,
    jwksFetches: () => jwksFetches,
    failNext: (operation, type, message, status = 400) => {
      faults.set(operation, [...(faults.get(operation) ?? []), new CognitoFault(type, message, status)]);
    },
    close: () => {
      if (!server.listening) return Promise.resolve();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};

const headers = (): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amzn-requestid': randomUUID(),
});

// Cognito's error shape: the type as `__type` in the body, with the message beside it.
const fault = (response: ServerResponse, error: CognitoFault): void => {
  response.writeHead(error.status, headers()).end(JSON.stringify({ __type: error.type, message: error.message }));
};
