/** The method and path of an API Gateway (REST v1, HTTP v2) or Function URL event. */
export interface RequestLine {
  method: string;
  path: string;
}

interface ProxyEventLike {
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  requestContext?: { http?: { method?: string } };
}

/** Reads the request line from either payload format; empty strings where the event has none. */
export const requestLineOf = (event: unknown): RequestLine => {
  const e = (typeof event === 'object' && event !== null ? event : {}) as ProxyEventLike;
  return {
    method: e.requestContext?.http?.method ?? e.httpMethod ?? '',
    path: e.rawPath ?? e.path ?? '',
  };
};
