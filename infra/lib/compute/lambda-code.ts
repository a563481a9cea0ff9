import path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { BUNDLE_FILE, RolldownBundling } from './rolldown-bundling.ts';

/** apps/lambda: the composition root whose handlers the functions run. */
export const LAMBDA_APP_DIR = path.resolve(import.meta.dirname, '../../../apps/lambda');

/** The handler setting for a bundle: its file (without extension) and the exported `handler`. */
export const BUNDLE_HANDLER = `${path.basename(BUNDLE_FILE, '.mjs')}.handler`;

/**
 * The code asset of one entry of apps/lambda/src, bundled locally at synth. Its hash is the bundle's, so an
 * unchanged bundle is not uploaded again. Tests skip bundling (context `aws:cdk:bundling-stacks: []`).
 */
export const lambdaCode = (entryFile: string): Code =>
  Code.fromAsset(LAMBDA_APP_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type, never pulled: RolldownBundling succeeds or throws, so Docker never runs.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
      local: new RolldownBundling(path.join(LAMBDA_APP_DIR, 'src', entryFile)),
    },
  });
