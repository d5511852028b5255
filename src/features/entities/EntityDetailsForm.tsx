import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  entityTypeInfo,
  validateAttribute,
  type AttributeSpec,
  type AttributeValue,
  type Entity,
  type EntityType,
} from '../../core';
import type { AppError } from '../../shared/result';
import { Button, TextArea, TextField } from '../../ui';
import { useStorage } from '../storage';
import { countryNames } from './countries';
import {
  EntityTypeField,
  resolveTypeChoice,
  typeChoiceOf,
  type TypeChoice,
} from './EntityTypeField';

interface AttributeRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export interface EntityDetailsFormProps {
  readonly entity: Entity;
  readonly customTypes: readonly EntityType[];
  readonly readOnly: boolean;
  /** After a successful save (the entity is then re-read and this form remade). */
  readonly onSaved: () => void;
}

const HINT: Readonly<Record<AttributeSpec['kind'], string | undefined>> = {
  date: 'YYYY-MM-DD (or YYYY-MM, YYYY)',
  number: undefined,
  country: undefined,
  text: undefined,
};

/**
 * Edits an entity's name, type, aliases, typed attributes (the type's suggested ones, checked by
 * kind, plus any key the investigator adds) and notes. Saved together, checked by core.
 */
export function EntityDetailsForm({
  entity,
  customTypes,
  readOnly,
  onSaved,
}: EntityDetailsFormProps) {
  const { storage, changed } = useStorage();
  const formId = useId();
  const [name, setName] = useState(entity.name);
  const [type, setType] = useState<TypeChoice>(typeChoiceOf(entity.type));
  const [aliases, setAliases] = useState<readonly string[]>(entity.aliases);
  const [newAlias, setNewAlias] = useState('');
  const [rows, setRows] = useState<readonly AttributeRow[]>(() =>
    Object.entries(entity.attributes).map(([key, value], id) => ({
      id,
      key,
      value: String(value),
    })),
  );
  const [notes, setNotes] = useState(entity.notes);
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  const resolved = resolveTypeChoice(type);
  const specs = entityTypeInfo(resolved.ok ? resolved.value : entity.type).attributes;
  const specKeys = new Set(specs.map((s) => s.key));
  const freeRows = rows.filter((r) => !specKeys.has(r.key));
  const nextId = () => rows.reduce((max, r) => Math.max(max, r.id), -1) + 1;

  function setSpecValue(key: string, value: string) {
    setRows((current) =>
      current.some((r) => r.key === key)
        ? current.map((r) => (r.key === key ? { ...r, value } : r))
        : [...current, { id: nextId(), key, value }],
    );
  }

  function checkSpec(spec: AttributeSpec) {
    const value = rows.find((r) => r.key === spec.key)?.value ?? '';
    const checked = validateAttribute(spec, spec.key, value);
    setFieldErrors((current) => {
      const { [spec.key]: _dropped, ...rest } = current;
      return checked.ok ? rest : { ...rest, [spec.key]: checked.error.message };
    });
  }

  function addAlias() {
    const alias = newAlias.trim();
    if (alias === '') return;
    setAliases((current) => [...current, alias]);
    setNewAlias('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving || readOnly) return;
    setError(null);
    if (!resolved.ok) {
      setError(resolved.error);
      return;
    }
    // Field by field first, so each message sits by its input.
    const errors: Record<string, string> = {};
    const attributes: Record<string, AttributeValue> = {};
    const seen = new Set<string>();
    for (const row of rows) {
      const key = row.key.trim();
      if (key === '' && row.value.trim() === '') continue;
      if (seen.has(key)) {
        errors[`row-${row.id}`] = `“${key}” is listed twice.`;
        continue;
      }
      seen.add(key);
      const spec = specs.find((s) => s.key === key);
      const checked = validateAttribute(spec, key, row.value);
      if (!checked.ok) errors[spec ? key : `row-${row.id}`] = checked.error.message;
      // An untouched value keeps its stored form (a number stays a number, yes/no stays boolean).
      else
        attributes[key] =
          key in entity.attributes && String(entity.attributes[key]) === row.value
            ? entity.attributes[key]!
            : checked.value;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setError({ code: 'entity.attributeInvalid', message: 'Some attributes need correcting.' });
      return;
    }
    setSaving(true);
    const result = await storage.entities.update(entity.id, {
      name,
      type: resolved.value,
      aliases: [...aliases, ...(newAlias.trim() ? [newAlias.trim()] : [])],
      attributes,
      notes,
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved();
    changed();
  }

  const nameError = error?.code.startsWith('entity.name') ? error.message : undefined;
  const typeError = error?.code.startsWith('entity.type') ? error.message : undefined;
  const otherError = error && !nameError && !typeError ? error.message : undefined;

  return (
    <form
      className="cf-entity-form"
      aria-label="Entity details"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <fieldset disabled={readOnly} className="cf-entity-form__fields">
        <TextField
          label="Name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
          error={nameError}
          autoComplete="off"
        />
        <EntityTypeField
          value={type}
          onChange={(next) => {
            setType(next);
          }}
          customTypes={customTypes}
          error={typeError}
        />
        <fieldset className="cf-entity-form__group">
          <legend>Aliases</legend>
          {aliases.length === 0 ? <p className="cf-muted">No aliases.</p> : null}
          <ul className="cf-alias-list">
            {aliases.map((alias, index) => (
              <li key={`${index}-${alias}`}>
                <input
                  aria-label={`Alias ${index + 1}`}
                  value={alias}
                  autoComplete="off"
                  onChange={(e) => {
                    const value = e.target.value;
                    setAliases((current) => current.map((a, i) => (i === index ? value : a)));
                  }}
                />
                <Button
                  variant="ghost"
                  aria-label={`Remove alias ${alias}`}
                  onClick={() => {
                    setAliases((current) => current.filter((_, i) => i !== index));
                  }}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
          <div className="cf-alias-add">
            <input
              aria-label="New alias"
              placeholder="Add an alias"
              value={newAlias}
              autoComplete="off"
              onChange={(e) => setNewAlias(e.target.value)}
              onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addAlias();
                }
              }}
            />
            <Button onClick={addAlias} disabled={newAlias.trim() === ''}>
              Add alias
            </Button>
          </div>
        </fieldset>
        <fieldset className="cf-entity-form__group">
          <legend>Attributes</legend>
          {specs.map((spec) => (
            <TextField
              key={spec.key}
              label={spec.label}
              value={rows.find((r) => r.key === spec.key)?.value ?? ''}
              hint={HINT[spec.kind]}
              placeholder={spec.kind === 'date' ? 'YYYY-MM-DD' : undefined}
              inputMode={spec.kind === 'number' ? 'decimal' : undefined}
              list={spec.kind === 'country' ? `${formId}-countries` : undefined}
              error={fieldErrors[spec.key]}
              autoComplete="off"
              onChange={(e) => setSpecValue(spec.key, e.target.value)}
              onBlur={() => checkSpec(spec)}
            />
          ))}
          {freeRows.map((row) => (
            <div key={row.id} className="cf-attribute-row">
              <input
                aria-label="Attribute name"
                placeholder="Name"
                value={row.key}
                autoComplete="off"
                onChange={(e) => {
                  const key = e.target.value;
                  setRows((current) => current.map((r) => (r.id === row.id ? { ...r, key } : r)));
                }}
              />
              <input
                aria-label={`Value of ${row.key || 'new attribute'}`}
                placeholder="Value"
                value={row.value}
                autoComplete="off"
                onChange={(e) => {
                  const value = e.target.value;
                  setRows((current) => current.map((r) => (r.id === row.id ? { ...r, value } : r)));
                }}
              />
              <Button
                variant="ghost"
                aria-label={`Remove attribute ${row.key || 'new attribute'}`}
                onClick={() => {
                  setRows((current) => current.filter((r) => r.id !== row.id));
                }}
              >
                ✕
              </Button>
              {fieldErrors[`row-${row.id}`] ? (
                <span className="cf-field__error cf-attribute-row__error" role="alert">
                  {fieldErrors[`row-${row.id}`]}
                </span>
              ) : null}
            </div>
          ))}
          <Button
            variant="ghost"
            onClick={() => {
              setRows((current) => [...current, { id: nextId(), key: '', value: '' }]);
            }}
          >
            + Add attribute
          </Button>
          <datalist id={`${formId}-countries`}>
            {specs.some((s) => s.kind === 'country')
              ? countryNames().map((c) => <option key={c} value={c} />)
              : null}
          </datalist>
        </fieldset>
        <TextArea
          label="Notes"
          value={notes}
          rows={4}
          onChange={(e) => {
            setNotes(e.target.value);
          }}
        />
      </fieldset>
      {otherError ? (
        <p role="alert" className="cf-field__error">
          {otherError}
        </p>
      ) : null}
      <div className="cf-entity-form__footer">
        <Button type="submit" variant="primary" disabled={readOnly || saving}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
