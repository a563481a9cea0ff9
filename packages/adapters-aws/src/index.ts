export type { BedrockApi } from './bedrock/bedrock-calls.ts';
export * from './bedrock/bedrock-llm.ts';
