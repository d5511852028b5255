import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RegisteredCase } from '../../core/ports/registry';
import {
  restoreBackup,
  type BackupBundleReader,
  type BackupStore,
  type BackupSummary,
  type CasefileStorage,
  type RegistryCheck,
} from '../../db';
import { formatTimestamp } from '../../shared/format';
import { Banner, Button, ConfirmDialog } from '../../ui';

type Mismatch = Extract<RegistryCheck, { kind: 'mismatch' }>;

export interface RecoveryScreenProps {
  /** What the start-up check found (src/db/registry.ts). */
  readonly check: Mismatch;
  /** The case database as it opened; absent when it could not be opened (`database-unreadable`). */
  readonly storage?: CasefileStorage;
  /**
   * Deletes the damaged database and opens a new, empty one (only when `storage` is absent).
   * Asked for only after the investigator confirms.
   */
  readonly openNewDatabase?: () => Promise<CasefileStorage>;
  readonly backups: BackupStore;
  /** Where backup files are kept ("…/Backups", or "this browser's private storage …"). */
  readonly backupLocation: string;
  /** Opens a backup bundle (the app's bundle worker); default on this thread. */
  readonly read?: BackupBundleReader;
  /** Done: the app starts on this storage, and the registry is rewritten from it. */
  readonly onContinue: (storage: CasefileStorage) => void;
}

/** One row: a case the registry lists that the database does not hold. */
interface MissingCase {
  readonly id: string;
  readonly title: string;
  readonly registered?: RegisteredCase;
  /** The newest backup of the case, if any. */
  readonly latest?: BackupSummary;
}

type RowState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'restoring' }
  | { readonly kind: 'restored' }
  | { readonly kind: 'failed'; readonly message: string };

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function countsOf(entry: RegisteredCase | undefined): string {
  if (!entry) return '—';
  const { sources, passages, entities, claims, notes } = entry.counts;
  return [
    plural(sources, 'source', 'sources'),
    plural(passages, 'passage', 'passages'),
    plural(entities, 'entity', 'entities'),
    plural(claims, 'claim', 'claims'),
    plural(notes, 'note', 'notes'),
  ].join(' · ');
}

function whatHappened(check: Mismatch): string {
  switch (check.reason) {
    case 'database-missing':
      return 'The case database was removed, emptied, or found damaged and reset while Casefile was closed (for example when site data was cleared, by a clean-up tool, or after a disk error).';
    case 'database-replaced':
      return 'The case database is not the one Casefile used last time: it was replaced while Casefile was closed.';
    case 'database-unreadable':
      return `The case database could not be opened; its files may be damaged${check.detail ? ` (${check.detail})` : ''}.`;
  }
}

/** Newest backup per case id. */
function latestByCase(all: readonly BackupSummary[]): Map<string, BackupSummary> {
  const latest = new Map<string, BackupSummary>();
  for (const backup of all) {
    const known = latest.get(backup.caseId);
    if (!known || backup.createdAt > known.createdAt) latest.set(backup.caseId, backup);
  }
  return latest;
}

function missingCases(check: Mismatch, all: readonly BackupSummary[]): MissingCase[] {
  const latest = latestByCase(all);
  if (check.missing.length > 0) {
    return check.missing.map((registered) => {
      const backup = latest.get(registered.id);
      return {
        id: registered.id,
        title: registered.title,
        registered,
        ...(backup ? { latest: backup } : {}),
      };
    });
  }
  // No registry to go by (a damaged database on a first start): offer every backed-up case.
  return [...latest.values()].map((backup) => ({
    id: backup.caseId,
    title: backup.caseTitle,
    latest: backup,
  }));
}

/**
 * Shown at start instead of an empty app when the case database does not hold what the case
 * registry says it should (src/db/registry.ts): what is missing, restore from the latest backup
 * (per case or all), or an explicit, confirmed start with an empty database. Never silently empty.
 */
export function RecoveryScreen({
  check,
  storage: given,
  openNewDatabase,
  backups,
  backupLocation,
  read,
  onContinue,
}: RecoveryScreenProps) {
  const [storage, setStorage] = useState<CasefileStorage | undefined>(given);
  const [all, setAll] = useState<readonly BackupSummary[] | undefined>(undefined);
  const [rows, setRows] = useState<ReadonlyMap<string, RowState>>(new Map());
  const [confirm, setConfirm] = useState<'none' | 'empty' | 'replace-damaged'>('none');
  const [pendingRestore, setPendingRestore] = useState<readonly MissingCase[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void backups.list().then(
      (listed) => live && setAll(listed),
      (failure: unknown) => live && setError(`The backups could not be listed: ${String(failure)}`),
    );
    return () => {
      live = false;
    };
  }, [backups]);

  const missing = useMemo(() => (all ? missingCases(check, all) : []), [check, all]);
  const restorable = missing.filter(
    (entry) => entry.latest && rows.get(entry.id)?.kind !== 'restored',
  );
  const busy = [...rows.values()].some((state) => state.kind === 'restoring');
  const allBack = missing.length > 0 && missing.every((e) => rows.get(e.id)?.kind === 'restored');

  const setRow = (id: string, state: RowState) =>
    setRows((current) => new Map(current).set(id, state));

  const restore = useCallback(
    async (target: CasefileStorage, entries: readonly MissingCase[]) => {
      for (const entry of entries) {
        if (!entry.latest) continue;
        setRow(entry.id, { kind: 'restoring' });
        const outcome = await restoreBackup(target, backups, entry.latest.id, {
          target: 'new-case',
          ...(read ? { read } : {}),
        });
        setRow(
          entry.id,
          outcome.ok ? { kind: 'restored' } : { kind: 'failed', message: outcome.error.message },
        );
      }
    },
    [backups, read],
  );

  const startRestore = (entries: readonly MissingCase[]) => {
    if (storage) {
      void restore(storage, entries);
      return;
    }
    // The damaged database must make way for a new one first: ask.
    setPendingRestore(entries);
    setConfirm('replace-damaged');
  };

  const newDatabase = async (): Promise<CasefileStorage> => {
    if (storage) return storage;
    if (!openNewDatabase) throw new Error('Casefile cannot create a new case database here.');
    const opened = await openNewDatabase();
    setStorage(opened);
    return opened;
  };

  const lastSeen = check.lastSeen ? formatTimestamp(check.lastSeen) : undefined;

  return (
    <main className="cf-recovery" aria-labelledby="recovery-heading">
      <h1 id="recovery-heading">
        {allBack ? 'Your cases are back' : 'Some cases are missing from the case database'}
      </h1>
      <p className="cf-recovery__lead">
        {whatHappened(check)} Casefile has not changed anything.
        {lastSeen ? ` It last saw these cases on ${lastSeen}.` : ''}
      </p>
      <p className="cf-muted">
        Backups are kept apart from the case database, in {backupLocation}. Restore each case from
        its latest backup: everything up to that backup comes back.
      </p>

      {error ? <Banner tone="error">{error}</Banner> : null}

      {all === undefined ? (
        <p role="status">Looking for backups…</p>
      ) : missing.length === 0 ? (
        <p className="cf-empty">
          There is no backup of the missing cases. You can start with an empty database; if you have
          .casefile bundles of your cases, import them afterwards.
        </p>
      ) : (
        <table className="cf-table cf-recovery__table" aria-label="Missing cases">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">What it held</th>
              <th scope="col">Latest backup</th>
              <th scope="col">
                <span className="cf-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {missing.map((entry) => {
              const state = rows.get(entry.id) ?? { kind: 'missing' };
              return (
                <tr key={entry.id}>
                  <th scope="row">
                    {entry.title}
                    {entry.registered ? (
                      <div className="cf-muted cf-recovery__detail">
                        Last changed {formatTimestamp(entry.registered.updatedAt)}
                      </div>
                    ) : null}
                  </th>
                  <td className="cf-recovery__counts">{countsOf(entry.registered)}</td>
                  <td>
                    {entry.latest ? (
                      <>
                        {formatTimestamp(entry.latest.createdAt)}
                        <div className="cf-muted cf-recovery__detail">
                          {entry.latest.reason === 'manual'
                            ? 'Backed up on demand'
                            : 'Backed up before a database update'}
                        </div>
                      </>
                    ) : (
                      <span className="cf-muted">No backup found</span>
                    )}
                  </td>
                  <td className="cf-row-actions">
                    {state.kind === 'restored' ? (
                      <span className="cf-recovery__done">Restored</span>
                    ) : state.kind === 'restoring' ? (
                      <span role="status">Restoring…</span>
                    ) : entry.latest ? (
                      <Button
                        disabled={busy}
                        aria-label={`Restore “${entry.title}” from its latest backup`}
                        onClick={() => startRestore([entry])}
                      >
                        Restore
                      </Button>
                    ) : null}
                    {state.kind === 'failed' ? (
                      <p role="alert" className="cf-field__error">
                        {state.message}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <div className="cf-recovery__actions">
        {allBack && storage ? (
          <>
            <p role="status" className="cf-recovery__done">
              Every missing case is back.
            </p>
            <Button variant="primary" onClick={() => onContinue(storage)}>
              Open Casefile
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="primary"
              disabled={busy || restorable.length === 0}
              onClick={() => startRestore(restorable)}
            >
              Restore all from the latest backups
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setConfirm('empty')}>
              Start with an empty database…
            </Button>
          </>
        )}
      </div>

      {confirm === 'empty' ? (
        <ConfirmDialog
          title="Start with an empty database?"
          confirmLabel="Start empty"
          onClose={() => setConfirm('none')}
          onConfirm={async () => {
            try {
              const target = await newDatabase();
              onContinue(target);
              return null;
            } catch (failure) {
              return failure instanceof Error ? failure.message : String(failure);
            }
          }}
        >
          <p>
            Casefile will open without the missing cases and stop asking about them. Their backups
            stay where they are: you can still restore them later under Backups.
          </p>
          {storage ? null : (
            <p>The damaged case database will be deleted and a new, empty one created.</p>
          )}
        </ConfirmDialog>
      ) : null}
      {confirm === 'replace-damaged' ? (
        <ConfirmDialog
          title="Replace the damaged database?"
          confirmLabel="Replace and restore"
          onClose={() => setConfirm('none')}
          onConfirm={async () => {
            try {
              const target = await newDatabase();
              setConfirm('none');
              void restore(target, pendingRestore);
              return null;
            } catch (failure) {
              return failure instanceof Error ? failure.message : String(failure);
            }
          }}
        >
          <p>
            The damaged case database cannot be read, so Casefile deletes it and creates a new one,
            then restores the cases into it from their backups.
          </p>
        </ConfirmDialog>
      ) : null}
    </main>
  );
}
