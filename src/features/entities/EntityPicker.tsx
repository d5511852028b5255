import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  INDICATOR_ENTITY_TYPE,
  scanIndicators,
  type CaseId,
  type EntityId,
  type EntityType,
  type NewEntityInput,
} from '../../core';
import { Button, Dialog } from '../../ui';
import { useStorageQuery } from '../storage';
import { EntityTypeBadge } from './EntityTypeBadge';
import { plural } from './format';
import {
  EntityTypeField,
  NO_TYPE,
  checkNewEntity,
  customTypesOf,
  typeChoiceOf,
  type TypeChoice,
} from './EntityTypeField';
import { matchEntities } from './matchEntities';

/** What the investigator chose: an entity of the case, or a new one to create. */
export type EntityPickChoice =
  { readonly entityId: EntityId } | { readonly newEntity: NewEntityInput };

export interface EntityPickerProps {
  readonly caseId: CaseId;
  /** Prefills the search (e.g. the selected text). */
  readonly initialName?: string;
  /**
   * Called with the choice. May return a promise of an error message to show (the dialog then
   * stays open), or of null/undefined when done.
   */
  readonly onPick: (choice: EntityPickChoice) => void | Promise<string | null | void>;
  readonly onCancel: () => void;
  readonly title?: string;
  /** Offer "Create new entity" (default); false lists existing entities only (e.g. merge). */
  readonly allowCreate?: boolean;
  /** Entities not to offer (e.g. the one being merged into). */
  readonly exclude?: readonly EntityId[];
  /** The type a new entity starts with (else guessed from an indicator-shaped name). */
  readonly initialType?: EntityType;
}

/**
 * When the whole selection is one indicator (an IP, a URL…), its type is a safe first guess and
 * its refanged value the entity's name: `hxxp://evil[.]example` is tagged as `http://evil.example`,
 * while the passage keeps the text as written.
 */
function indicatorOf(
  name: string,
): { readonly type: EntityType; readonly value: string } | undefined {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 2000) return undefined;
  const found = scanIndicators(trimmed);
  const only = found.length === 1 ? found[0] : undefined;
  return only && only.start === 0 && only.end === trimmed.length
    ? { type: INDICATOR_ENTITY_TYPE[only.kind], value: only.value }
    : undefined;
}

/**
 * A dialog to pick an entity of the case by type-ahead over names and aliases, or to create a new
 * one with a type. The search box is an ARIA combobox: arrows move through the list, Enter
 * chooses, Escape cancels.
 */
export function EntityPicker({
  caseId,
  initialName = '',
  onPick,
  onCancel,
  title = 'Choose an entity',
  allowCreate = true,
  exclude,
  initialType,
}: EntityPickerProps) {
  const listId = useId();
  const entities = useStorageQuery((storage) => storage.entities.list(caseId), [caseId]);
  const indicator = useMemo(() => indicatorOf(initialName), [initialName]);
  const [query, setQuery] = useState(
    () => indicator?.value ?? initialName.trim().replace(/\s+/g, ' '),
  );
  const deferredQuery = useDeferredValue(query);
  const [active, setActive] = useState(0);
  const [type, setType] = useState<TypeChoice>(() => {
    const guess = initialType ?? indicator?.type;
    return guess ? typeChoiceOf(guess) : NO_TYPE;
  });
  const [error, setError] = useState<{ readonly code: string; readonly message: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const activeRef = useRef<HTMLLIElement | null>(null);

  const all = useMemo(() => (entities.status === 'ready' ? entities.value : []), [entities]);
  const matches = useMemo(
    () => matchEntities(all, deferredQuery, { exclude: exclude ?? [] }),
    [all, deferredQuery, exclude],
  );
  const customTypes = useMemo(() => customTypesOf(all), [all]);
  const optionCount = matches.length + (allowCreate ? 1 : 0);
  const activeIndex = Math.min(active, Math.max(optionCount - 1, 0));
  const createIndex = allowCreate ? matches.length : -1;
  const trimmed = query.trim();

  useEffect(() => {
    activeRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex]);

  async function finish(choice: Parameters<typeof onPick>[0]) {
    setBusy(true);
    const failure = await onPick(choice);
    setBusy(false);
    if (typeof failure === 'string') setError({ code: 'pick.failed', message: failure });
  }

  function create() {
    const checked = checkNewEntity({ name: query }, type);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    void finish({ newEntity: { name: trimmed, type: checked.value.type } });
  }

  function choose(index: number) {
    if (busy) return;
    if (index === createIndex) {
      create();
      return;
    }
    const picked = matches[index];
    if (!picked) return;
    setError(null);
    void finish({ entityId: picked.entity.id });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (optionCount === 0 && event.key !== 'Enter') return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((activeIndex + 1) % optionCount);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex - 1 + optionCount) % optionCount);
    } else if (event.key === 'PageDown') {
      event.preventDefault();
      setActive(Math.min(activeIndex + 8, optionCount - 1));
    } else if (event.key === 'PageUp') {
      event.preventDefault();
      setActive(Math.max(activeIndex - 8, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(activeIndex);
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  const nameError = error && error.code.startsWith('entity.name') ? error.message : undefined;
  const typeError = error && error.code.startsWith('entity.type') ? error.message : undefined;
  const otherError = error && !nameError && !typeError ? error.message : undefined;

  return (
    <Dialog title={title} onClose={onCancel} className="cf-picker">
      <label htmlFor={`${listId}-input`} className="cf-picker__label">
        {allowCreate ? 'Find an entity, or name a new one' : 'Find an entity'}
      </label>
      <input
        id={`${listId}-input`}
        className="cf-palette__input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={optionCount > 0 ? optionId(activeIndex) : undefined}
        aria-invalid={nameError ? true : undefined}
        aria-describedby={nameError ? `${listId}-name-error` : undefined}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder="Name or alias"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          if (error?.code.startsWith('entity.name')) setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      {nameError ? (
        <p id={`${listId}-name-error`} role="alert" className="cf-field__error">
          {nameError}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label="Entities" className="cf-picker__list">
        {matches.map(({ entity, viaAlias }, index) => (
          <li
            key={entity.id}
            id={optionId(index)}
            ref={index === activeIndex ? activeRef : undefined}
            role="option"
            aria-selected={index === activeIndex}
            className="cf-picker__option"
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => choose(index)}
          >
            <span className="cf-picker__name">
              <EntityTypeBadge type={entity.type} iconOnly />
              <span>
                {entity.name}
                {viaAlias ? <span className="cf-muted"> · also “{viaAlias}”</span> : null}
              </span>
            </span>
            <span className="cf-picker__meta cf-muted">
              {plural(entity.mentionCount, 'mention', 'mentions')}
            </span>
          </li>
        ))}
        {entities.status === 'loading' ? (
          <li className="cf-muted cf-picker__empty">Loading entities…</li>
        ) : null}
        {entities.status === 'ready' && matches.length === 0 ? (
          <li className="cf-muted cf-picker__empty">
            {all.length === 0
              ? 'This case has no entities yet.'
              : trimmed
                ? `No ${exclude?.length ? 'other ' : ''}entity matches “${trimmed}”.`
                : 'No other entities.'}
          </li>
        ) : null}
        {allowCreate ? (
          <li
            id={optionId(createIndex)}
            ref={createIndex === activeIndex ? activeRef : undefined}
            role="option"
            aria-selected={createIndex === activeIndex}
            className="cf-picker__option cf-picker__create"
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(createIndex)}
            onClick={() => choose(createIndex)}
          >
            <span>{trimmed ? `Create new entity “${trimmed}”` : 'Create new entity…'}</span>
          </li>
        ) : null}
      </ul>
      {entities.status === 'failed' ? (
        <p role="alert" className="cf-field__error">
          Could not read the case’s entities: {entities.message}
        </p>
      ) : null}
      {allowCreate ? (
        <div className="cf-picker__new">
          <EntityTypeField
            label="Type of a new entity"
            value={type}
            customTypes={customTypes}
            onChange={(next) => {
              setType(next);
              if (error?.code.startsWith('entity.type')) setError(null);
            }}
            error={typeError}
          />
        </div>
      ) : null}
      {otherError ? (
        <p role="alert" className="cf-field__error">
          {otherError}
        </p>
      ) : null}
      <div className="cf-dialog__footer">
        <span className="cf-muted cf-picker__hint">
          ↑↓ to move · Enter to choose · Esc to cancel
        </span>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </Dialog>
  );
}
