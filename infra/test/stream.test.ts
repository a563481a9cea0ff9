import { describe, expect, it } from 'vitest';
import { functionId, functionRoleId, PROD_CONTEXT, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();
const stream = functionId(template, 'docent-dev-stream');
const [topic] = Object.keys(resourcesOf(template, 'AWS::SNS::Topic'));
const functionsOf = () => resourcesOf(template, 'AWS::Lambda::Function');
const permissionsOf = (fn: string) =>
  Object.values(resourcesOf(template, 'AWS::Lambda::Permission'))
    .map((p) => p.Properties)
    .filter((p) => JSON.stringify(p.FunctionName).includes(fn));
// A role's statements without those on its own log group, the only resource two roles cannot share.
const grantsOf = (functionName: string): unknown[] => {
  const role = functionRoleId(template, functionName);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((r) => r.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap((r) => r.Properties.PolicyDocument.Statement)
    .filter((s) => !JSON.stringify(s.Action).includes('logs:'));
};

describe('answer stream function', () => {
  it('runs stream-handler.ts in its own bundle, 1024 MB for up to 900 s, on Node.js 24 arm64', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'docent-dev-stream',
      MemorySize: 1024,
      Timeout: 900,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
    const assetOf = (id: string) => functionsOf()[id]?.Properties.Code.S3Key;
    expect(assetOf(stream)).not.toBe(assetOf(functionId(template, 'docent-dev-query')));
  });

  it('has the query function environment, apart from its own service name', () => {
    const variables = (id: string) => functionsOf()[id]?.Properties.Environment.Variables;
    const { POWERTOOLS_SERVICE_NAME, ...rest } = variables(stream);
    const { POWERTOOLS_SERVICE_NAME: _query, ...queryRest } = variables(functionId(template, 'docent-dev-query'));
    expect(POWERTOOLS_SERVICE_NAME).toBe('docent-dev-stream');
    expect(rest).toEqual(queryRest);
  });

  it('has exactly the grants of the query function, on the same resources', () => {
    const streamGrants = grantsOf('docent-dev-stream');
    expect(streamGrants.length).toBeGreaterThan(5);
    expect(streamGrants).toEqual(grantsOf('docent-dev-query'));
  });

  it('is served by a public Function URL in RESPONSE_STREAM mode with CORS for the web origin only', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', {
      TargetFunctionArn: { 'Fn::GetAtt': [stream, 'Arn'] },
      AuthType: 'NONE',
      InvokeMode: 'RESPONSE_STREAM',
      Cors: {
        AllowOrigins: ['http://localhost:3000'],
        AllowMethods: ['POST'],
        AllowHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Request-Id'],
        AllowCredentials: true,
        MaxAge: 3600,
      },
    });
    synth(PROD_CONTEXT).template.hasResourceProperties('AWS::Lambda::Url', {
      Cors: { AllowOrigins: ['https://docent.example.com'] },
    });
  });

  it('may be invoked by anyone only through its URL, and by nothing else', () => {
    const permissions = permissionsOf(stream);
    expect(permissions).toHaveLength(2);
    expect(permissions).toContainEqual(
      expect.objectContaining({ Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }),
    );
    expect(permissions).toContainEqual(
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }),
    );
    const methods = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method'));
    expect(JSON.stringify(methods)).not.toContain(stream);
  });

  it('raises errors and duration alarms like the query function', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'docent-dev-stream-errors',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: stream } }],
      Threshold: 10,
      EvaluationPeriods: 2,
      AlarmActions: [{ Ref: topic }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'docent-dev-stream-duration',
      MetricName: 'Duration',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: stream } }],
      Threshold: 5000,
      AlarmActions: [{ Ref: topic }],
    });
  });

  it('publishes the stream URL as a stack output', () => {
    const [url] = Object.keys(resourcesOf(template, 'AWS::Lambda::Url'));
    expect(template.findOutputs('StreamUrl').StreamUrl?.Value).toEqual({ 'Fn::GetAtt': [url, 'FunctionUrl'] });
  });
});
