import { useState, type FormEvent } from 'react';
import type { CaseId, Entity, EntityType } from '../../core';
import type { AppError } from '../../shared/result';
import { Button, Dialog, TextArea, TextField } from '../../ui';
import { useStorage } from '../storage';
import { EntityTypeField, NO_TYPE, checkNewEntity, type TypeChoice } from './EntityTypeField';

export interface NewEntityDialogProps {
  readonly caseId: CaseId;
  readonly customTypes: readonly EntityType[];
  readonly onClose: () => void;
  readonly onCreated: (entity: Entity) => void;
}

/** Splits the aliases box: one alias per line (commas belong to names like "Acme, Inc."). */
export function aliasLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Creates an entity by hand: name, type (built-in or custom), aliases and notes. */
export function NewEntityDialog({ caseId, customTypes, onClose, onCreated }: NewEntityDialogProps) {
  const { storage, changed } = useStorage();
  const [name, setName] = useState('');
  const [type, setType] = useState<TypeChoice>(NO_TYPE);
  const [aliases, setAliases] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const checked = checkNewEntity({ name, aliases: aliasLines(aliases), notes }, type);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setSaving(true);
    const created = await storage.entities.create(caseId, checked.value);
    setSaving(false);
    if (!created.ok) {
      setError(created.error);
      return;
    }
    changed();
    onCreated(created.value);
  }

  const nameError = error?.code.startsWith('entity.name') ? error.message : undefined;
  const typeError = error?.code.startsWith('entity.type') ? error.message : undefined;
  const aliasError =
    error?.code.startsWith('entity.alias') || error?.code === 'entity.tooManyAliases';
  const otherError = error && !nameError && !typeError && !aliasError ? error.message : undefined;

  return (
    <Dialog title="New entity" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="New entity">
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          autoFocus
          autoComplete="off"
        />
        <EntityTypeField
          value={type}
          onChange={setType}
          customTypes={customTypes}
          error={typeError}
        />
        <TextArea
          label="Aliases"
          hint="One per line: other spellings, transliterations, nicknames."
          value={aliases}
          onChange={(e) => setAliases(e.target.value)}
          error={aliasError ? error?.message : undefined}
          rows={3}
        />
        <TextArea label="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
        {otherError ? (
          <p role="alert" className="cf-field__error">
            {otherError}
          </p>
        ) : null}
        <div className="cf-dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            Create entity
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
