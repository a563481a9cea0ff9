export type { BedrockApi } from './bedrock-calls.ts';
export * from './bedrock-llm.ts';
export * from './titan-embedder.ts';
export { TITAN_EMBED_TEXT_V2_MODEL_ID } from './titan-invoke.ts';
export type { TitanDimensions } from './titan-payload.ts';
