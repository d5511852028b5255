import {
  readBundle,
  writeBundle,
  type ReadBundleResult,
  type WriteBundleInput,
} from '../core/bundle/bundle';
import type { CaseId } from '../core/model/ids';
import type { Case } from '../core/model/records';
import type { CaseRepository } from '../core/ports/repositories';
import type { CaseTransfer, TransferOutcome } from '../core/ports/transfer';
import { err, ok, type AppError, type Result } from '../shared/result';
import {
  backupFileNames,
  type BackupReason,
  type BackupStore,
  type BackupSummary,
} from './backupStore';
import { sha256BytesHex } from './hash';
import type { MigrationSource } from './open';

/** The manifest's name for the installation's own backup key. */
export const INSTALLATION_RECIPIENT_NAME = 'This installation';

/** What backing up reads: the case list, extraction, and the schema version of the database. */
export interface BackupSource {
  readonly cases: Pick<CaseRepository, 'list'>;
  readonly transfer: Pick<CaseTransfer, 'extract'>;
  /** Schema version of the database the cases are read from. */
  readonly schemaVersion: number;
}

export interface BackupProgress {
  /** Cases finished (backed up or failed). */
  readonly done: number;
  readonly total: number;
  /** The case being backed up next; undefined once all are done. */
  readonly caseTitle?: string;
}

/** Writes a bundle and hashes it: by default on this thread; the app passes its bundle worker. */
export type BackupBundleWriter = (
  input: Omit<WriteBundleInput, 'sha256Hex'>,
) => Promise<Result<{ readonly bytes: Uint8Array; readonly sha256: string }>>;

/** Opens a bundle with an age identity (readBundle): by default on this thread. */
export type BackupBundleReader = (
  bytes: Uint8Array,
  identity: string,
) => Promise<Result<Pick<ReadBundleResult, 'caseData' | 'originals'>>>;

const writeHere: BackupBundleWriter = async (input) => {
  const bytes = await writeBundle({ ...input, sha256Hex: sha256BytesHex });
  return bytes.ok ? ok({ bytes: bytes.value, sha256: await sha256BytesHex(bytes.value) }) : bytes;
};

const readHere: BackupBundleReader = (bytes, identity) =>
  readBundle(bytes, { identities: [identity] }, { sha256Hex: sha256BytesHex });

export interface BackUpCasesOptions {
  readonly reason: BackupReason;
  /** Only these cases (default: every case). */
  readonly caseIds?: readonly CaseId[];
  /** Also encrypted to these (the analyst's own `age1…` recipient, when they have an identity). */
  readonly extraRecipients?: readonly { readonly recipient: string; readonly name: string }[];
  readonly app: { readonly name: string; readonly version: string };
  readonly now?: () => string;
  readonly onProgress?: (progress: BackupProgress) => void;
  /** Default: writeBundle on this thread. The originals handed in may be moved (a worker). */
  readonly write?: BackupBundleWriter;
}

export type CaseBackupResult =
  | {
      readonly ok: true;
      readonly caseId: CaseId;
      readonly caseTitle: string;
      readonly backup: BackupSummary;
    }
  | {
      readonly ok: false;
      readonly caseId: CaseId;
      readonly caseTitle: string;
      readonly error: AppError;
    };

/**
 * Backs up each case as a .casefile bundle (unsigned) encrypted to the installation's backup key
 * and the extra recipients, and stores it. One failing case does not stop the others: the
 * result lists each case. An error only when nothing could start (no backup key).
 */
export async function backUpCases(
  source: BackupSource,
  store: BackupStore,
  options: BackUpCasesOptions,
): Promise<Result<readonly CaseBackupResult[]>> {
  const now = options.now ?? (() => new Date().toISOString());
  const recipient = await store.recipient();
  if (!recipient.ok) return recipient;
  const recipientNames = new Map<string, string>([[recipient.value, INSTALLATION_RECIPIENT_NAME]]);
  for (const extra of options.extraRecipients ?? []) {
    if (!recipientNames.has(extra.recipient)) recipientNames.set(extra.recipient, extra.name);
  }
  const all = await source.cases.list();
  const wanted = options.caseIds === undefined ? undefined : new Set<string>(options.caseIds);
  const cases = all.filter((entry) => wanted === undefined || wanted.has(entry.id));
  const round = now();
  const results: CaseBackupResult[] = [];
  for (const [index, entry] of cases.entries()) {
    options.onProgress?.({ done: index, total: cases.length, caseTitle: entry.title });
    results.push(
      await backUpCase(source, store, entry, { ...options, round, now, recipientNames }),
    );
  }
  options.onProgress?.({ done: cases.length, total: cases.length });
  return ok(results);
}

async function backUpCase(
  source: BackupSource,
  store: BackupStore,
  entry: Case,
  options: BackUpCasesOptions & {
    readonly round: string;
    readonly now: () => string;
    readonly recipientNames: ReadonlyMap<string, string>;
  },
): Promise<CaseBackupResult> {
  const failed = (error: AppError): CaseBackupResult => ({
    ok: false,
    caseId: entry.id,
    caseTitle: entry.title,
    error,
  });
  try {
    const extract = await source.transfer.extract(entry.id, { kind: 'all' });
    if (!extract.ok) return failed(extract.error);
    const createdAt = options.now();
    const written = await (options.write ?? writeHere)({
      caseData: extract.value.records,
      originals: extract.value.originals,
      app: options.app,
      createdAt,
      encryption: { kind: 'recipients', recipients: [...options.recipientNames.keys()] },
      recipientNames: options.recipientNames,
    });
    if (!written.ok) return failed(written.error);
    const stored = await store.add({
      caseId: entry.id,
      caseTitle: entry.title,
      createdAt,
      reason: options.reason,
      round: options.round,
      schemaVersion: source.schemaVersion,
      sha256: written.value.sha256,
      recipientNames: [...options.recipientNames.values()],
      bytes: written.value.bytes,
    });
    if (!stored.ok) return failed(stored.error);
    return { ok: true, caseId: entry.id, caseTitle: entry.title, backup: stored.value.backup };
  } catch (error) {
    // Out of memory or quota: this case fails, the others still get their turn.
    const detail = error instanceof Error ? error.message : String(error);
    return failed({
      code: 'backup.failed',
      message: `Backing up “${entry.title}” failed: ${detail}`,
    });
  }
}

export interface RestoreOptions {
  /**
   * `replace`: the stored case is deleted and the backup written in its place, in one
   * transaction (also used when the case was deleted). `new-case`: only when the case is not in
   * the database any more.
   */
  readonly target: 'replace' | 'new-case';
  /** Default: readBundle on this thread. The bytes handed in may be moved (a worker). */
  readonly read?: BackupBundleReader;
}

/**
 * Restores a backup: decrypts it with the installation key, checks it as any bundle import is
 * checked (readBundle), plans and commits it in one transaction with a `backup.restored` event.
 */
export async function restoreBackup(
  storage: { readonly transfer: CaseTransfer },
  store: BackupStore,
  backupId: string,
  options: RestoreOptions,
): Promise<Result<TransferOutcome>> {
  const backup = await store.get(backupId);
  if (!backup.ok) return backup;
  const identity = await store.identity();
  if (!identity.ok) return identity;
  const opened = await (options.read ?? readHere)(backup.value.bytes, identity.value);
  if (!opened.ok) return opened;
  const { caseData, originals } = opened.value;
  const plan = await storage.transfer.plan(caseData, originals);
  if (!plan.ok) return plan;
  if (options.target === 'new-case' && plan.value.mode !== 'new-case') {
    return err(
      'backup.caseExists',
      `Case “${plan.value.caseTitle}” is still in the database: restore the backup over it (replace) instead.`,
    );
  }
  return storage.transfer.commit(caseData, originals, plan.value, {
    target: 'replace',
    audit: {
      action: 'backup.restored',
      subject: caseData.case.id,
      detail: {
        backupCreatedAt: backup.value.createdAt,
        backupSha256: backup.value.sha256,
        reason: backup.value.reason,
        replaced: plan.value.mode === 'merge',
      },
    },
  });
}

/**
 * The `beforeMigration` hook for openCasefileStorage: backs up every case, reason
 * `before-migration`. Any case that cannot be backed up fails the hook, so the upgrade waits.
 */
export function backUpBeforeMigration(
  store: BackupStore,
  options: Omit<BackUpCasesOptions, 'reason' | 'caseIds'>,
): (source: MigrationSource) => Promise<Result<readonly CaseBackupResult[]>> {
  return async (source) => {
    const results = await backUpCases(
      { cases: source.cases, transfer: source.transfer, schemaVersion: source.fromVersion },
      store,
      { ...options, reason: 'before-migration' },
    );
    if (!results.ok) return results;
    const failed = results.value.filter((result) => !result.ok);
    if (failed.length === 0) return results;
    const first = failed[0];
    return err(
      'backup.beforeMigrationFailed',
      `${failed.length} of ${results.value.length} cases could not be backed up` +
        (first && !first.ok ? ` (“${first.caseTitle}”: ${first.error.message})` : '') +
        '.',
    );
  };
}

/**
 * The end of the failed-update message (openCasefileStorage's `migrationFailedNote`): where the
 * backups made just before the update are, by file name.
 */
export function describeMigrationBackups(
  results: readonly CaseBackupResult[],
  location: string,
): string {
  const names = results.flatMap((result) =>
    result.ok ? [`${backupFileNames(result.backup.id).bundle} (“${result.caseTitle}”)`] : [],
  );
  if (names.length === 0) return '';
  return `A backup of every case was made just before the update, in ${location}: ${names.join(', ')}. They are also listed under Backups.`;
}
