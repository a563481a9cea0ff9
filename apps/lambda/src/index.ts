export { handler } from './api-handler.ts';
export { handler as authorizerHandler } from './authorizer-handler.ts';
export { composeLambda } from './container.ts';
export { handler as processingHandler } from './processing-handler.ts';
export { handler as streamHandler } from './stream-handler.ts';
export { handler as workerHandler } from './worker-handler.ts';
