/** Public API of the storage layer (README.md). */
export {
  CASEFILE_DB_NAME,
  CASE_OWNED_TABLES,
  CURRENT_SCHEMA_VERSION,
  CasefileDatabase,
  DATA_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  SCHEMA_VERSIONS,
  TABLE_NAMES,
  type CaseOwnedTable,
  type CasefileDatabaseOptions,
  type SchemaVersion,
  type StoresSpec,
  type TableName,
} from './schema';
export {
  newerFormatReason,
  newerSchemaReason,
  openCasefileStorage,
  unreadableFormatReason,
  type CasefileStorage,
  type OpenCasefileStorageOptions,
} from './open';
export { createCaseRepository, type CaseRepositoryOptions } from './caseRepository';
export { createCaseTransfer, type CaseTransferOptions } from './caseTransfer';
export { createSourceRepository, type SourceRepositoryOptions } from './sourceRepository';
export { createPassageRepository, type PassageRepositoryOptions } from './passageRepository';
export { createEntityRepository, type EntityRepositoryOptions } from './entityRepository';
export { createClaimRepository, type ClaimRepositoryOptions } from './claimRepository';
export { createChartRepository, type ChartRepositoryOptions } from './chartRepository';
export { createNoteRepository, type NoteRepositoryOptions } from './noteRepository';
export {
  MAX_SAVED_SEARCH_QUERY_LENGTH,
  createSavedSearchRepository,
  type SavedSearchRepositoryOptions,
} from './savedSearchRepository';
export {
  MAX_SUGGESTIONS_PER_SOURCE,
  createSuggestionRepository,
  type SuggestionRepositoryOptions,
} from './suggestionRepository';
export {
  MAX_PASSAGE_NOTE_LENGTH,
  PASSAGE_COLOURS,
  validatePassageColour,
  validatePassageKind,
  validatePassageNote,
  type PassageColour,
} from './passageRules';
export {
  EDITABLE_PROVENANCE_FIELDS,
  MAX_SOURCE_FIELD_LENGTH,
  MAX_SOURCE_TITLE_LENGTH,
  UNTITLED_SOURCE,
  applySourceChanges,
  importedSourceTitle,
  isHttpUrl,
  isIsoDateOrDateTime,
  validateSourceTitle,
  type AppliedSourceChanges,
} from './sourceRules';
export { appendAuditEvent, createAuditLog, type AuditLog } from './auditLog';
export { sha256BytesHex, sha256Hex } from './hash';
export { requestPersistentStorage, type PersistableStorage } from './persist';
export {
  DEFAULT_CORPUS_BATCH_SIZE,
  SEARCH_CORPUS_TABLES,
  createSearchCorpus,
  mutatedTables,
  touchesSearchCorpus,
} from './searchCorpus';
export {
  SEARCH_DB_NAME,
  createSearchSnapshotStore,
  type SearchSnapshotStoreOptions,
} from './searchSnapshotStore';
export {
  KEYRING_DB_NAME,
  MAX_CONTACT_NOTE_LENGTH,
  openKeyring,
  type Keyring,
  type OpenKeyringOptions,
} from './keyring';
export {
  BACKUPS_DB_NAME,
  MANUAL_BACKUPS_KEPT,
  MIGRATION_ROUNDS_KEPT,
  openBackupStore,
  type Backup,
  type BackupReason,
  type BackupStore,
  type BackupSummary,
  type OpenBackupStoreOptions,
} from './backupStore';
export {
  INSTALLATION_RECIPIENT_NAME,
  backUpBeforeMigration,
  backUpCases,
  describeMigrationBackups,
  restoreBackup,
  type BackUpCasesOptions,
  type BackupBundleReader,
  type BackupProgress,
  type CaseBackupResult,
  type RestoreOptions,
} from './backups';
export { backupFailedReason, migrationFailedReason, type MigrationSource } from './open';
export {
  checkAgainstRegistry,
  checkUnreadableDatabase,
  readDatabaseId,
  startRegistryUpdates,
  type RegistryCheck,
  type RegistryMismatch,
  type RegistryUpdater,
} from './registry';
export {
  checkIntegrity,
  repairIntegrity,
  type CheckIntegrityOptions,
  type RepairIntegrityOptions,
  type RepairSummary,
} from './integrity';
