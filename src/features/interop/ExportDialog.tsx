import { useEffect, useId, useState } from 'react';
import type { Case, ChartId } from '../../core';
import { exportAnnotations } from '../../core/interop/annotations';
import { exportClaimsCsv, exportEntitiesCsv } from '../../core/interop/csv';
import { exportFollowTheMoney } from '../../core/interop/ftm';
import { exportGexf } from '../../core/interop/gexf';
import { exportGraphml } from '../../core/interop/graphml';
import { exportStix } from '../../core/interop/stix';
import type { CaseExportInput, ExportFile, ExportNotice } from '../../core/interop/types';
import type { Result } from '../../shared/result';
import { sha256HexOfBytes } from '../../shared/sha256';
import { Banner, Button, Dialog, SelectField } from '../../ui';
import { useServices } from '../services';
import { useStorage, useStorageQuery } from '../storage';
import { gatherExport, type ExportScope } from './gather';

export type ExportFormat =
  'stix' | 'graphml' | 'gexf' | 'entities-csv' | 'claims-csv' | 'annotations' | 'ftm';

interface FormatChoice {
  readonly format: ExportFormat;
  readonly label: string;
  readonly description: string;
  readonly run: (input: CaseExportInput) => Result<ExportFile>;
  /** Annotations export every passage of the case, not only the claims' evidence. */
  readonly allPassages: boolean;
  readonly filter: { readonly name: string; readonly extensions: string[] };
}

export const EXPORT_FORMATS: readonly FormatChoice[] = [
  {
    format: 'stix',
    label: 'STIX 2.1 bundle',
    description: 'For OpenCTI, MISP and other STIX tools.',
    run: exportStix,
    allPassages: false,
    filter: { name: 'STIX bundle', extensions: ['json'] },
  },
  {
    format: 'graphml',
    label: 'GraphML',
    description: 'The link graph for yEd, Gephi and networkx.',
    run: exportGraphml,
    allPassages: false,
    filter: { name: 'GraphML', extensions: ['graphml'] },
  },
  {
    format: 'gexf',
    label: 'GEXF',
    description: 'The link graph for Gephi.',
    run: exportGexf,
    allPassages: false,
    filter: { name: 'GEXF', extensions: ['gexf'] },
  },
  {
    format: 'entities-csv',
    label: 'CSV entities',
    description: 'One row per entity, for spreadsheets.',
    run: exportEntitiesCsv,
    allPassages: false,
    filter: { name: 'CSV', extensions: ['csv'] },
  },
  {
    format: 'claims-csv',
    label: 'CSV claims',
    description: 'One row per claim with its grade, for Excel.',
    run: exportClaimsCsv,
    allPassages: false,
    filter: { name: 'CSV', extensions: ['csv'] },
  },
  {
    format: 'annotations',
    label: 'W3C Web Annotations',
    description: 'Every passage with its text anchors (JSON-LD).',
    run: exportAnnotations,
    allPassages: true,
    filter: { name: 'JSON-LD', extensions: ['jsonld'] },
  },
  {
    format: 'ftm',
    label: 'FollowTheMoney',
    description: 'Entities and links for Aleph.',
    run: exportFollowTheMoney,
    allPassages: false,
    filter: { name: 'FollowTheMoney', extensions: ['json'] },
  },
];

/** Notices listed in full up to this many; the rest are counted. */
export const NOTICES_SHOWN = 20;

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface ExportDialogProps {
  readonly current: Case;
  readonly readOnly: boolean;
  readonly onClose: () => void;
}

/**
 * "Export case data…": one format, the whole case or a saved chart's view, saved through the host
 * and recorded in the case's audit trail (`case.exported`).
 */
export function ExportDialog({ current, readOnly, onClose }: ExportDialogProps) {
  const { storage } = useStorage();
  const { host } = useServices();
  const charts = useStorageQuery((s) => s.charts.list(current.id), [current.id]);
  const [format, setFormat] = useState<ExportFormat>('stix');
  const [chartId, setChartId] = useState<ChartId | ''>('');
  const [generator, setGenerator] = useState('Casefile');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [notices, setNotices] = useState<readonly ExportNotice[]>([]);
  const groupId = useId();

  useEffect(() => {
    let live = true;
    void host.appInfo().then((info) => {
      if (live && info.ok) setGenerator(`${info.value.name} ${info.value.version}`);
    });
    return () => {
      live = false;
    };
  }, [host]);

  async function exportCase() {
    const choice = EXPORT_FORMATS.find((f) => f.format === format);
    if (!choice) return;
    const chartList = charts.status === 'ready' ? charts.value : [];
    const chart = chartId === '' ? undefined : chartList.find((c) => c.id === chartId);
    if (chartId !== '' && !chart) {
      setStatus({ kind: 'failed', message: 'That chart no longer exists.' });
      return;
    }
    const scope: ExportScope = chart ? { kind: 'chart', chart } : { kind: 'case' };
    setStatus({ kind: 'working' });
    setNotices([]);
    try {
      const input = await gatherExport(storage, current, scope, choice.allPassages, {
        exportedAt: new Date().toISOString(),
        generator,
      });
      const exported = choice.run(input);
      if (!exported.ok) {
        setStatus({ kind: 'failed', message: exported.error.message });
        return;
      }
      const file = exported.value;
      setNotices(file.notices);
      const encoded = new TextEncoder().encode(file.text);
      // A view of this window's own Uint8Array type (the host checks the type).
      const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
      const sha256 = await sha256HexOfBytes(bytes);
      const saved = await host.saveFile({
        suggestedName: file.fileName,
        bytes,
        filters: [choice.filter],
      });
      if (!saved.ok) {
        setStatus({ kind: 'failed', message: saved.error.message });
        return;
      }
      if (saved.value.canceled) {
        setStatus({ kind: 'done', message: 'Not saved: cancelled.' });
        return;
      }
      const savedAs = saved.value.fileName ?? file.fileName;
      const message = `Saved as ${savedAs}.`;
      if (!readOnly) {
        // The audit trail says what left the case, in which form and with which fingerprint.
        const recorded = await storage.audit.record(current.id, {
          action: 'case.exported',
          subject: savedAs,
          detail: {
            format,
            scope: chart ? { chartId: chart.id, title: chart.title } : 'case',
            fileName: savedAs,
            sha256,
            counts: {
              entities: input.entities.length,
              claims: input.claims.length,
              sources: input.sources.length,
              passages: input.passages.length,
              notices: file.notices.length,
            },
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
    }
  }

  const working = status.kind === 'working';
  /** A new choice clears the last export's outcome, which was about another file. */
  function choose(change: () => void) {
    change();
    if (!working) {
      setStatus({ kind: 'idle' });
      setNotices([]);
    }
  }

  return (
    <Dialog
      title="Export case data"
      onClose={onClose}
      className="cf-export-dialog"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" disabled={working} onClick={() => void exportCase()}>
            {working ? 'Exporting…' : 'Export'}
          </Button>
        </>
      }
    >
      <div role="radiogroup" aria-labelledby={`${groupId}-label`} className="cf-export-formats">
        <p id={`${groupId}-label`} className="cf-export-formats__label">
          Format
        </p>
        {EXPORT_FORMATS.map((f) => (
          <label key={f.format} className="cf-export-format">
            <input
              type="radio"
              name={`${groupId}-format`}
              value={f.format}
              checked={format === f.format}
              aria-describedby={`${groupId}-${f.format}`}
              onChange={() => choose(() => setFormat(f.format))}
            />
            <span className="cf-export-format__text">
              <span className="cf-export-format__name">{f.label}</span>
              <span id={`${groupId}-${f.format}`} className="cf-export-format__description">
                {f.description}
              </span>
            </span>
          </label>
        ))}
      </div>
      <SelectField
        label="Scope"
        value={chartId}
        hint="A chart exports only its entities, the claims among them and its node positions."
        onChange={(event) => choose(() => setChartId(event.target.value as ChartId | ''))}
      >
        <option value="">Whole case</option>
        {(charts.status === 'ready' ? charts.value : []).map((c) => (
          <option key={c.id} value={c.id}>
            Saved chart: {c.title}
          </option>
        ))}
      </SelectField>
      {status.kind === 'done' ? <Banner tone="info">{status.message}</Banner> : null}
      {status.kind === 'failed' ? <Banner tone="error">{status.message}</Banner> : null}
      {notices.length > 0 ? (
        <section className="cf-export-notices" aria-label="Export notices">
          <p>
            {notices.length === 1 ? '1 notice' : `${notices.length} notices`} about this export:
          </p>
          <ul>
            {notices.slice(0, NOTICES_SHOWN).map((n, i) => (
              <li key={`${n.recordId}-${i}`}>{n.message}</li>
            ))}
          </ul>
          {notices.length > NOTICES_SHOWN ? (
            <p>and {notices.length - NOTICES_SHOWN} more.</p>
          ) : null}
        </section>
      ) : null}
    </Dialog>
  );
}
