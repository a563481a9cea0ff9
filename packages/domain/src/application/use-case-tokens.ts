import { TOKENS, type Token } from '../tokens.ts';
import type { UseCases } from './use-cases.ts';

/** The `TOKENS` key of each use case `createUseCases` builds: how the containers and resolvers name them. */
export const USE_CASE_TOKENS: { [K in keyof UseCases]-?: Token<NonNullable<UseCases[K]>> } = {
  registerUser: TOKENS.RegisterUser,
  logIn: TOKENS.LogIn,
  logOut: TOKENS.LogOut,
  authenticate: TOKENS.Authenticate,
  startOidcLogin: TOKENS.StartOidcLogin,
  finishOidcLogin: TOKENS.FinishOidcLogin,
  getProfile: TOKENS.GetProfile,
  addUser: TOKENS.AddUser,
  listUsers: TOKENS.ListUsers,
  findUser: TOKENS.FindUser,
  uploadDocument: TOKENS.UploadDocument,
  requestUpload: TOKENS.RequestUpload,
  processUploadedDocument: TOKENS.ProcessUploadedDocument,
  listDocuments: TOKENS.ListDocuments,
  getDocument: TOKENS.GetDocument,
  getDocumentText: TOKENS.GetDocumentText,
  deleteDocument: TOKENS.DeleteDocument,
  retryDocument: TOKENS.RetryDocument,
  reindexDocuments: TOKENS.ReindexDocuments,
  sweepStuckDocuments: TOKENS.SweepStuckDocuments,
  askQuestion: TOKENS.AskQuestion,
  searchDocuments: TOKENS.SearchDocuments,
  listHistory: TOKENS.ListHistory,
  processDocument: TOKENS.ProcessDocument,
  jobRunner: TOKENS.JobRunner,
};
