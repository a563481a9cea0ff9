export type { BackupManifest, BackupResult } from '@docent/adapters-local';
export type {
  Answer,
  Citation,
  DocumentFailure,
  DocumentRecord,
  DocumentStatus,
  DocumentText,
  ErrorCode,
  HistoryEntry,
  Page,
  ProcessingStage,
  Source,
  User,
} from '@docent/domain';
export { DocentError, isDocentError } from '@docent/domain';
export { createDocent } from './create-docent.ts';
export type * from './docent-api.ts';
export type { DocentOptions, SettingValue } from './docent-options.ts';
