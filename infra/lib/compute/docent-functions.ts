import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';
import { FUNCTION_NAMES, FUNCTION_SPECS, type FunctionName } from './function-specs.ts';
import { BUNDLE_HANDLER, lambdaCode } from './lambda-code.ts';

/** The Node.js runtime: 24 is what the repo runs on (ADR 0001). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/**
 * The functions of {@link FUNCTION_SPECS}, each with its own role and log group. Roles start empty except for writing to
 * their own log group: no AWSLambdaBasicExecutionRole, whose logs actions apply to every log group.
 * The stack adds the rest of each role's permissions (see grants.ts).
 */
export class DocentFunctions extends Construct {
  /** The functions by name. */
  readonly byName: Record<FunctionName, LambdaFunction>;
  /** Each function's execution role, by function name. */
  readonly roles: Record<FunctionName, Role>;

  /** Creates every function of {@link FUNCTION_SPECS} for the stage. */
  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    const prod = config.stage === 'prod';
    // One asset per entry, however many functions run it.
    const codeByEntry = new Map<string, Code>();
    const codeFor = (entry: string): Code => {
      const code = codeByEntry.get(entry) ?? lambdaCode(entry);
      codeByEntry.set(entry, code);
      return code;
    };
    const entries = FUNCTION_NAMES.map((name) => {
      const spec = FUNCTION_SPECS[name];
      const functionName = resourceName(config.stage, name);
      const role = new Role(this, `${pascal(name)}Role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Runs ${functionName}`,
      });
      const logGroup = new LogGroup(this, `${pascal(name)}Logs`, {
        logGroupName: `/aws/lambda/${functionName}`,
        retention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
        removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      logGroup.grantWrite(role);
      const fn = new LambdaFunction(this, pascal(name), {
        functionName,
        description: spec.description,
        runtime: LAMBDA_RUNTIME,
        // Graviton: the same code for about 20 % less per GB-second.
        architecture: Architecture.ARM_64,
        handler: BUNDLE_HANDLER,
        code: codeFor(spec.entry),
        memorySize: spec.memorySize,
        timeout: Duration.seconds(spec.timeoutSeconds),
        role,
        logGroup,
        tracing: Tracing.ACTIVE,
        environment: {
          POWERTOOLS_SERVICE_NAME: functionName,
          NODE_OPTIONS: '--enable-source-maps',
        },
      });
      return { name, fn, role };
    });
    this.byName = Object.fromEntries(entries.map(({ name, fn }) => [name, fn])) as Record<FunctionName, LambdaFunction>;
    this.roles = Object.fromEntries(entries.map(({ name, role }) => [name, role])) as Record<FunctionName, Role>;
  }

  /** Sets the same variables on every function. */
  addEnvironment(variables: Record<string, string>): void {
    for (const fn of Object.values(this.byName)) {
      for (const [key, value] of Object.entries(variables)) fn.addEnvironment(key, value);
    }
  }
}

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
