/** The deployment stages; every named resource carries one. */
export const STAGES = ['dev', 'prod'] as const;

/** A deployment stage. */
export type Stage = (typeof STAGES)[number];

/**
 * Where search lives: `opensearch` (default, the seed's design) is one OpenSearch Serverless collection for
 * vectors and lexical entries; `budget` puts vectors in an S3 vector index and lexical entries in a
 * DynamoDB table, with no hourly floor (docs/adr/0022-budget-search-stage.md, docs/deploy-aws.md).
 */
export const SEARCH_BACKENDS = ['opensearch', 'budget'] as const;

/** A search layout of {@link SEARCH_BACKENDS}. */
export type SearchBackend = (typeof SEARCH_BACKENDS)[number];

/** Where the Google and Login with Amazon client ids come from when no context value names them. */
export interface FederatedClient {
  /** The client id given in context, or undefined to read the SSM parameter at deploy time. */
  clientId: string | undefined;
  /** The SSM String parameter holding the client id (read only when `clientId` is undefined). */
  clientIdParameter: string;
  /** The Secrets Manager secret (a plain string) holding the client secret, resolved by CloudFormation. */
  clientSecretName: string;
}

/** Everything the stack reads from context, validated once. */
export interface StageConfig {
  /** The stage deployed. */
  stage: Stage;
  /** The AWS account the stack is for (a placeholder when synthesising without credentials). */
  account: string;
  /** The AWS region the stack is for. */
  region: string;
  /** The browser origin of the web app: CORS on the API and on presigned S3 uploads. */
  webOrigin: string;
  /** Where Cognito's hosted UI may send the authorisation code. */
  callbackUrls: string[];
  /** Where Cognito may send the browser after sign-out. */
  logoutUrls: string[];
  /** Receives the budget and alarm emails; without it (dev only) there is no budget and no subscription. */
  alertEmail: string | undefined;
  /** The monthly budget in USD. */
  budgetUsd: number;
  /** The Cognito hosted-UI domain prefix (unique per region across all AWS accounts). */
  authDomainPrefix: string;
  /** Where the Google client id and secret come from. */
  google: FederatedClient;
  /** Where the Login with Amazon client id and secret come from. */
  amazon: FederatedClient;
  /** The Bedrock model that writes answers (`DOCENT_LLM_MODEL`); the embedding model is fixed in code. */
  answerModelId: string;
  /** Where vectors and lexical entries live. */
  searchBackend: SearchBackend;
}

/** A context or configuration problem, listing every problem found at once. */
export class StageConfigError extends Error {
  /** Each problem, one sentence each. */
  readonly problems: string[];

  /** Collects `problems` into one message. */
  constructor(problems: string[]) {
    super(`Invalid stack configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'StageConfigError';
    this.problems = problems;
  }
}

/** Reads a context value by key (`node.tryGetContext`). */
export type ContextReader = (key: string) => unknown;

const DEV_ORIGIN = 'http://localhost:3000';

/** `docent-{stage}-{role}`: the name of a stage's resource. */
export const resourceName = (stage: Stage, role: string): string => `docent-${stage}-${role}`;

/**
 * Reads and checks the stack's context (`-c key=value` or cdk.json). Dev falls back to localhost URLs so
 * `cdk synth` works with no context at all; prod must name its origin, URLs and alert email.
 * @throws StageConfigError naming every missing or malformed value.
 */
export const readStageConfig = (context: ContextReader, env: { account: string; region: string }): StageConfig => {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value.trim();
    problems.push(`"${key}" must be a string.`);
    return undefined;
  };
  const rawStage = text('stage') ?? 'dev';
  const stage = STAGES.find((s) => s === rawStage);
  if (stage === undefined) problems.push(`"stage" must be one of ${STAGES.join(', ')} (got "${rawStage}").`);
  const isDev = stage !== 'prod';
  const required = (key: string, devDefault: string): string | undefined => {
    const value = text(key);
    if (value !== undefined || isDev) return value ?? devDefault;
    problems.push(`"${key}" is required for stage prod.`);
    return undefined;
  };

  const webOrigin = required('webOrigin', DEV_ORIGIN);
  if (webOrigin !== undefined) checkUrl('webOrigin', webOrigin, problems, true);
  const callbackUrls = urlList(context('callbackUrls'), isDev ? [`${DEV_ORIGIN}/auth/oidc/callback`] : undefined);
  const logoutUrls = urlList(context('logoutUrls'), isDev ? [`${DEV_ORIGIN}/`] : undefined);
  for (const [key, urls] of [
    ['callbackUrls', callbackUrls],
    ['logoutUrls', logoutUrls],
  ] as const) {
    if (urls === undefined || urls.length === 0) problems.push(`"${key}" is required for stage prod.`);
    else for (const url of urls) checkUrl(key, url, problems, false);
  }
  const alertEmail = isDev ? text('alertEmail') : required('alertEmail', '');
  if (alertEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alertEmail)) {
    problems.push(`"alertEmail" is not an email address: "${alertEmail}".`);
  }
  const budgetUsd = Number(text('budgetUsd') ?? '100');
  if (!Number.isFinite(budgetUsd) || budgetUsd <= 0) problems.push('"budgetUsd" must be a positive number.');

  const name = stage ?? 'dev';
  const authDomainPrefix = text('authDomainPrefix') ?? `docent-${name}-${env.account}`;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix) || /aws|amazon|cognito/.test(authDomainPrefix)) {
    problems.push(
      `"authDomainPrefix" must be lower-case letters, digits and hyphens without "aws", "amazon" or "cognito".`,
    );
  }
  const rawSearch = text('searchBackend') ?? 'opensearch';
  const searchBackend = SEARCH_BACKENDS.find((backend) => backend === rawSearch);
  if (searchBackend === undefined) {
    problems.push(`"searchBackend" must be one of ${SEARCH_BACKENDS.join(', ')} (got "${rawSearch}").`);
  }
  if (problems.length > 0 || stage === undefined || searchBackend === undefined) throw new StageConfigError(problems);
  return {
    stage,
    account: env.account,
    region: env.region,
    webOrigin: (webOrigin ?? DEV_ORIGIN).replace(/\/$/, ''),
    callbackUrls: callbackUrls ?? [],
    logoutUrls: logoutUrls ?? [],
    alertEmail,
    budgetUsd,
    authDomainPrefix,
    google: federatedClient(stage, 'google', text('googleClientId')),
    amazon: federatedClient(stage, 'amazon', text('amazonClientId')),
    answerModelId: text('answerModelId') ?? 'anthropic.claude-3-haiku-20240307-v1:0',
    searchBackend,
  };
};

const federatedClient = (stage: Stage, provider: string, clientId: string | undefined): FederatedClient => ({
  clientId,
  clientIdParameter: `/docent/${stage}/${provider}/client-id`,
  clientSecretName: `docent/${stage}/${provider}-client-secret`,
});

// cdk.json may hold a JSON array; `-c key=a,b` arrives as one comma-separated string.
const urlList = (value: unknown, fallback: string[] | undefined): string[] | undefined => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.trim() !== '') {
    return value
      .split(',')
      .map((url) => url.trim())
      .filter((url) => url !== '');
  }
  return fallback;
};

// Cognito and browsers accept plain http only for localhost.
const checkUrl = (key: string, value: string, problems: string[], originOnly: boolean): void => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`"${key}" has an invalid URL: "${value}".`);
    return;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    problems.push(`"${key}" must use https (http only for localhost): "${value}".`);
  }
  if (originOnly && url.origin !== value.replace(/\/$/, '')) {
    problems.push(`"${key}" must be an origin (scheme, host and port only): "${value}".`);
  }
};
