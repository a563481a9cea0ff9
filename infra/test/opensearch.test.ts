import { describe, expect, it } from 'vitest';
import { functionRoleId, PROD_CONTEXT, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();

// The data-access policy is a Fn::Join of JSON text and role ARNs; role ARNs become "<logicalId>.Arn".
const joined = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join !== undefined) return join[1].map(joined).join(join[0]);
  const [id, attribute] = (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  return `${id}.${attribute}`;
};
const policyOf = (type: string, name: string) => {
  const policy = Object.values(resourcesOf(template, type)).find((r) => r.Properties.Name === name);
  if (policy === undefined) throw new Error(`no ${type} ${name}`);
  return { type: policy.Properties.Type, document: JSON.parse(joined(policy.Properties.Policy)) };
};
const roleOf = (functionName: string) => functionRoleId(template, functionName);

describe('OpenSearch Serverless', () => {
  it('is one VECTORSEARCH collection, standby replicas off in dev and on in prod', () => {
    template.resourceCountIs('AWS::OpenSearchServerless::Collection', 1);
    template.hasResourceProperties('AWS::OpenSearchServerless::Collection', {
      Name: 'docent-dev-vectors',
      Type: 'VECTORSEARCH',
      StandbyReplicas: 'DISABLED',
    });
    synth(PROD_CONTEXT).template.hasResourceProperties('AWS::OpenSearchServerless::Collection', {
      Name: 'docent-prod-vectors',
      StandbyReplicas: 'ENABLED',
    });
  });

  it('encrypts the collection with an AWS-owned key and opens its endpoint to signed public requests', () => {
    expect(policyOf('AWS::OpenSearchServerless::SecurityPolicy', 'docent-dev-vectors-enc')).toEqual({
      type: 'encryption',
      document: {
        Rules: [{ ResourceType: 'collection', Resource: ['collection/docent-dev-vectors'] }],
        AWSOwnedKey: true,
      },
    });
    expect(policyOf('AWS::OpenSearchServerless::SecurityPolicy', 'docent-dev-vectors-net')).toEqual({
      type: 'network',
      document: [
        { Rules: [{ ResourceType: 'collection', Resource: ['collection/docent-dev-vectors'] }], AllowFromPublic: true },
      ],
    });
  });

  it('lets only the worker, processing, documents, sweeper, query and stream roles in, each with what it needs', () => {
    const { type, document } = policyOf('AWS::OpenSearchServerless::AccessPolicy', 'docent-dev-vectors-data');
    expect(type).toBe('data');
    const byPrincipal = Object.fromEntries(
      document.map((rule: { Principal: string[]; Rules: { Permission: string[]; Resource: string[] }[] }) => [
        rule.Principal.join(),
        { permissions: rule.Rules.flatMap((r) => r.Permission), resources: rule.Rules.flatMap((r) => r.Resource) },
      ]),
    );
    const index = ['index/docent-dev-vectors/*'];
    expect(byPrincipal).toEqual({
      [`${roleOf('docent-dev-worker')}.Arn`]: {
        permissions: [
          'aoss:CreateIndex',
          'aoss:DescribeIndex',
          'aoss:UpdateIndex',
          'aoss:ReadDocument',
          'aoss:WriteDocument',
        ],
        resources: index,
      },
      [`${roleOf('docent-dev-documents')}.Arn`]: {
        permissions: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
        resources: index,
      },
      // A presigned upload that fails its checks has whatever an earlier run wrote deleted.
      [`${roleOf('docent-dev-processing')}.Arn`]: {
        permissions: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
        resources: index,
      },
      // A document the sweeper fails has its entries deleted.
      [`${roleOf('docent-dev-sweeper')}.Arn`]: {
        permissions: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
        resources: index,
      },
      [`${roleOf('docent-dev-query')}.Arn`]: {
        permissions: ['aoss:DescribeIndex', 'aoss:ReadDocument'],
        resources: index,
      },
      [`${roleOf('docent-dev-stream')}.Arn`]: {
        permissions: ['aoss:DescribeIndex', 'aoss:ReadDocument'],
        resources: index,
      },
    });
  });

  it('creates the collection only after its three policies', () => {
    const policyIds = [
      ...Object.keys(resourcesOf(template, 'AWS::OpenSearchServerless::SecurityPolicy')),
      ...Object.keys(resourcesOf(template, 'AWS::OpenSearchServerless::AccessPolicy')),
    ];
    expect(policyIds).toHaveLength(3);
    const [collection] = Object.values(resourcesOf(template, 'AWS::OpenSearchServerless::Collection'));
    expect([...(collection?.DependsOn ?? [])].sort()).toEqual([...policyIds].sort());
  });

  it('keeps every name within the AOSS limits (collection 28, policies 32 characters)', () => {
    for (const context of [undefined, PROD_CONTEXT]) {
      const names = ['Collection', 'SecurityPolicy', 'AccessPolicy'].flatMap((kind) =>
        Object.values(resourcesOf(synth(context).template, `AWS::OpenSearchServerless::${kind}`)).map((r) => [
          kind,
          r.Properties.Name as string,
        ]),
      );
      for (const [kind, name] of names) {
        expect(name).toMatch(/^[a-z][a-z0-9-]+$/);
        expect(name?.length).toBeLessThanOrEqual(kind === 'Collection' ? 28 : 32);
      }
    }
  });
});
