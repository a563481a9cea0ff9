export * from './cognito-identity-provider.ts';
export * from './hosted-ui-urls.ts';
export * from './users-table.ts';
export * from './verify-cognito-jwt.ts';
