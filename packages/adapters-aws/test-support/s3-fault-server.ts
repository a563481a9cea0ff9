import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An S3 error answer: status, S3 error code and message. */
export interface S3Fault {
  status: number;
  code: string;
  message: string;
}

/** A local server that answers every request with one S3 XML error. */
export interface S3FaultServer {
  endpoint: string;
  /** `METHOD url` of each request received, oldest first. */
  received: string[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (port 0) that fails every request with `fault`, as S3 words it. */
export const startS3FaultServer = async (fault: S3Fault): Promise<S3FaultServer> => {
  const received: string[] = [];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>${fault.message}</Message><RequestId>FAULT-REQUEST-1</RequestId></Error>`;
  const server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    request.resume();
    request.on('end', () => {
      response.writeHead(fault.status, { 'content-type': 'application/xml', 'x-amz-request-id': 'FAULT-REQUEST-1' });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
