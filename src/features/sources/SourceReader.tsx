import { useMemo, useState } from 'react';
import type { Source, SourceContent, SourceId } from '../../core';
import { Banner, Button, ConfirmDialog } from '../../ui';
import { useServices } from '../services';
import { useStorage, useStorageQuery } from '../storage';
import { ProvenanceForm } from './ProvenanceForm';
import { sanitizeForFrame } from './sanitize';
import { KIND_LABEL } from './SourceTable';

export interface SourceReaderProps {
  readonly sourceId: SourceId;
  readonly readOnly: boolean;
  readonly onBack: () => void;
  readonly onOpenSource: (id: SourceId) => void;
}

type View = 'text' | 'original';

/** One source: its canonical text (the anchor for passages), its original, its provenance. */
export function SourceReader({ sourceId, readOnly, onBack, onOpenSource }: SourceReaderProps) {
  const loaded = useStorageQuery(
    async (storage) => {
      const [source, content, children] = await Promise.all([
        storage.sources.get(sourceId),
        storage.sources.content(sourceId),
        storage.sources.children(sourceId),
      ]);
      return { source, content, children };
    },
    [sourceId],
  );
  const [view, setView] = useState<View>('text');
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (loaded.status === 'loading') return <p role="status">Opening source…</p>;
  if (loaded.status === 'failed')
    return <Banner tone="error">Could not open the source: {loaded.message}</Banner>;
  const { source, content, children } = loaded.value;
  if (!source || !content) {
    return (
      <div>
        <h2>Source not found</h2>
        <Button onClick={onBack}>Back to sources</Button>
      </div>
    );
  }
  return (
    <article className="cf-reader" aria-labelledby="source-title">
      <header className="cf-reader__header">
        <Button variant="ghost" onClick={onBack}>
          ← All sources
        </Button>
        <h2 id="source-title">{source.title}</h2>
        <div role="tablist" aria-label="Source view" className="cf-tabs">
          {(['text', 'original'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              onClick={() => setView(v)}
              disabled={v === 'original' && !content.html}
              title={
                v === 'original' && !content.html
                  ? 'This kind of source has no HTML view: use Save original… to open the file itself.'
                  : undefined
              }
            >
              {v === 'text' ? 'Text' : 'Original'}
            </button>
          ))}
        </div>
      </header>
      {source.warnings.map((w) => (
        <Banner key={w} tone="warning">
          {w}
        </Banner>
      ))}
      <div className="cf-reader__body">
        <div
          className="cf-reader__main"
          role="tabpanel"
          aria-label={view === 'text' ? 'Text' : 'Original'}
        >
          {view === 'text' ? (
            <CanonicalText content={content} />
          ) : (
            <OriginalFrame html={content.html ?? ''} title={source.title} />
          )}
        </div>
        <aside className="cf-reader__side" aria-label="Source details">
          <Evidence source={source} />
          {children.length > 0 ? (
            <section aria-label="Attachments">
              <h3>Attachments</h3>
              <ul>
                {children.map((child) => (
                  <li key={child.id}>
                    <button
                      type="button"
                      className="cf-link"
                      onClick={() => onOpenSource(child.id)}
                    >
                      {child.title}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {source.provenance.email ? <EmailHeaders source={source} /> : null}
          <ProvenanceForm key={source.updatedAt} source={source} readOnly={readOnly} />
          <Button variant="danger" onClick={() => setConfirmDelete(true)} disabled={readOnly}>
            Delete source
          </Button>
        </aside>
      </div>
      {confirmDelete ? (
        <DeleteSourceDialog
          source={source}
          onClose={() => setConfirmDelete(false)}
          onDeleted={onBack}
        />
      ) : null}
    </article>
  );
}

/** Paragraphs as extracted, with a marker where each PDF page begins, so quotes can cite "p. N". */
function CanonicalText({ content }: { readonly content: SourceContent }) {
  const blocks = useMemo(() => {
    const paragraphs = content.structure.paragraphs ?? [{ start: 0, end: content.text.length }];
    const pageStarts = new Map(
      (content.structure.pages ?? []).map((p, i) => [p.start, i + 1] as const),
    );
    return paragraphs.map((p) => ({
      ...p,
      page: pageStarts.get(p.start),
      text: content.text.slice(p.start, p.end),
    }));
  }, [content]);
  if (content.text.length === 0)
    return <p className="cf-muted">This source has no extracted text.</p>;
  return (
    <div className="cf-text" aria-label="Extracted text">
      {blocks.map((block) => (
        <div key={block.start} className="cf-text__block">
          {block.page !== undefined ? (
            <div className="cf-page-marker" role="separator" aria-label={`Page ${block.page}`}>
              p. {block.page}
            </div>
          ) : null}
          <p data-start={block.start}>{block.text}</p>
        </div>
      ))}
    </div>
  );
}

/** The sanitised original in a frame that can run no script, load nothing and go nowhere. */
function OriginalFrame({ html, title }: { readonly html: string; readonly title: string }) {
  const srcDoc = useMemo(() => sanitizeForFrame(html, title), [html, title]);
  return (
    <iframe
      className="cf-original"
      title={`Original: ${title}`}
      sandbox=""
      srcDoc={srcDoc}
      referrerPolicy="no-referrer"
    />
  );
}

function Evidence({ source }: { readonly source: Source }) {
  const { storage } = useStorage();
  const { host } = useServices();
  const [copied, setCopied] = useState<string | null>(null);
  /** Hands the investigator the original, byte for byte, as it was imported. */
  async function saveOriginal() {
    const bytes = await storage.sources.original(source.sha256);
    if (!bytes) {
      setCopied('The original is missing from this case database.');
      return;
    }
    const saved = await host.saveFile({
      suggestedName: originalFileName(source),
      bytes: new Uint8Array(bytes),
    });
    if (!saved.ok) setCopied(saved.error.message);
    else if (!saved.value.canceled) setCopied(`Saved ${saved.value.fileName ?? 'the original'}.`);
  }
  async function copy() {
    try {
      await navigator.clipboard.writeText(source.sha256);
      setCopied('SHA-256 copied.');
    } catch {
      setCopied('Could not copy: select the hash and copy it by hand.');
    }
  }
  return (
    <section aria-label="Evidence">
      <h3>Evidence</h3>
      <dl className="cf-details cf-details--compact">
        <dt>File</dt>
        <dd>{source.provenance.fileName ?? '—'}</dd>
        <dt>Kind</dt>
        <dd>{KIND_LABEL[source.kind]}</dd>
        <dt>Size</dt>
        <dd>{source.byteLength.toLocaleString()} bytes</dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="cf-hash" aria-label="SHA-256">
            {source.sha256}
          </code>
        </dd>
      </dl>
      <div className="cf-page__actions">
        <Button onClick={() => void copy()}>Copy SHA-256</Button>
        <Button onClick={() => void saveOriginal()}>Save original…</Button>
      </div>
      {copied ? <p role="status">{copied}</p> : null}
    </section>
  );
}

/** The imported file's own name, made safe to suggest to a save dialog. */
function originalFileName(source: Source): string {
  const name = Array.from(source.provenance.fileName ?? source.title, (c) =>
    c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c,
  )
    .join('')
    .trim();
  return name.slice(0, 200) || `source-${source.sha256.slice(0, 12)}`;
}

function EmailHeaders({ source }: { readonly source: Source }) {
  const email = source.provenance.email!;
  const rows: [string, string | undefined][] = [
    ['From', email.from],
    ['To', email.to.join(', ')],
    ['Cc', email.cc.join(', ')],
    ['Date', email.date],
    ['Subject', email.subject],
    ['Message-ID', email.messageId],
  ];
  return (
    <section aria-label="E-mail headers">
      <h3>E-mail</h3>
      <dl className="cf-details cf-details--compact">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="cf-details__row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

function DeleteSourceDialog({
  source,
  onClose,
  onDeleted,
}: {
  readonly source: Source;
  readonly onClose: () => void;
  readonly onDeleted: () => void;
}) {
  const { storage, changed } = useStorage();
  return (
    <ConfirmDialog
      title="Delete source?"
      confirmLabel="Delete source"
      onClose={onClose}
      onConfirm={async () => {
        const result = await storage.sources.delete(source.id);
        if (!result.ok) return result.error.message;
        changed();
        onDeleted();
        return null;
      }}
    >
      <p>
        <strong>{source.title}</strong>, its passages and its attachments will be removed from this
        case. The original file is removed too unless another source uses the same bytes.
      </p>
    </ConfirmDialog>
  );
}
