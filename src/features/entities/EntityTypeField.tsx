import { useId } from 'react';
import {
  ENTITY_TYPE_INFO,
  ENTITY_TYPES,
  customEntityType,
  customTypeName,
  entityTypeInfo,
  parseEntityType,
  validateNewEntity,
  type EntityType,
  type NewEntityInput,
  type ValidEntityFields,
} from '../../core';
import type { Result } from '../../shared/result';
import { EntityTypeBadge } from './EntityTypeBadge';

/** The select's value for "the investigator names a new type". */
const NEW_CUSTOM = '__custom__';

/** What the type field holds: a type id from the list, or a new custom type being named. */
export interface TypeChoice {
  /** A type id, '' for none chosen yet, or the new-custom marker. */
  readonly selected: string;
  /** The name typed for a new custom type. */
  readonly customName: string;
}

export const NO_TYPE: TypeChoice = { selected: '', customName: '' };

export function typeChoiceOf(type: EntityType): TypeChoice {
  return { selected: type, customName: '' };
}

/** The type id the choice stands for, checked by core: errors are core's (empty, unknown, bad name). */
export function resolveTypeChoice(choice: TypeChoice): Result<EntityType> {
  return choice.selected === NEW_CUSTOM
    ? customEntityType(choice.customName)
    : parseEntityType(choice.selected);
}

/**
 * Checks a new entity with core's rules, reporting a missing name before a missing type (the
 * order the fields are read in; core checks the type first).
 */
export function checkNewEntity(
  input: Omit<NewEntityInput, 'type'>,
  choice: TypeChoice,
): Result<ValidEntityFields> {
  const type = resolveTypeChoice(choice);
  if (type.ok) return validateNewEntity({ ...input, type: type.value });
  const named = validateNewEntity({ ...input, type: 'Document' });
  return named.ok ? type : named;
}

const NAME_TYPES = ENTITY_TYPES.filter((t) => !ENTITY_TYPE_INFO[t].indicator);
const INDICATOR_TYPES = ENTITY_TYPES.filter((t) => ENTITY_TYPE_INFO[t].indicator);

/** The user-defined types among these entities' types, sorted by name. */
export function customTypesOf(entities: readonly { readonly type: EntityType }[]): EntityType[] {
  const found = new Set<EntityType>();
  for (const e of entities) if (customTypeName(e.type) !== undefined) found.add(e.type);
  return [...found].sort((a, b) => entityTypeInfo(a).label.localeCompare(entityTypeInfo(b).label));
}

/** The options of a type select: built-in types (names, then indicators), then custom ones. */
export function TypeOptions({ customTypes }: { readonly customTypes: readonly EntityType[] }) {
  return (
    <>
      <optgroup label="People, organisations, things">
        {NAME_TYPES.map((t) => (
          <option key={t} value={t}>
            {ENTITY_TYPE_INFO[t].label}
          </option>
        ))}
      </optgroup>
      <optgroup label="Indicators">
        {INDICATOR_TYPES.map((t) => (
          <option key={t} value={t}>
            {ENTITY_TYPE_INFO[t].label}
          </option>
        ))}
      </optgroup>
      {customTypes.length > 0 ? (
        <optgroup label="Custom types in this case">
          {customTypes.map((t) => (
            <option key={t} value={t}>
              {entityTypeInfo(t).label}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
}

export interface EntityTypeFieldProps {
  readonly label?: string;
  readonly value: TypeChoice;
  readonly onChange: (next: TypeChoice) => void;
  /** Custom types the case already uses, offered alongside the built-in ones. */
  readonly customTypes: readonly EntityType[];
  readonly error?: string | undefined;
  readonly disabled?: boolean;
}

/**
 * Chooses an entity type: the built-in types (the chosen one shown with its icon and colour),
 * the case's own custom types, or "Custom type…" to name a new one.
 */
export function EntityTypeField({
  label = 'Type',
  value,
  onChange,
  customTypes,
  error,
  disabled = false,
}: EntityTypeFieldProps) {
  const id = useId();
  const resolved = resolveTypeChoice(value);
  const isNewCustom = value.selected === NEW_CUSTOM;
  // A stored custom type not yet in the list (e.g. the entity being edited) is offered too.
  const offered =
    value.selected !== '' &&
    !isNewCustom &&
    customTypeName(value.selected) !== undefined &&
    !customTypes.includes(value.selected as EntityType)
      ? [...customTypes, value.selected as EntityType]
      : customTypes;
  return (
    <div className="cf-field cf-type-field">
      <label htmlFor={id}>{label}</label>
      <div className="cf-type-field__row">
        <span className="cf-type-field__icon" aria-hidden="true">
          {resolved.ok ? <EntityTypeBadge type={resolved.value} iconOnly /> : null}
        </span>
        <select
          id={id}
          value={value.selected}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange({ ...value, selected: e.target.value })}
        >
          <option value="">Choose a type…</option>
          <TypeOptions customTypes={offered} />
          <option value={NEW_CUSTOM}>Custom type…</option>
        </select>
      </div>
      {isNewCustom ? (
        <>
          <label htmlFor={`${id}-custom`}>Custom type name</label>
          <input
            id={`${id}-custom`}
            value={value.customName}
            disabled={disabled}
            autoComplete="off"
            placeholder="e.g. Vessel, Shell company"
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange({ ...value, customName: e.target.value })}
          />
        </>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="cf-field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
