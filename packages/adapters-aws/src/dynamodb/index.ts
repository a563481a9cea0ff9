export * from './dynamo-document-repository.ts';
export * from './dynamo-login-attempts.ts';
export * from './dynamo-query-history-repository.ts';
export * from './dynamo-schema.ts';
export { createDynamoTables, createLexicalTable } from './dynamo-tables.ts';
export * from './lexical/dynamo-lexical-index.ts';
