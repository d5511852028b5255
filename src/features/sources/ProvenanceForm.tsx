import { useState, type FormEvent } from 'react';
import {
  SOURCE_RELIABILITY,
  SOURCE_RELIABILITY_DEFINITIONS,
  type Source,
  type SourceReliability,
} from '../../core';
import { Button, TextField } from '../../ui';
import { useStorage } from '../storage';

const FIELDS = [
  { key: 'url', label: 'URL', hint: 'Where the document was found (http or https).' },
  { key: 'author', label: 'Author' },
  { key: 'publisher', label: 'Publisher' },
  { key: 'publishedAt', label: 'Published', hint: 'YYYY-MM-DD, or a full ISO-8601 date-time.' },
  { key: 'capturedAt', label: 'Captured', hint: 'When the document was collected.' },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];
/** Errors shown on the field they concern rather than under the form. */
const FIELD_ERROR_PREFIXES = ['source.title', 'source.url', 'source.date'];

/** Edit where a source came from and how far it can be trusted (Admiralty A–F). */
export function ProvenanceForm({
  source,
  readOnly,
}: {
  readonly source: Source;
  readOnly: boolean;
}) {
  const { storage, changed } = useStorage();
  const [title, setTitle] = useState(source.title);
  const [values, setValues] = useState<Record<FieldKey, string>>(() => ({
    url: source.provenance.url ?? '',
    author: source.provenance.author ?? '',
    publisher: source.provenance.publisher ?? '',
    publishedAt: source.provenance.publishedAt ?? '',
    capturedAt: source.provenance.capturedAt ?? '',
  }));
  const [reliability, setReliability] = useState<SourceReliability>(source.reliability);
  const [message, setMessage] = useState<{
    tone: 'ok' | 'error';
    text: string;
    code?: string;
  } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await storage.sources.update(source.id, {
      title,
      provenance: values,
      reliability,
    });
    if (!result.ok) {
      setMessage({ tone: 'error', text: result.error.message, code: result.error.code });
      return;
    }
    setMessage({ tone: 'ok', text: 'Saved.' });
    changed();
  }

  const errorFor = (prefix: string) =>
    message?.tone === 'error' && message.code?.startsWith(prefix) ? message.text : undefined;

  return (
    <form onSubmit={(e) => void save(e)} aria-label="Provenance and grading" noValidate>
      <fieldset disabled={readOnly} className="cf-fieldset">
        <legend>Provenance</legend>
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errorFor('source.title')}
        />
        {FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={field.label}
            value={values[field.key]}
            hint={'hint' in field ? field.hint : undefined}
            error={
              (field.key === 'url' && errorFor('source.url')) ||
              ((field.key === 'publishedAt' || field.key === 'capturedAt') &&
                errorFor('source.date')) ||
              undefined
            }
            onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
          />
        ))}
      </fieldset>
      <fieldset disabled={readOnly} className="cf-fieldset cf-reliability">
        <legend>Source reliability (Admiralty)</legend>
        {SOURCE_RELIABILITY.map((grade) => (
          <label key={grade} className="cf-reliability__choice">
            <input
              type="radio"
              name="reliability"
              value={grade}
              checked={reliability === grade}
              onChange={() => setReliability(grade)}
            />
            <span>
              <strong>
                {grade} — {SOURCE_RELIABILITY_DEFINITIONS[grade].label}
              </strong>
              <span className="cf-muted"> {SOURCE_RELIABILITY_DEFINITIONS[grade].definition}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {message &&
      !(
        message.tone === 'error' && FIELD_ERROR_PREFIXES.some((p) => message.code?.startsWith(p))
      ) ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={message.tone === 'error' ? 'cf-field__error' : 'cf-ok'}
        >
          {message.text}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={readOnly}>
        Save provenance
      </Button>
    </form>
  );
}
