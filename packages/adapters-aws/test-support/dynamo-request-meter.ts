import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Requests and capacity units per DynamoDB operation, as the server reported them. */
export interface OperationTally {
  requests: number;
  capacityUnits: number;
}

/** Counts a client's requests; see `meterDynamoRequests`. */
export interface DynamoRequestMeter {
  /** Per operation (`Query`, `BatchWriteItem`, ...), since the last reset. */
  readonly operations: Map<string, OperationTally>;
  /** Requests of one operation since the last reset (0 when none). */
  requests(operation: string): number;
  /** Capacity units of the read operations (`GetItem`, `BatchGetItem`, `Query`, `Scan`) since the last reset. */
  readUnits(): number;
  /** Capacity units of the write operations since the last reset. */
  writeUnits(): number;
  /** Starts counting from zero. */
  reset(): void;
  /** Makes the `n`-th request of `operation` from now (1-based) fail before it is sent, as a killed process would. */
  failAt(operation: string, n: number): void;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);

type Capacity = { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;

const unitsOf = (capacity: Capacity): number =>
  (Array.isArray(capacity) ? capacity : capacity === undefined ? [] : [capacity]).reduce(
    (sum, entry) => sum + (entry.CapacityUnits ?? 0),
    0,
  );

/**
 * Adds a middleware to `client` that asks DynamoDB (or dynalite, which computes units by DynamoDB's
 * rules: 1 KB per write unit, 4 KB per read unit, half for eventually consistent reads) for the
 * capacity each request consumed, and tallies requests and units per operation. It can also fail a
 * chosen request, to cut a call short at a known point.
 */
export const meterDynamoRequests = (client: DynamoDBClient): DynamoRequestMeter => {
  const operations = new Map<string, OperationTally>();
  let failure: { operation: string; remaining: number } | undefined;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      if (failure?.operation === operation && --failure.remaining === 0) {
        failure = undefined;
        throw new Error(`${operation} cut short by the test`);
      }
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const tally = operations.get(operation) ?? { requests: 0, capacityUnits: 0 };
      tally.requests++;
      tally.capacityUnits += unitsOf((result.output as { ConsumedCapacity?: Capacity }).ConsumedCapacity);
      operations.set(operation, tally);
      return result;
    },
    { step: 'initialize', name: 'docentRequestMeter' },
  );
  const sum = (reads: boolean) =>
    [...operations].reduce(
      (total, [operation, tally]) => total + (READS.has(operation) === reads ? tally.capacityUnits : 0),
      0,
    );
  return {
    operations,
    requests: (operation) => operations.get(operation)?.requests ?? 0,
    readUnits: () => sum(true),
    writeUnits: () => sum(false),
    reset: () => operations.clear(),
    failAt: (operation, n) => {
      failure = { operation, remaining: n };
    },
  };
};
