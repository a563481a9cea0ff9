import { expect } from 'vitest';
import type { AppResponse, LocalApp } from './local-app.ts';
import type { OwnershipLedger } from './ownership-ledger.ts';

/** One document's bytes, shared by every user who uploads it (identical bytes across users). */
export interface Content {
  name: string;
  text: string;
  secret: string;
}

/** What the model knows of one user. */
export interface Account {
  key: string;
  token: string;
  /** The secret word in each of this user's questions. */
  marker: string;
  /** Live documents: content index to document id. */
  live: Map<number, string>;
  asked: number;
  /** Conversations this user asked in, with the form of their last question the rewriter reads. */
  conversations: Map<string, string>;
}

/** The state the commands check the app against. */
export interface IsolationModel {
  accounts: Account[];
  contents: Content[];
}

/** The app under test and the ledger of who may see what. */
export interface IsolationReal {
  api: LocalApp;
  ledger: OwnershipLedger;
}

/** Asserts a response carries nothing `account` may not see, then returns it. */
export const checked = (real: IsolationReal, account: Account, response: AppResponse): AppResponse => {
  expect(real.ledger.violations(account.key, response.body), JSON.stringify(response.body)).toEqual([]);
  return response;
};

/** Asserts the stable error envelope of a refused request. */
export const expectError = (response: AppResponse, status: number, code: string): void => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.error.code).toBe(code);
};
