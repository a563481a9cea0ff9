export { handler } from './api-handler.ts';
export { composeLambda } from './container.ts';
