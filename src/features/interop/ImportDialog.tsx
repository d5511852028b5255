import { useEffect, useRef, useState } from 'react';
import type { Case, Entity } from '../../core';
import type { CaseJson } from '../../core/bundle/bundle';
import { csvField } from '../../core/interop/csv';
import { suggestMapping, validateCsvMapping } from '../../core/interop/csvImport';
import {
  CSV_ERROR_CODES,
  type CsvEncoding,
  type CsvImportKind,
  type CsvImportProgress,
  type CsvImportResult,
  type CsvMapping,
  type CsvSniff,
} from '../../core/interop/csvImportTypes';
import type { StixImport, StixImportProgress } from '../../core/interop/stixImport';
import type { TransferPlan } from '../../core/ports/transfer';
import { formatByteSize } from '../../shared/format';
import type { Result } from '../../shared/result';
import { sha256HexOfBytes } from '../../shared/sha256';
import { Banner, Button, Dialog } from '../../ui';
import { useServices } from '../services';
import { useStorage } from '../storage';
import { CsvMappingStep, EncodingSelect, type PreviewProblems } from './CsvMappingStep';
import { chooseImportFile, type ChosenImportFile } from './importFile';
import { IMPORT_CANCELLED_CODE, type ImportTarget } from './importer';
import { useInteropImporter } from './ImporterContext';
import { ImportPreview, NOT_IMPORTED_SHOWN, type ImportPreviewModel } from './ImportPreview';

/** Data rows of the CSV shown (and checked) in the mapping step. */
export const CSV_PREVIEW_ROWS = 10;

interface LoadedFile extends ChosenImportFile {
  readonly sha256: string;
}

/** Records ready to be planned and committed, with what the preview says about them. */
interface Prepared {
  readonly records: CaseJson;
  readonly originals: ReadonlyMap<string, Uint8Array>;
  readonly action: 'stix.imported' | 'csv.imported';
  readonly notImported: ImportPreviewModel['notImported'];
  readonly reusedNote: string | null;
  readonly notices: ImportPreviewModel['notices'];
  readonly detail: Readonly<Record<string, unknown>>;
}

interface Progress {
  readonly label: string;
  /** 0–1, or undefined while unknown. */
  readonly fraction: number | undefined;
}

interface CsvSetup {
  readonly sniff: CsvSniff | null;
  /** Why the file could not be read with this encoding (the encoding choice stays offered). */
  readonly sniffError: string | null;
  readonly encoding: CsvEncoding;
  readonly importKind: CsvImportKind;
  readonly mapping: CsvMapping | null;
  readonly ownExport: boolean;
}

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'csv' }
  | { readonly kind: 'running'; readonly progress: Progress }
  | { readonly kind: 'preview'; readonly prepared: Prepared; readonly plan: TransferPlan }
  | { readonly kind: 'committing'; readonly prepared: Prepared; readonly plan: TransferPlan }
  | { readonly kind: 'done'; readonly message: string };

interface Notice {
  readonly tone: 'info' | 'error';
  readonly message: string;
}

export interface ImportDialogProps {
  readonly current: Case;
  readonly readOnly: boolean;
  readonly onClose: () => void;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** A stored entity as case.json holds it (the list adds mention counts, which it does not). */
function entityRecord(entity: Entity & { mentionCount?: number; sourceCount?: number }): Entity {
  const record: Record<string, unknown> = { ...entity };
  delete record['mentionCount'];
  delete record['sourceCount'];
  return record as unknown as Entity;
}

/** The preview rows as a small UTF-8 CSV, so the real mapper says what it makes of each. */
function previewCsv(sniff: CsvSniff): Uint8Array {
  const lines = [sniff.columns.map((c) => c.name), ...sniff.preview.map((row) => row.cells)];
  return new TextEncoder().encode(lines.map((cells) => cells.map(csvField).join(',')).join('\r\n'));
}

function stixProgress(progress: StixImportProgress): Progress {
  const what = progress.stage === 'objects' ? 'Reading objects' : 'Linking claims';
  return {
    label: `${what}: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}`,
    fraction: progress.total > 0 ? progress.done / progress.total : undefined,
  };
}

function csvProgress(progress: CsvImportProgress): Progress {
  return {
    label: `${plural(progress.rowsRead, 'row', 'rows')} read`,
    fraction: progress.totalBytes > 0 ? progress.bytesRead / progress.totalBytes : undefined,
  };
}

function prepareStix(file: LoadedFile, imported: StixImport): Prepared {
  const { report } = imported;
  return {
    records: imported.records,
    originals: imported.originals,
    action: 'stix.imported',
    notImported: {
      heading: `Not imported: ${plural(report.skipped.length, 'object', 'objects')}`,
      total: report.skipped.length,
      items: report.skipped.slice(0, NOT_IMPORTED_SHOWN).map((s) => ({
        // An id names its type already; an object without one is `objects[i]`.
        where: s.stixId.startsWith(`${s.type}--`) ? s.stixId : `${s.type} ${s.stixId}`,
        reason: s.reason,
      })),
    },
    reusedNote:
      report.reusedEntities > 0
        ? `${plural(report.reusedEntities, 'entity is', 'entities are')} already in the case and will be reused, not added again.`
        : null,
    notices: {
      total: report.notices.length,
      items: report.notices
        .slice(0, NOT_IMPORTED_SHOWN)
        .map((n) => ({ where: n.stixId, reason: n.message })),
    },
    detail: {
      format: 'stix',
      fileName: file.name,
      sha256: file.sha256,
      counts: { ...report.imported, reusedEntities: report.reusedEntities },
      skipped: report.skipped.length,
      notices: report.notices.length,
    },
  };
}

function prepareCsv(file: LoadedFile, setup: CsvSetup, imported: CsvImportResult): Prepared {
  const { report } = imported;
  return {
    records: imported.records,
    originals: new Map(),
    action: 'csv.imported',
    notImported: {
      heading: `Not imported: ${plural(report.rowsSkipped, 'row', 'rows')}`,
      total: report.problemCount,
      items: report.problems.slice(0, NOT_IMPORTED_SHOWN).map((p) => ({
        where: p.row === 0 ? 'File' : `Row ${p.row}${p.column ? `, ${p.column}` : ''}`,
        reason: p.message,
      })),
    },
    reusedNote:
      report.reusedEntities > 0
        ? `${plural(report.reusedEntities, 'row or claim end matches', 'rows or claim ends match')} an entity already in the case (or an earlier row): no entity is added twice.`
        : null,
    notices: { total: 0, items: [] },
    detail: {
      format: 'csv',
      kind: setup.importKind,
      encoding: setup.encoding,
      fileName: file.name,
      sha256: file.sha256,
      counts: { ...report.imported, reusedEntities: report.reusedEntities },
      rowsRead: report.rowsRead,
      rowsSkipped: report.rowsSkipped,
    },
  };
}

const KIND_LABELS = [
  ['entities', 'Entities'],
  ['claims', 'Claims'],
  ['sources', 'Sources'],
  ['passages', 'Evidence passages'],
] as const;

function previewModel(
  file: LoadedFile,
  prepared: Prepared,
  plan: TransferPlan,
): ImportPreviewModel {
  return {
    fileName: file.name,
    toAdd: KIND_LABELS.map(([kind, label]) => ({ label, count: plan.counts[kind].added })).filter(
      (row) => row.count > 0,
    ),
    reusedNote: prepared.reusedNote,
    notImported: prepared.notImported,
    notices: prepared.notices,
    whereIsId: prepared.action === 'stix.imported',
  };
}

function importedMessage(file: LoadedFile, plan: TransferPlan): string {
  const parts = KIND_LABELS.flatMap(([kind, label]) => {
    const count = plan.counts[kind].added;
    return count > 0 ? [`${count.toLocaleString('en')} ${label.toLowerCase()}`] : [];
  });
  return parts.length > 0
    ? `Imported ${parts.join(', ')} from ${file.name}.`
    : `Nothing new in ${file.name}: the case already had all of it.`;
}

/**
 * "Import STIX or CSV…": one file, read in the import worker; a CSV goes through a column mapping
 * step. The preview says what would be added and what not; Import writes it into this case in one
 * transaction (storage.transfer), recorded in the audit trail, or writes nothing.
 */
export function ImportDialog({ current, readOnly, onClose }: ImportDialogProps) {
  const { storage, changed } = useStorage();
  const { host } = useServices();
  const importer = useInteropImporter();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [csv, setCsv] = useState<CsvSetup | null>(null);
  /** The preview rows' problems, for the mapping and rows they were checked with. */
  const [previewChecked, setPreviewChecked] = useState<{
    readonly mapping: CsvMapping;
    readonly sniff: CsvSniff;
    readonly problems: PreviewProblems;
  } | null>(null);
  const running = useRef<AbortController | null>(null);
  /** The target the preview rows are checked against, read once per file (a full run reads afresh). */
  const previewTarget = useRef<Promise<ImportTarget | null> | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      running.current?.abort();
    };
  }, []);

  /** The case as stored now and its live entities: what the parsers match against. */
  async function loadTarget(): Promise<ImportTarget | null> {
    const [caseRecord, entities] = await Promise.all([
      storage.cases.get(current.id),
      storage.entities.list(current.id),
    ]);
    if (!caseRecord) {
      setNotice({ tone: 'error', message: 'This case no longer exists.' });
      return null;
    }
    return {
      caseRecord,
      existingEntities: entities.map(entityRecord),
      now: new Date().toISOString(),
    };
  }

  const mappingProblem = (() => {
    if (!csv?.sniff || !csv.mapping) return null;
    const checked = validateCsvMapping(csv.mapping, csv.sniff.columns);
    return checked.ok ? null : checked.error.message;
  })();

  // Maps the preview rows with the current mapping, so each shows its problems.
  const previewMapping = csv?.sniff && csv.mapping && !mappingProblem ? csv.mapping : null;
  const previewSniff = csv?.sniff ?? null;
  useEffect(() => {
    if (!previewMapping || !previewSniff) return;
    let fresh = true;
    const checked = (problems: PreviewProblems) =>
      setPreviewChecked({ mapping: previewMapping, sniff: previewSniff, problems });
    void (async () => {
      previewTarget.current ??= loadTarget();
      const target = await previewTarget.current;
      if (!target || !fresh) return;
      const mapped = await importer.mapCsv(
        previewCsv(previewSniff),
        { mapping: previewMapping, encoding: 'utf-8', delimiter: ',' },
        target,
      );
      if (!fresh || !live.current) return;
      if (!mapped.ok) {
        checked({ kind: 'failed', message: mapped.error.message });
        return;
      }
      // The small file's rows are 2, 3, …; the real file's may skip numbers (blank lines).
      const byRow = new Map<number, string[]>();
      for (const problem of mapped.value.report.problems) {
        const row = previewSniff.preview[problem.row - 2]?.row;
        if (row === undefined) continue;
        const message = problem.column ? `${problem.column}: ${problem.message}` : problem.message;
        byRow.set(row, [...(byRow.get(row) ?? []), message]);
      }
      checked({ kind: 'checked', byRow });
    })();
    return () => {
      fresh = false;
    };
    // loadTarget is read once per file (previewTarget); the mapping and rows are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewMapping, previewSniff, importer]);
  const previewProblems: PreviewProblems =
    previewChecked?.mapping === previewMapping && previewChecked.sniff === previewSniff
      ? previewChecked.problems
      : { kind: 'checking' };

  /** Where to go back to when reading or planning fails: the mapping for a CSV, else the start. */
  function backFrom(kind: ChosenImportFile['kind']): Step {
    return kind === 'csv' ? { kind: 'csv' } : { kind: 'choose' };
  }

  function fail(message: string, back: Step): void {
    setNotice({ tone: 'error', message });
    setStep(back);
  }

  async function plan(loaded: LoadedFile, prepared: Prepared): Promise<void> {
    const planned = await storage.transfer.plan(prepared.records, prepared.originals);
    if (!live.current) return;
    const back = backFrom(loaded.kind);
    if (!planned.ok) {
      fail(`${loaded.name} could not be imported: ${planned.error.message}`, back);
      return;
    }
    if (planned.value.mode !== 'merge' || planned.value.conflicts.length > 0) {
      fail(
        `${loaded.name} would change ${plural(planned.value.conflicts.length, 'record', 'records')} already in the case; imports only add. Nothing was written.`,
        back,
      );
      return;
    }
    setStep({ kind: 'preview', prepared, plan: planned.value });
  }

  async function afterRun<T>(
    loaded: LoadedFile,
    result: Result<T>,
    then: (value: T) => Prepared,
  ): Promise<void> {
    running.current = null;
    if (!live.current) return;
    if (!result.ok) {
      const cancelled =
        result.error.code === IMPORT_CANCELLED_CODE ||
        result.error.code === CSV_ERROR_CODES.aborted;
      if (cancelled) {
        setNotice({ tone: 'info', message: 'Cancelled. Nothing was written.' });
        setStep(backFrom(loaded.kind));
      } else {
        fail(
          `${loaded.name} could not be imported: ${result.error.message} Nothing was written.`,
          backFrom(loaded.kind),
        );
      }
      return;
    }
    await plan(loaded, then(result.value));
  }

  async function runStix(loaded: LoadedFile): Promise<void> {
    const target = await loadTarget();
    if (!target) return;
    const controller = new AbortController();
    running.current = controller;
    setStep({ kind: 'running', progress: { label: 'Reading the bundle…', fraction: undefined } });
    const result = await importer.importStix(
      loaded.bytes,
      target,
      (progress) => live.current && setStep({ kind: 'running', progress: stixProgress(progress) }),
      controller.signal,
    );
    await afterRun(loaded, result, (value) => prepareStix(loaded, value));
  }

  async function runCsv(): Promise<void> {
    if (!file || !csv?.sniff || !csv.mapping) return;
    setNotice(null);
    const target = await loadTarget();
    if (!target) return;
    const controller = new AbortController();
    running.current = controller;
    setStep({ kind: 'running', progress: { label: 'Reading rows…', fraction: 0 } });
    const setup = csv;
    const result = await importer.mapCsv(
      file.bytes,
      { mapping: csv.mapping, encoding: csv.encoding, delimiter: csv.sniff.delimiter },
      target,
      (progress) => live.current && setStep({ kind: 'running', progress: csvProgress(progress) }),
      controller.signal,
    );
    await afterRun(file, result, (value) => prepareCsv(file, setup, value));
  }

  async function sniff(loaded: LoadedFile, encoding: CsvEncoding, importKind: CsvImportKind) {
    setStep({ kind: 'reading' });
    const sniffed = await importer.sniffCsv(loaded.bytes, {
      encoding,
      previewRows: CSV_PREVIEW_ROWS,
    });
    if (!live.current) return;
    if (!sniffed.ok) {
      const encodingProblem =
        sniffed.error.code === CSV_ERROR_CODES.notUtf8 ||
        sniffed.error.code === CSV_ERROR_CODES.mixedEncoding;
      if (!encodingProblem) {
        setCsv(null);
        fail(`${loaded.name} could not be read: ${sniffed.error.message}`, { kind: 'choose' });
        return;
      }
      setCsv({
        sniff: null,
        sniffError: sniffed.error.message,
        encoding,
        importKind,
        mapping: null,
        ownExport: false,
      });
      setStep({ kind: 'csv' });
      return;
    }
    const suggestion = suggestMapping(sniffed.value.columns, importKind);
    setCsv({
      sniff: sniffed.value,
      sniffError: null,
      encoding,
      importKind,
      mapping: suggestion.mapping,
      ownExport: suggestion.ownExport,
    });
    setStep({ kind: 'csv' });
  }

  async function chooseFile(): Promise<void> {
    setNotice(null);
    const chosen = await chooseImportFile(host);
    if (!live.current) return;
    if (!chosen.ok) {
      setNotice({ tone: 'error', message: chosen.error.message });
      return;
    }
    if (!chosen.value) return;
    setStep({ kind: 'reading' });
    const loaded = { ...chosen.value, sha256: await sha256HexOfBytes(chosen.value.bytes) };
    setFile(loaded);
    setCsv(null);
    previewTarget.current = null;
    if (loaded.kind === 'stix') await runStix(loaded);
    else await sniff(loaded, 'utf-8', 'entities');
  }

  function changeKind(importKind: CsvImportKind): void {
    if (!csv?.sniff) return;
    const suggestion = suggestMapping(csv.sniff.columns, importKind);
    setCsv({ ...csv, importKind, mapping: suggestion.mapping, ownExport: suggestion.ownExport });
  }

  async function commit(prepared: Prepared, planned: TransferPlan): Promise<void> {
    if (!file) return;
    setNotice(null);
    setStep({ kind: 'committing', prepared, plan: planned });
    const outcome = await storage.transfer.commit(prepared.records, prepared.originals, planned, {
      target: 'merge',
      resolutions: {},
      audit: { action: prepared.action, subject: file.name, detail: prepared.detail },
    });
    if (!live.current) return;
    if (!outcome.ok) {
      setNotice({ tone: 'error', message: `${outcome.error.message} Nothing was written.` });
      // A stale plan (the case changed meanwhile) is planned again; anything else stays as it is.
      if (outcome.error.code === 'transfer.stale') await plan(file, prepared);
      else setStep({ kind: 'preview', prepared, plan: planned });
      return;
    }
    changed();
    setStep({ kind: 'done', message: importedMessage(file, planned) });
  }

  const busy = step.kind === 'reading' || step.kind === 'running' || step.kind === 'committing';

  // A step's controls replace the last one's: focus must not fall out of the dialog with them.
  const anchor = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const panel = anchor.current?.closest<HTMLElement>('[role="dialog"]');
    if (!panel || panel.contains(document.activeElement)) return;
    panel
      .querySelector<HTMLElement>(
        'select:not([disabled]), input:not([disabled]), button:not([disabled])',
      )
      ?.focus();
  }, [step.kind]);

  function footer() {
    const close = (
      <Button onClick={onClose} disabled={step.kind === 'committing'}>
        {step.kind === 'done' ? 'Close' : 'Cancel'}
      </Button>
    );
    switch (step.kind) {
      case 'choose':
        return (
          <>
            {close}
            <Button variant="primary" disabled={readOnly} onClick={() => void chooseFile()}>
              Choose file…
            </Button>
          </>
        );
      case 'csv':
        return (
          <>
            {close}
            <Button onClick={() => void chooseFile()}>Choose another file…</Button>
            <Button
              variant="primary"
              disabled={readOnly || !csv?.mapping || mappingProblem !== null}
              onClick={() => void runCsv()}
            >
              Read all rows
            </Button>
          </>
        );
      case 'running':
        return <Button onClick={() => running.current?.abort()}>Cancel</Button>;
      case 'preview':
        return (
          <>
            {close}
            {csv?.sniff ? (
              <Button onClick={() => setStep({ kind: 'csv' })}>Back to columns</Button>
            ) : null}
            <Button
              variant="primary"
              disabled={readOnly}
              onClick={() => void commit(step.prepared, step.plan)}
            >
              Import
            </Button>
          </>
        );
      case 'committing':
        return (
          <Button variant="primary" disabled>
            Importing…
          </Button>
        );
      default:
        return close;
    }
  }

  return (
    <Dialog
      title="Import STIX or CSV"
      onClose={busy ? () => running.current?.abort() : onClose}
      className="cf-import-dialog"
      footer={footer()}
    >
      <span ref={anchor} hidden />
      {readOnly ? (
        <Banner tone="warning">Storage is read-only: nothing can be imported.</Banner>
      ) : null}
      {file && step.kind !== 'choose' ? (
        <p className="cf-import-file">
          <span className="cf-import-file__name">{file.name}</span>{' '}
          <span className="cf-muted">
            {formatByteSize(file.bytes.byteLength)},{' '}
            {file.kind === 'stix' ? 'read as a STIX bundle' : 'read as CSV'}
          </span>
        </p>
      ) : null}
      {notice ? <Banner tone={notice.tone}>{notice.message}</Banner> : null}
      {step.kind === 'choose' ? (
        <div className="cf-import-intro">
          <p>
            Adds entities and claims from another tool to <strong>{current.title}</strong>:
          </p>
          <ul>
            <li>a STIX 2.1 bundle (.json) from OpenCTI, MISP or a Casefile export;</li>
            <li>a CSV file of entities or of claims, with a step to match its columns.</li>
          </ul>
          <p className="cf-muted">
            You see what would be added before anything is written; nothing already in the case is
            changed.
          </p>
        </div>
      ) : null}
      {step.kind === 'reading' ? <p role="status">Reading {file?.name ?? 'the file'}…</p> : null}
      {step.kind === 'csv' && csv && file ? (
        csv.sniff && csv.mapping ? (
          <CsvMappingStep
            sniff={csv.sniff}
            encoding={csv.encoding}
            onEncodingChange={(encoding) => void sniff(file, encoding, csv.importKind)}
            kind={csv.importKind}
            onKindChange={changeKind}
            mapping={csv.mapping}
            onMappingChange={(mapping) => setCsv({ ...csv, mapping })}
            mappingProblem={mappingProblem}
            ownExport={csv.ownExport}
            previewProblems={previewProblems}
            disabled={busy}
          />
        ) : (
          <div className="cf-import-csv">
            <Banner tone="error">{csv.sniffError}</Banner>
            <EncodingSelect
              encoding={csv.encoding}
              onChange={(encoding) => void sniff(file, encoding, csv.importKind)}
              disabled={busy}
            />
          </div>
        )
      ) : null}
      {step.kind === 'running' ? (
        <div className="cf-import-progress">
          <progress
            aria-label="Import progress"
            max={1}
            {...(step.progress.fraction === undefined ? {} : { value: step.progress.fraction })}
          />
          <p role="status">{step.progress.label}</p>
        </div>
      ) : null}
      {(step.kind === 'preview' || step.kind === 'committing') && file ? (
        <ImportPreview model={previewModel(file, step.prepared, step.plan)} />
      ) : null}
      {step.kind === 'done' ? <Banner tone="info">{step.message}</Banner> : null}
    </Dialog>
  );
}
