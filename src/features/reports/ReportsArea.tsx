import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { noteReferences, type Case, type NoteId } from '../../core';
import { defaultReportOptions } from '../../core/report/options';
import type {
  ReportFormat,
  ReportInput,
  ReportOptions,
  ReportProgress,
} from '../../core/report/types';
import { sha256HexOfBytes } from '../../shared/sha256';
import { Banner, Button, ResizeHandle, useResizablePane } from '../../ui';
import { useServices } from '../services';
import { useStorage, useStorageQuery } from '../storage';
import { useViewTasks, type TaskHandle } from '../tasks';
import { drawReportCharts } from './chartImages';
import { gatherReport, type GatheredReport } from './gather';
import { ReportBuilder, type CitedSets, type ReportCatalog } from './ReportBuilder';
import { ReportPreview, type PreviewState } from './ReportPreview';
import { registerReportExport } from './reportExport';

/** Wait after the last change before the preview is generated again. */
export const PREVIEW_DELAY_MS = 600;

const EXPORTS: readonly {
  readonly format: ReportFormat;
  readonly label: string;
  readonly filter: { readonly name: string; readonly extensions: string[] };
}[] = [
  { format: 'html', label: 'Save HTML', filter: { name: 'Web page', extensions: ['html'] } },
  { format: 'pdf', label: 'Save PDF', filter: { name: 'PDF document', extensions: ['pdf'] } },
  { format: 'docx', label: 'Save Word', filter: { name: 'Word document', extensions: ['docx'] } },
  {
    format: 'markdown',
    label: 'Save Markdown',
    filter: { name: 'Markdown', extensions: ['md'] },
  },
];

const FORMAT_NAMES: Readonly<Record<ReportFormat, string>> = {
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word',
  markdown: 'Markdown',
};

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly format: ReportFormat; readonly progress?: ReportProgress }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface ReportsAreaProps {
  readonly current: Case;
  readonly readOnly: boolean;
}

function citedBy(gathered: GatheredReport, options: ReportOptions | undefined): CitedSets {
  const refs = gathered.note ? noteReferences(gathered.note.document) : undefined;
  const chosen = new Set<string>(options?.claimIds ?? []);
  const claims = gathered.claims.filter((c) => chosen.has(c.id));
  const entityIds = new Set<string>(refs?.entityIds ?? []);
  for (const claim of claims) {
    entityIds.add(claim.subjectId);
    if (claim.object.kind === 'entity') entityIds.add(claim.object.entityId);
  }
  const passageSource = new Map(gathered.passages.map((p) => [p.id as string, p.sourceId]));
  const sourceIds = new Set<string>();
  for (const id of [...(refs?.passageIds ?? []), ...claims.flatMap((c) => c.evidence)]) {
    const sourceId = passageSource.get(id);
    if (sourceId) sourceIds.add(sourceId);
  }
  return {
    claimIds: refs?.claimIds ?? [],
    entityIds: [...entityIds],
    sourceIds: [...sourceIds],
  };
}

/**
 * The report for the preview frame. A srcdoc frame inherits the app's Content-Security-Policy,
 * which allows the report's fixed stylesheet but not its per-report print rule (the marking in
 * the page margins, `reportPageCss`): that rule only matters on paper, so the preview leaves it
 * out rather than have the browser block (and log) it. The rule cannot hold "<": the marking is
 * escaped in it.
 */
function forPreview(html: string): string {
  return html.replace(/<style>@page\{[^<]*<\/style>/, '');
}

/** The records read match the options: the chosen narrative note is the one gathered. */
function inSync(gathered: GatheredReport, options: ReportOptions): boolean {
  return (options.narrativeNoteId ?? undefined) === gathered.note?.id;
}

/** Turns a progress report into a 0–100 figure for the progress bar. */
function percent(progress: ReportProgress | undefined): number {
  if (!progress || progress.total <= 0) return 0;
  const fraction = Math.min(1, progress.done / progress.total);
  // Building is the first half of the work, rendering the second.
  return Math.round((progress.stage === 'build' ? fraction * 50 : 50 + fraction * 50) * 1);
}

function ProgressBar({ label, progress }: { label: string; progress?: ReportProgress }) {
  const value = percent(progress);
  return (
    <div
      className="cf-report-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="cf-report-progress__bar" style={{ width: `${value}%` }} />
    </div>
  );
}

/**
 * The Reports area: the builder's options, a live preview (generated in the report worker and
 * shown only inside a sandboxed frame), and exports to HTML, PDF, Word and Markdown.
 */
export function ReportsArea({ current, readOnly }: ReportsAreaProps) {
  const { storage, revision } = useStorage();
  const { host, reports } = useServices();
  const [exportBar, setExportBar] = useState<HTMLElement | null>(null);
  const notes = useStorageQuery((s) => s.notes.list(current.id), [current.id]);
  const optionsPane = useResizablePane({
    caseId: current.id,
    pane: 'reports.options',
    defaultSize: 384,
    min: 288,
    max: 640,
  });
  const [noteId, setNoteId] = useState<NoteId | undefined>(undefined);
  const [gathered, setGathered] = useState<GatheredReport | undefined>(undefined);
  const [gatherError, setGatherError] = useState<string | undefined>(undefined);
  const [options, setOptions] = useState<ReportOptions | undefined>(undefined);
  /** The investigator changed a checklist: the defaults no longer follow the narrative. */
  const edited = useRef(false);
  const [generator, setGenerator] = useState('Casefile');
  const [preview, setPreview] = useState<PreviewState>({ notices: [], working: false });
  const [status, setAreaStatus] = useState<Status>({ kind: 'idle' });
  // Desktop only: the browser's print dialog decides for itself whether to tag.
  const [taggedPdf, setTaggedPdf] = useState(false);
  const exportAbort = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    void host.appInfo().then((info) => {
      if (live && info.ok) setGenerator(`${info.value.name} ${info.value.version}`);
    });
    return () => {
      live = false;
    };
  }, [host]);

  // Read the case's records (again after any write, or when the narrative changes).
  useEffect(() => {
    let live = true;
    gatherReport(storage, current, noteId).then(
      (result) => {
        if (!live) return;
        if (!result.ok) {
          setGatherError(result.error.message);
          return;
        }
        setGatherError(undefined);
        setGathered(result.value);
        // Defaults follow the data and the narrative until the investigator edits a checklist;
        // the title, author and marking typed so far are kept.
        if (edited.current) return;
        const defaults = defaultReportOptions(
          {
            ...result.value,
            chartImages: [],
            generatedAt: new Date().toISOString(),
            generator: '',
          },
          noteId,
        );
        setOptions((previous) =>
          previous
            ? {
                ...defaults,
                title: previous.title,
                author: previous.author,
                marking: previous.marking,
              }
            : defaults,
        );
      },
      (error: unknown) => {
        if (live) setGatherError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
    };
  }, [storage, revision, current, noteId]);

  const inputFor = useCallback(
    async (
      records: GatheredReport,
      chosen: ReportOptions,
      signal: AbortSignal,
    ): Promise<ReportInput> => {
      const base = {
        ...records,
        chartImages: [],
        generatedAt: new Date().toISOString(),
        generator,
      };
      const chartImages = await drawReportCharts(reports, base, chosen, signal);
      return { ...base, chartImages };
    },
    [generator, reports],
  );

  // The preview: generated again a moment after the last change; a newer one cancels an older.
  useEffect(() => {
    // A narrative just chosen is still being read: wait for it rather than fail validation.
    if (!gathered || !options || !inSync(gathered, options)) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setPreview((p) => ({ ...p, working: true, progress: undefined }));
      void (async () => {
        const input = await inputFor(gathered, options, abort.signal);
        if (abort.signal.aborted) return;
        const result = await reports.generate(
          input,
          options,
          'html',
          (progress) => {
            if (!abort.signal.aborted) setPreview((p) => ({ ...p, progress }));
          },
          abort.signal,
        );
        if (abort.signal.aborted) return;
        setPreview((p) =>
          result.ok
            ? {
                html: forPreview(new TextDecoder().decode(result.value.file.bytes)),
                notices: result.value.notices,
                working: false,
              }
            : { ...p, error: result.error.message, working: false },
        );
      })().catch((error: unknown) => {
        if (!abort.signal.aborted) {
          const message = error instanceof Error ? error.message : String(error);
          setPreview((p) => ({ ...p, error: message, working: false }));
        }
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [gathered, options, inputFor, reports]);

  // An export goes on when the area closes: its toast shows progress, Cancel and where it saved.
  const startTask = useViewTasks();

  // Stable, so the builder (thousands of rows in a large case) re-renders only when its own
  // inputs change, not on every progress message of an export.
  const changeDetails = useCallback(
    (changes: Partial<ReportOptions>) => setOptions((o) => (o ? { ...o, ...changes } : o)),
    [],
  );
  const changeNarrative = useCallback((id: NoteId | undefined) => {
    setNoteId(id);
    setOptions((o) => {
      if (!o) return o;
      const { narrativeNoteId: _old, ...rest } = o;
      return id ? { ...rest, narrativeNoteId: id } : rest;
    });
  }, []);
  const changeSelection = useCallback((changes: Partial<ReportOptions>) => {
    edited.current = true;
    setOptions((o) => (o ? { ...o, ...changes } : o));
  }, []);

  const catalog: ReportCatalog | undefined = useMemo(
    () =>
      gathered && notes.status === 'ready'
        ? {
            claims: gathered.claims,
            entities: gathered.entities,
            sources: gathered.sources,
            charts: gathered.charts,
            notes: notes.value,
          }
        : undefined,
    [gathered, notes],
  );
  const cited = useMemo(
    () => (gathered ? citedBy(gathered, options) : { claimIds: [], entityIds: [], sourceIds: [] }),
    [gathered, options],
  );

  async function exportAs(format: ReportFormat, filter: (typeof EXPORTS)[number]['filter']) {
    if (!gathered || !options || !inSync(gathered, options) || status.kind === 'working') return;
    const abort = new AbortController();
    exportAbort.current = abort;
    const task = startTask({
      title: `Exporting the ${FORMAT_NAMES[format]} report`,
      cancel: () => abort.abort(),
    });
    const setStatus = (next: Status) => {
      setAreaStatus(next);
      mirrorExportStatus(task, next);
    };
    setStatus({ kind: 'working', format });
    try {
      const input = await inputFor(gathered, options, abort.signal);
      const generated = await reports.generate(
        input,
        options,
        format,
        (progress) => {
          if (!abort.signal.aborted) setStatus({ kind: 'working', format, progress });
        },
        abort.signal,
      );
      if (abort.signal.aborted) {
        setStatus({ kind: 'done', message: `${FORMAT_NAMES[format]} export cancelled.` });
        return;
      }
      if (!generated.ok) {
        setStatus({ kind: 'failed', message: generated.error.message });
        return;
      }
      const { file } = generated.value;
      const sha256 = await sha256HexOfBytes(file.bytes);
      const saved =
        format === 'pdf'
          ? await host.savePdf({
              html: new TextDecoder().decode(file.bytes),
              suggestedName: file.fileName,
              ...(host.kind === 'electron' ? { tagged: taggedPdf } : {}),
            })
          : await host.saveFile({
              suggestedName: file.fileName,
              // A view of this window's own Uint8Array type (the host checks the type).
              bytes: new Uint8Array(
                file.bytes.buffer as ArrayBuffer,
                file.bytes.byteOffset,
                file.bytes.byteLength,
              ),
              filters: [filter],
            });
      if (!saved.ok) {
        setStatus({ kind: 'failed', message: saved.error.message });
        return;
      }
      const outcome = saved.value as {
        readonly canceled: boolean;
        readonly fileName?: string;
        readonly printed?: boolean;
      };
      if (outcome.canceled) {
        setStatus({ kind: 'done', message: 'Not saved: the save was cancelled.' });
        return;
      }
      const savedAs = outcome.fileName ?? file.fileName;
      const message = outcome.printed
        ? 'Sent to the print dialog — choose Save as PDF.'
        : `Saved the ${FORMAT_NAMES[format]} report as ${savedAs}.`;
      if (!readOnly) {
        // The audit trail says what left the case, in which form and with which fingerprint.
        // Recorded before the buttons come back, so exports are logged in the order made.
        const recorded = await storage.audit.record(current.id, {
          action: 'report.exported',
          subject: savedAs,
          detail: {
            format,
            title: options.title,
            marking: options.marking,
            fileName: savedAs,
            ...(format === 'pdf' ? { printedFrom: 'html' } : {}),
            ...(format === 'pdf' && host.kind === 'electron' ? { tagged: taggedPdf } : {}),
            sha256,
            claims: options.claimIds.length,
            entities: options.entityIds.length,
            sources: options.sourceIds.length,
            charts: options.chartIds.length,
            excludedEntities: options.redaction.excludedEntityIds.length,
            redactedSources: Object.keys(options.redaction.sources).length,
          },
        });
        if (!recorded.ok) {
          setStatus({
            kind: 'failed',
            message: `${message} But the export could not be recorded in the case's activity: ${recorded.error.message}`,
          });
          return;
        }
      }
      setStatus({ kind: 'done', message });
    } catch (error) {
      setStatus({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      if (exportAbort.current === abort) exportAbort.current = null;
    }
  }

  const working = status.kind === 'working';
  const reading = !gathered || !options || !inSync(gathered, options);

  // "Export report…" (Alt+R): focus the first format, once the report can be saved.
  const canSave = !working && !reading;
  useEffect(() => {
    if (!exportBar || !canSave) return;
    return registerReportExport(() => {
      const first = exportBar.querySelector<HTMLElement>('button:not([disabled])') ?? exportBar;
      first.focus();
    });
  }, [exportBar, canSave]);

  return (
    <div className="cf-reports-area" role="region" aria-label="Reports">
      <header className="cf-page__header">
        <h2>Build a report</h2>
      </header>
      {gatherError ? (
        <Banner tone="error">Could not read the case for the report: {gatherError}</Banner>
      ) : null}
      {notes.status === 'failed' ? (
        <Banner tone="error">Could not read the notes for the report: {notes.message}</Banner>
      ) : null}
      {!catalog || !options ? (
        gatherError || notes.status === 'failed' ? null : (
          <p role="status">Reading the case…</p>
        )
      ) : (
        <div className="cf-reports-area__body cf-split" style={optionsPane.style}>
          <ResizeHandle pane={optionsPane} label="Resize the report options" side="start" />
          <ReportBuilder
            catalog={catalog}
            options={options}
            cited={cited}
            onChangeDetails={changeDetails}
            onChangeNarrative={changeNarrative}
            onChangeSelection={changeSelection}
          />
          <div className="cf-reports-area__output">
            <section
              className="cf-report-export"
              aria-label="Export"
              ref={setExportBar}
              tabIndex={-1}
            >
              <div className="cf-report-export__buttons">
                {EXPORTS.map((e) => (
                  <Button
                    key={e.format}
                    variant={e.format === 'html' ? 'primary' : 'secondary'}
                    disabled={working || reading}
                    onClick={() => void exportAs(e.format, e.filter)}
                  >
                    {e.label}
                  </Button>
                ))}
                {working ? (
                  <Button variant="ghost" onClick={() => exportAbort.current?.abort()}>
                    Cancel
                  </Button>
                ) : null}
              </div>
              {host.kind === 'electron' ? (
                <label className="cf-report-export__option">
                  <input
                    type="checkbox"
                    checked={taggedPdf}
                    onChange={(event) => setTaggedPdf(event.target.checked)}
                  />
                  Tagged PDF for screen readers (slower for long reports)
                </label>
              ) : null}
              {status.kind === 'working' ? (
                <ProgressBar
                  label={`Generating the ${FORMAT_NAMES[status.format]} report`}
                  progress={status.progress}
                />
              ) : null}
              {status.kind === 'done' ? (
                <p role="status" className="cf-report-export__message">
                  {status.message}
                </p>
              ) : null}
              {status.kind === 'failed' ? (
                <p role="alert" className="cf-field__error">
                  {status.message}
                </p>
              ) : null}
            </section>
            <ReportPreview
              preview={preview}
              progressBar={
                preview.working ? (
                  <ProgressBar label="Generating the preview" progress={preview.progress} />
                ) : null
              }
            />
          </div>
        </div>
      )}
    </div>
  );
}

/** Tells the export's task (its toast, once the area is left) what the area shows. */
function mirrorExportStatus(task: TaskHandle, status: Status): void {
  if (status.kind === 'working') {
    const stage = status.progress?.stage === 'render' ? 'Rendering' : 'Building';
    task.progress(percent(status.progress), 100, `${stage} the report…`);
  } else if (status.kind === 'done') {
    task.succeed(
      status.message.startsWith('Saved') ? 'Report saved' : 'Report export',
      status.message,
    );
  } else if (status.kind === 'failed') {
    task.fail('Report export failed', status.message);
  }
}
