import { useState, type FormEvent } from 'react';
import { DEFAULT_MARKING, HANDLING_MARKINGS, MAX_CASE_TITLE_LENGTH, type Case } from '../../core';
import type { AppError } from '../../shared/result';
import { Button, Dialog, SelectField, TextArea, TextField } from '../../ui';
import { useStorage } from '../storage';

const OTHER_MARKING = '__other__';

export interface CaseFormDialogProps {
  /** The case being edited; absent when creating a new one. */
  readonly existing?: Case;
  readonly onClose: () => void;
  readonly onSaved: (saved: Case) => void;
}

/** Create a case, or edit its title, summary and handling marking. */
export function CaseFormDialog({ existing, onClose, onSaved }: CaseFormDialogProps) {
  const { storage, changed } = useStorage();
  const initialMarking = existing?.marking ?? DEFAULT_MARKING;
  const isKnownMarking = (HANDLING_MARKINGS as readonly string[]).includes(initialMarking);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [markingChoice, setMarkingChoice] = useState(
    isKnownMarking ? initialMarking : OTHER_MARKING,
  );
  const [otherMarking, setOtherMarking] = useState(isKnownMarking ? '' : initialMarking);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    const marking = markingChoice === OTHER_MARKING ? otherMarking : markingChoice;
    const result = existing
      ? await storage.cases.update(existing.id, { title, summary, marking })
      : await storage.cases.create({ title, summary, marking });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    changed();
    onSaved(result.value);
  }

  const titleError = error?.code.startsWith('case.title') ? error.message : undefined;
  const markingError = error?.code.startsWith('case.marking') ? error.message : undefined;
  const otherError = error && !titleError && !markingError ? error.message : undefined;
  const heading = existing ? 'Edit case details' : 'New case';

  return (
    <Dialog title={heading} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={heading}>
        <TextField
          label="Title"
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          hint={`${title.trim().length} / ${MAX_CASE_TITLE_LENGTH} characters`}
          error={titleError}
          autoFocus
          autoComplete="off"
        />
        <TextArea
          label="Summary"
          name="summary"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          hint="What the case is about, its scope and key questions."
          error={error?.code.startsWith('case.summary') ? error.message : undefined}
        />
        <SelectField
          label="Handling marking"
          name="marking"
          value={markingChoice}
          onChange={(e) => setMarkingChoice(e.target.value)}
          hint="Traffic Light Protocol 2.0, or your organisation's own marking."
        >
          {HANDLING_MARKINGS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
          <option value={OTHER_MARKING}>Other…</option>
        </SelectField>
        {markingChoice === OTHER_MARKING ? (
          <TextField
            label="Other marking"
            name="otherMarking"
            value={otherMarking}
            onChange={(e) => setOtherMarking(e.target.value)}
            error={markingError}
            autoComplete="off"
          />
        ) : null}
        {otherError ? (
          <p role="alert" className="cf-field__error">
            {otherError}
          </p>
        ) : null}
        <div className="cf-dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {existing ? 'Save changes' : 'Create case'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
