import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '@docent/domain';
import { awsErrorName, awsFailure } from './cognito-errors.ts';

/** The Users table's hash key: the Cognito `sub` of the account. */
export const USERS_TABLE_KEY = 'userId';
/** The global secondary index on `email` (hash key `email`, all attributes projected). */
export const USERS_EMAIL_INDEX = 'EmailIndex';

/** Where the Users table is. */
export interface DynamoUsersTableOptions {
  /** A document client (marshalling plain objects); its retry policy applies. */
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Name of the GSI on `email` (default `EmailIndex`). */
  emailIndexName?: string;
}

/** What `create` did: stored the row, or found a row of that id already there (left as it was). */
export type CreateUserOutcome = 'created' | 'exists';

interface UserItem {
  userId: string;
  email: string;
  createdAt: string;
}

/**
 * The Users table: one item per account (`userId` = Cognito `sub`, `email`, `createdAt`), with the
 * `EmailIndex` GSI to find an account by email. DynamoDB failures become DocentError `unavailable`.
 */
export class DynamoUsersTable {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #emailIndex: string;

  constructor(options: DynamoUsersTableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#emailIndex = options.emailIndexName ?? USERS_EMAIL_INDEX;
  }

  /** The user with this id, or null; a strongly consistent read, so a row just written is seen. */
  async get(userId: string): Promise<User | null> {
    // DynamoDB rejects an empty key value as a malformed request; no account has that id.
    if (userId === '') return null;
    try {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: this.#tableName, Key: { [USERS_TABLE_KEY]: userId }, ConsistentRead: true }),
      );
      return Item === undefined ? null : toUser(Item as UserItem);
    } catch (error) {
      throw awsFailure(error, 'DynamoDB GetItem (Users)');
    }
  }

  /**
   * The user with this email, or null. GSI reads are eventually consistent, so a row written a moment
   * ago may be missed: uniqueness of emails rests on Cognito's usernames, this is the early check.
   */
  async findByEmail(email: string): Promise<User | null> {
    try {
      const { Items } = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: this.#emailIndex,
          KeyConditionExpression: 'email = :email',
          ExpressionAttributeValues: { ':email': email },
          Limit: 1,
        }),
      );
      const item = Items?.[0];
      return item === undefined ? null : toUser(item as UserItem);
    } catch (error) {
      throw awsFailure(error, 'DynamoDB Query (Users by email)');
    }
  }

  /** Stores `user` unless a row with its id exists (a conditional put, so a row is never overwritten). */
  async create(user: User): Promise<CreateUserOutcome> {
    const item: UserItem = { userId: user.id, email: user.email, createdAt: user.createdAt };
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': USERS_TABLE_KEY },
        }),
      );
      return 'created';
    } catch (error) {
      if (awsErrorName(error) === 'ConditionalCheckFailedException') return 'exists';
      throw awsFailure(error, 'DynamoDB PutItem (Users)');
    }
  }
}

const toUser = (item: UserItem): User => ({ id: item.userId, email: item.email, createdAt: item.createdAt });
