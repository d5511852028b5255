import { formatTimestamp } from '../../shared/format';
import { useCallback, useEffect, useState } from 'react';
import type { CaseId } from '../../core';
import { backUpCases, restoreBackup, type BackupSummary, type CaseBackupResult } from '../../db';
import { formatByteSize } from '../../shared/format';
import { Banner, Button, ConfirmDialog, EmptyState } from '../../ui';
import { bundleFileName, savableBytes, useKeyring } from '../bundles';
import { useServices } from '../services';
import { useStorage, useStorageQuery } from '../storage';
import { useViewTasks } from '../tasks';
import { useBackupStore } from './BackupsContext';

type Status =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'working';
      readonly message: string;
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'info'; readonly message: string; readonly openCaseId?: CaseId }
  | { readonly kind: 'error'; readonly message: string };

type OpenDialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'restore'; readonly backup: BackupSummary; readonly caseExists: boolean }
  | { readonly kind: 'delete'; readonly backup: BackupSummary };

export interface BackupsAreaProps {
  readonly readOnly: boolean;
  readonly onOpenCase: (caseId: CaseId) => void;
}

function whenOf(backup: BackupSummary): string {
  return formatTimestamp(backup.createdAt);
}

function reasonOf(backup: BackupSummary): string {
  return backup.reason === 'manual'
    ? 'On demand'
    : `Before a database update (from schema ${backup.schemaVersion})`;
}

function summaryOf(results: readonly CaseBackupResult[]): Status {
  const failed = results.filter((result) => !result.ok);
  if (results.length === 0) return { kind: 'info', message: 'There are no cases to back up.' };
  if (failed.length === 0) {
    return {
      kind: 'info',
      message: `Backed up ${results.length} ${results.length === 1 ? 'case' : 'cases'}.`,
    };
  }
  const reasons = failed.map((result) =>
    result.ok ? '' : `“${result.caseTitle}”: ${result.error.message}`,
  );
  return {
    kind: 'error',
    message: `Backed up ${results.length - failed.length} of ${results.length} cases. ${reasons.join(' ')}`,
  };
}

/**
 * "Backups" (`#/backups`): encrypted copies of every case kept on this computer, made on demand
 * and before each database update; restore one (over the case, or as the case again if it was
 * deleted), save a copy as a .casefile bundle, or delete it.
 */
export function BackupsArea({ readOnly, onOpenCase }: BackupsAreaProps) {
  const store = useBackupStore();
  const { storage, revision, changed } = useStorage();
  const { host } = useServices();
  const { state, worker } = useKeyring();
  const identity = state.status === 'ready' ? state.identity : undefined;
  const cases = useStorageQuery((s) => s.cases.list(), []);
  const [backups, setBackups] = useState<readonly BackupSummary[] | undefined>(undefined);
  const [listError, setListError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const working = status.kind === 'working';
  // The area shows the progress; a toast follows the backups if the investigator leaves it.
  const startTask = useViewTasks();

  const reload = useCallback(() => {
    void store.list().then(
      (listed) => {
        setBackups(listed);
        setListError(undefined);
      },
      (error: unknown) => setListError(`The backups cannot be read: ${String(error)}`),
    );
  }, [store]);
  useEffect(reload, [reload, revision]);

  async function backUpAll() {
    const task = startTask({ title: 'Backing up all cases' });
    setStatus({ kind: 'working', message: 'Reading the cases…', done: 0, total: 0 });
    const info = await host.appInfo();
    const app = info.ok
      ? { name: info.value.name, version: info.value.version }
      : { name: 'Casefile', version: 'unknown' };
    const results = await backUpCases(
      { cases: storage.cases, transfer: storage.transfer, schemaVersion: storage.db.verno },
      store,
      {
        reason: 'manual',
        app,
        // Encrypting runs in the bundle worker, so the window stays responsive.
        write: (input) => worker.write(input),
        extraRecipients: identity
          ? [{ recipient: identity.ageRecipient, name: identity.name }]
          : [],
        onProgress: (progress) => {
          const message =
            progress.caseTitle === undefined
              ? 'Finishing…'
              : `Backing up “${progress.caseTitle}” (${progress.done + 1} of ${progress.total})…`;
          setStatus({ kind: 'working', message, done: progress.done, total: progress.total });
          task.progress(progress.done, progress.total, message);
        },
      },
    );
    const summary: Status = results.ok
      ? summaryOf(results.value)
      : { kind: 'error', message: results.error.message };
    setStatus(summary);
    if (summary.kind === 'error') task.fail('Backup failed', summary.message);
    else if (summary.kind === 'info') task.succeed(summary.message);
    reload();
  }

  async function saveCopy(backup: BackupSummary) {
    setStatus({ kind: 'idle' });
    const read = await store.get(backup.id);
    if (!read.ok) return setStatus({ kind: 'error', message: read.error.message });
    const day = backup.createdAt.slice(0, 10);
    const saved = await host.saveFile({
      suggestedName: bundleFileName(`${backup.caseTitle} backup ${day}`),
      bytes: savableBytes(read.value.bytes),
      filters: [{ name: 'Casefile bundle', extensions: ['casefile'] }],
    });
    if (!saved.ok) return setStatus({ kind: 'error', message: saved.error.message });
    if (saved.value.canceled) return setStatus({ kind: 'info', message: 'Not saved: cancelled.' });
    const others = backup.recipientNames.slice(1);
    const opensWith =
      others.length > 0
        ? `It opens with the identity of ${others.join(', ')} (Import bundle…), or restored here.`
        : 'It was encrypted only to this installation’s backup key, so it opens only here.';
    setStatus({
      kind: 'info',
      message: `Saved as ${saved.value.fileName ?? 'a .casefile file'}. ${opensWith}`,
    });
  }

  async function restore(backup: BackupSummary, caseExists: boolean): Promise<string | null> {
    const outcome = await restoreBackup(storage, store, backup.id, {
      target: caseExists ? 'replace' : 'new-case',
      read: (bytes, identity) => worker.read(bytes, { identities: [identity] }, {}),
    });
    if (!outcome.ok) return outcome.error.message;
    setDialog({ kind: 'none' });
    setStatus({
      kind: 'info',
      message: `Restored “${backup.caseTitle}” as it was on ${whenOf(backup)}.`,
      openCaseId: outcome.value.caseId,
    });
    changed();
    return null;
  }

  /** Whether the case is still there decides replace or new case; asked now, not from the list. */
  async function askToRestore(backup: BackupSummary) {
    const stored = await storage.cases.get(backup.caseId);
    setDialog({ kind: 'restore', backup, caseExists: stored !== undefined });
  }

  async function remove(backup: BackupSummary): Promise<string | null> {
    const removed = await store.remove(backup.id);
    if (!removed.ok) return removed.error.message;
    setDialog({ kind: 'none' });
    setStatus({
      kind: 'info',
      message: `Deleted the backup of “${backup.caseTitle}” from ${whenOf(backup)}.`,
    });
    reload();
    return null;
  }

  const liveCaseIds = new Set<string>(
    cases.status === 'ready' ? cases.value.map((entry) => entry.id) : [],
  );

  return (
    <section className="cf-page cf-backups" aria-labelledby="backups-heading">
      <header className="cf-page__header">
        <h1 id="backups-heading">Backups</h1>
        <div className="cf-page__actions">
          <Button variant="primary" disabled={working} onClick={() => void backUpAll()}>
            Back up all cases now
          </Button>
        </div>
      </header>
      <p className="cf-muted cf-backups__intro">
        Encrypted copies of your cases kept on this computer, made when you ask and before every
        update of the case database. The newest five of each case and the last three updates are
        kept.{' '}
        {identity
          ? `They are encrypted to this installation and to your identity (${identity.name}).`
          : 'They are encrypted to this installation; create an identity to open saved copies elsewhere.'}
      </p>
      {status.kind === 'working' ? (
        <div role="status" className="cf-backups__progress">
          <span>{status.message}</span>
          <progress
            aria-label="Backup progress"
            max={Math.max(status.total, 1)}
            value={status.done}
          />
        </div>
      ) : null}
      {status.kind === 'info' ? (
        <Banner tone="info">
          {status.message}{' '}
          {status.openCaseId ? (
            <Button variant="ghost" onClick={() => onOpenCase(status.openCaseId!)}>
              Open the case
            </Button>
          ) : null}
        </Banner>
      ) : null}
      {status.kind === 'error' ? <Banner tone="error">{status.message}</Banner> : null}

      {listError ? <Banner tone="error">{listError}</Banner> : null}
      {backups === undefined ? (
        listError ? null : (
          <p role="status">Loading backups…</p>
        )
      ) : backups.length === 0 ? (
        <EmptyState title="No backups yet.">
          <p>
            Choose “Back up all cases now” to keep a copy of every case here; one is also made
            before each update of the case database.
          </p>
        </EmptyState>
      ) : (
        <table className="cf-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Made</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="cf-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => {
              const caseExists = liveCaseIds.has(backup.caseId);
              const label = `${backup.caseTitle}, ${whenOf(backup)}`;
              return (
                <tr key={backup.id}>
                  <td>
                    {backup.caseTitle}
                    {caseExists ? null : <span className="cf-muted"> (deleted)</span>}
                  </td>
                  <td>
                    <time dateTime={backup.createdAt}>{whenOf(backup)}</time>
                  </td>
                  <td>
                    {reasonOf(backup)}
                    {backup.storedIn?.length === 1 && backup.storedIn[0] === 'file' ? (
                      <span className="cf-muted"> (only the file copy is left)</span>
                    ) : null}
                  </td>
                  <td>{formatByteSize(backup.size)}</td>
                  <td className="cf-row-actions">
                    <Button
                      variant="ghost"
                      disabled={readOnly || working}
                      aria-label={`Restore ${label}`}
                      onClick={() => void askToRestore(backup)}
                    >
                      Restore…
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={working}
                      aria-label={`Save a copy of ${label}`}
                      onClick={() => void saveCopy(backup)}
                    >
                      Save a copy…
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={working}
                      aria-label={`Delete ${label}`}
                      onClick={() => setDialog({ kind: 'delete', backup })}
                    >
                      Delete…
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {dialog.kind === 'restore' ? (
        <ConfirmDialog
          title={`Restore “${dialog.backup.caseTitle}”?`}
          confirmLabel={dialog.caseExists ? 'Replace the case' : 'Restore the case'}
          onClose={() => setDialog({ kind: 'none' })}
          onConfirm={() => restore(dialog.backup, dialog.caseExists)}
        >
          {dialog.caseExists ? (
            <p>
              The case as it is now is <strong>replaced</strong> by this backup from{' '}
              {whenOf(dialog.backup)}: everything added or changed since then is lost. Back up all
              cases first if you may want today’s state back. The restore is recorded in the case’s
              audit trail.
            </p>
          ) : (
            <p>
              This case is no longer in the database. It comes back as it was on{' '}
              {whenOf(dialog.backup)}, with its audit trail.
            </p>
          )}
        </ConfirmDialog>
      ) : null}
      {dialog.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete this backup?"
          confirmLabel="Delete backup"
          onClose={() => setDialog({ kind: 'none' })}
          onConfirm={() => remove(dialog.backup)}
        >
          <p>
            The backup of “{dialog.backup.caseTitle}” from {whenOf(dialog.backup)} is deleted from
            this computer. The case itself is not touched.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
