import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DocentStack } from '../lib/docent-stack.ts';
import { readStageConfig } from '../lib/stage-config.ts';

/** The account and region every test stack is synthesised for. */
export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' } as const;

/** Context most tests use: dev with an alert email, so the budget and alarm topic exist. */
export const DEV_CONTEXT = { stage: 'dev', alertEmail: 'ops@example.com' } as const;

/** Context of a complete prod stage. */
export const PROD_CONTEXT = {
  stage: 'prod',
  alertEmail: 'ops@example.com',
  webOrigin: 'https://docent.example.com',
  callbackUrls: 'https://api.example.com/auth/oidc/callback,https://docent.example.com/callback',
  logoutUrls: ['https://docent.example.com/'],
  googleClientId: 'google-client-id.apps.googleusercontent.com',
} as const;

const cache = new Map<string, { stack: DocentStack; template: Template }>();

/**
 * Synthesises the stack for `context`, once per context per test file. Bundling is skipped (context
 * `aws:cdk:bundling-stacks`): test/rolldown-bundling.test.ts covers it, and it takes seconds per entry.
 */
export const synth = (context: Record<string, unknown> = DEV_CONTEXT): { stack: DocentStack; template: Template } => {
  const key = JSON.stringify(context);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const config = readStageConfig((name) => app.node.tryGetContext(name), TEST_ENV);
  const stack = new DocentStack(app, `Docent-${config.stage}`, { env: TEST_ENV, config });
  const result = { stack, template: Template.fromStack(stack) };
  cache.set(key, result);
  return result;
};

/** Every resource of `type` in the template, by logical id. */
export const resourcesOf = (
  template: Template,
  type: string,
): Record<string, { Properties?: any; DependsOn?: string[] }> => template.findResources(type);

/** The logical id of the one resource of `type` whose properties match `predicate`. */
export const logicalIdOf = (template: Template, type: string, predicate: (properties: any) => boolean): string => {
  const matches = Object.entries(resourcesOf(template, type)).filter(([, r]) => predicate(r.Properties ?? {}));
  if (matches.length !== 1) throw new Error(`Expected one ${type}, found ${matches.length}`);
  return (matches[0] as [string, unknown])[0];
};

/** The logical id of the function `docent-{stage}-{name}`. */
export const functionId = (template: Template, functionName: string): string =>
  logicalIdOf(template, 'AWS::Lambda::Function', (p) => p.FunctionName === functionName);

/** The logical id of the execution role of the function `functionName`. */
export const functionRoleId = (template: Template, functionName: string): string => {
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionId(template, functionName)];
  return fn?.Properties.Role['Fn::GetAtt'][0];
};

/** The logical id of the SQS queue `queueName`. */
export const queueId = (template: Template, queueName: string): string =>
  logicalIdOf(template, 'AWS::SQS::Queue', (p) => p.QueueName === queueName);
