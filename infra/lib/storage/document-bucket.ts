import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, HttpMethods, StorageClass } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';

/**
 * Key prefixes the adapters write (see packages/adapters-aws/src/s3): uploads under `documents/`, a
 * document's text and chunks under `chunks/`, chunk-to-document pointers under `chunk-index/`.
 */
export const BUCKET_PREFIXES = {
  documents: 'documents/',
  chunks: 'chunks/',
  chunkIndex: 'chunk-index/',
} as const;

/** The bucket of uploaded documents and their derived chunk objects. */
export class DocumentBucket extends Construct {
  /** `docent-{stage}-documents-{account}-{region}`. */
  readonly bucket: Bucket;

  /** Creates the bucket: versioned, S3-managed encryption, private, TLS only. */
  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    const prod = config.stage === 'prod';
    this.bucket = new Bucket(this, 'Bucket', {
      // Bucket names are global: the account and region make this one unique.
      bucketName: `${resourceName(config.stage, 'documents')}-${config.account}-${config.region}`,
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          // Versioning keeps overwritten and deleted objects; after a month they only matter for recovery.
          id: 'noncurrent-versions-to-infrequent-access',
          noncurrentVersionTransitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
        },
      ],
      cors: [
        {
          // Browsers PUT uploads straight to S3 with a presigned URL; the signature fixes which headers
          // count, so any header may be sent and only the web origin may send it.
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: [config.webOrigin],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /** Runs `processor` for each object created under `documents/` (never for the derived objects). */
  notifyOnUpload(processor: IFunction): void {
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(processor), {
      prefix: BUCKET_PREFIXES.documents,
    });
  }
}
