import { App } from 'aws-cdk-lib';
import { DocentStack } from '../lib/docent-stack.ts';
import { readStageConfig, StageConfigError } from '../lib/stage-config.ts';

// A fixed placeholder account keeps `cdk synth` working offline with no credentials; `cdk deploy` sets
// CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION from the profile it deploys with.
const env = {
  account: process.env.CDK_DEFAULT_ACCOUNT ?? '111111111111',
  region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
};

const app = new App();
try {
  const config = readStageConfig((key) => app.node.tryGetContext(key), env);
  new DocentStack(app, `Docent-${config.stage}`, { env, config, description: `Docent (${config.stage})` });
} catch (error) {
  if (!(error instanceof StageConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
