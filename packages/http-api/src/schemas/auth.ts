import { timestamp } from './common.ts';

/** A user as clients see it (shared as `User`). */
export const userSchema = {
  $id: 'User',
  type: 'object',
  required: ['id', 'email', 'createdAt'],
  properties: { id: { type: 'string' }, email: { type: 'string' }, createdAt: timestamp },
} as const;

const email = { type: 'string', minLength: 1, maxLength: 254 } as const;

/** The password policy belongs to the domain (`weak_password`); the schema only caps the size. */
export const registerBodySchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email, password: { type: 'string', maxLength: 1024 } },
} as const;

/** Body of `POST /auth/login`. */
export const loginBodySchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

/** A validated register or login body. */
export interface CredentialsBody {
  email: string;
  password: string;
}

/** Response of `POST /auth/register`: the same whether or not the email was already registered. */
export const registrationSchema = {
  description: 'Registration accepted; sign in next with the same email and password',
  type: 'object',
  required: ['next', 'message'],
  additionalProperties: false,
  properties: {
    next: { type: 'string', enum: ['sign_in'], description: 'What the client does next.' },
    message: { type: 'string' },
  },
} as const;

/** The one body `POST /auth/register` answers with. */
export const REGISTRATION_ACCEPTED = {
  next: 'sign_in',
  message: 'Registration accepted: sign in with this email and password.',
} as const;

/** Response of `POST /auth/login`. */
export const sessionSchema = {
  description: 'A new session',
  type: 'object',
  required: ['token', 'expiresAt', 'user'],
  properties: {
    token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`.' },
    expiresAt: timestamp,
    user: { $ref: 'User#' },
  },
} as const;

/** Response of `GET /auth/profile`. */
export const profileSchema = {
  description: 'The caller',
  type: 'object',
  required: ['id', 'email', 'createdAt', 'documentCount', 'usage'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    createdAt: timestamp,
    documentCount: { type: 'integer', minimum: 0 },
    usage: {
      type: 'object',
      description: 'Questions asked, model tokens used and their estimated cost, over the whole history.',
      required: ['questions', 'inputTokens', 'outputTokens', 'costUsd'],
      properties: {
        questions: { type: 'integer', minimum: 0 },
        inputTokens: { type: 'integer', minimum: 0 },
        outputTokens: { type: 'integer', minimum: 0 },
        costUsd: { type: 'number', minimum: 0, description: 'Estimated at list price, in USD.' },
      },
    },
  },
} as const;
