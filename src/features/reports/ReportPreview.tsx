import type { ReactNode } from 'react';
import type { ReportProgress } from '../../core/report/types';

/** The last preview generated (kept on screen while the next one is made), and what is going on. */
export interface PreviewState {
  readonly html?: string;
  readonly notices: readonly string[];
  readonly error?: string;
  readonly working: boolean;
  readonly progress?: ReportProgress;
}

export interface ReportPreviewProps {
  readonly preview: PreviewState;
  readonly progressBar: ReactNode;
}

/**
 * The generated report, shown only inside a frame sandboxed with no permissions at all: its text
 * comes from sources and investigators, so it never becomes part of the app's own document.
 */
export function ReportPreview({ preview, progressBar }: ReportPreviewProps) {
  return (
    <section className="cf-report-preview" aria-label="Preview">
      <header className="cf-report-preview__header">
        <h3>Preview</h3>
        {progressBar}
      </header>
      {preview.error ? (
        <p role="alert" className="cf-field__error">
          The report cannot be generated: {preview.error}
        </p>
      ) : null}
      {preview.notices.length > 0 ? (
        <ul className="cf-report-preview__notices" aria-label="Notices">
          {preview.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      ) : null}
      {preview.html === undefined && preview.working ? (
        <p className="cf-report-preview__empty">Generating the preview…</p>
      ) : null}
      <iframe
        className="cf-report-preview__frame"
        title="Report preview"
        sandbox=""
        srcDoc={preview.html ?? ''}
      />
    </section>
  );
}
