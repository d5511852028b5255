import { useState } from 'react';
import type { Source, SourceId } from '../../core';
import { Button, ConfirmDialog } from '../../ui';
import { useServices } from '../services';
import { useStorage } from '../storage';
import { ProvenanceForm } from './ProvenanceForm';
import { KIND_LABEL } from './SourceTable';

export interface SourceDetailsProps {
  readonly source: Source;
  readonly attachments: readonly Source[];
  readonly readOnly: boolean;
  readonly onOpenSource: (id: SourceId) => void;
  /** After the source was deleted. */
  readonly onDeleted: () => void;
}

/** The reader's Details tab: the evidence (hash, original), attachments, e-mail headers, provenance. */
export function SourceDetails({
  source,
  attachments,
  readOnly,
  onOpenSource,
  onDeleted,
}: SourceDetailsProps) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <div className="cf-reader__details">
      <Evidence source={source} />
      {attachments.length > 0 ? (
        <section aria-label="Attachments">
          <h3>Attachments</h3>
          <ul>
            {attachments.map((child) => (
              <li key={child.id}>
                <button type="button" className="cf-link" onClick={() => onOpenSource(child.id)}>
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
      {confirmDelete ? (
        <DeleteSourceDialog
          source={source}
          onClose={() => setConfirmDelete(false)}
          onDeleted={onDeleted}
        />
      ) : null}
    </div>
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
