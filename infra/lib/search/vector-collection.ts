import { Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { CfnAccessPolicy, CfnCollection, CfnSecurityPolicy } from 'aws-cdk-lib/aws-opensearchserverless';
import { Construct } from 'constructs';
import { resourceName, type Stage } from '../stage-config.ts';

/** Data-plane permissions a role gets on the collection's indexes, by what its function does. */
export const INDEX_PERMISSIONS = {
  /** Processing creates the chunk index on first use and writes entries. */
  write: ['aoss:CreateIndex', 'aoss:DescribeIndex', 'aoss:UpdateIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
  /** Deleting a document finds its entries, then deletes them. */
  delete: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
  /** Answering only searches. */
  read: ['aoss:DescribeIndex', 'aoss:ReadDocument'],
} as const;

/** Which roles the data-access policy names, and what each may do. */
export interface CollectionAccess {
  /** The function role named as principal. */
  role: IRole;
  /** Which set of {@link INDEX_PERMISSIONS} it gets. */
  permissions: keyof typeof INDEX_PERMISSIONS;
}

/**
 * The OpenSearch Serverless VECTORSEARCH collection of chunk entries, with its encryption (AWS-owned key),
 * network and data-access policies. The policies exist before the collection: AOSS refuses to create a
 * collection no encryption policy covers, and one without a network policy is unreachable.
 *
 * Network: public endpoint. Every request must still be SigV4-signed by a principal the data-access policy
 * names (and which holds `aoss:APIAccessAll`), and Lambda functions outside a VPC then need no NAT gateway
 * or AOSS VPC endpoint, both billed by the hour even when idle.
 */
export class VectorCollection extends Construct {
  /** The collection; `attrCollectionEndpoint` is what the functions connect to. */
  readonly collection: CfnCollection;
  /** The collection's ARN, for `aoss:APIAccessAll` grants. */
  readonly collectionArn: string;

  /** Creates the policies, then the collection; `access` lists the only roles allowed in. */
  constructor(scope: Construct, id: string, stage: Stage, access: CollectionAccess[]) {
    super(scope, id);
    const name = resourceName(stage, 'vectors');
    const collectionRule = { ResourceType: 'collection', Resource: [`collection/${name}`] };
    const encryption = new CfnSecurityPolicy(this, 'EncryptionPolicy', {
      name: `${name}-enc`,
      type: 'encryption',
      policy: JSON.stringify({ Rules: [collectionRule], AWSOwnedKey: true }),
    });
    const network = new CfnSecurityPolicy(this, 'NetworkPolicy', {
      name: `${name}-net`,
      type: 'network',
      policy: JSON.stringify([{ Rules: [collectionRule], AllowFromPublic: true }]),
    });
    const data = new CfnAccessPolicy(this, 'DataAccessPolicy', {
      name: `${name}-data`,
      type: 'data',
      policy: Stack.of(this).toJsonString(
        access.map(({ role, permissions }) => ({
          Rules: [
            {
              ResourceType: 'index',
              Resource: [`index/${name}/*`],
              Permission: [...INDEX_PERMISSIONS[permissions]],
            },
          ],
          Principal: [role.roleArn],
        })),
      ),
    });
    this.collection = new CfnCollection(this, 'Collection', {
      name,
      type: 'VECTORSEARCH',
      // Standby replicas double the OCU floor (see docs/deploy-aws.md); dev trades availability for half the cost.
      standbyReplicas: stage === 'prod' ? 'ENABLED' : 'DISABLED',
      description: `Docent ${stage} chunk vectors and lexical entries`,
    });
    for (const policy of [encryption, network, data]) this.collection.addResourceDependency(policy);
    this.collectionArn = this.collection.attrArn;
  }
}
