import { useId } from 'react';
import type {
  CsvColumn,
  CsvEncoding,
  CsvImportKind,
  CsvMapping,
  CsvSniff,
  EntitiesCsvMapping,
} from '../../core/interop/csvImportTypes';
import { Banner, SelectField } from '../../ui';
import {
  attributeCandidates,
  CLAIM_FIELDS,
  ENTITY_FIELDS,
  previewValue,
  UNCHOSEN,
  type MappingField,
} from './csvMappingFields';

export const ENCODING_LABELS: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Western European, older Excel)',
};

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
};

/** How the preview rows fared when mapped: problems by spreadsheet row number. */
export type PreviewProblems =
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly byRow: ReadonlyMap<number, readonly string[]> }
  | { readonly kind: 'failed'; readonly message: string };

export interface CsvMappingStepProps {
  readonly sniff: CsvSniff;
  readonly encoding: CsvEncoding;
  readonly onEncodingChange: (encoding: CsvEncoding) => void;
  readonly kind: CsvImportKind;
  readonly onKindChange: (kind: CsvImportKind) => void;
  readonly mapping: CsvMapping;
  readonly onMappingChange: (mapping: CsvMapping) => void;
  /** Why the mapping cannot run yet (a required column not chosen …), or null. */
  readonly mappingProblem: string | null;
  readonly ownExport: boolean;
  readonly previewProblems: PreviewProblems;
  readonly disabled: boolean;
}

export function EncodingSelect({
  encoding,
  onChange,
  disabled,
}: {
  readonly encoding: CsvEncoding;
  readonly onChange: (encoding: CsvEncoding) => void;
  readonly disabled: boolean;
}) {
  return (
    <SelectField
      label="Encoding"
      value={encoding}
      disabled={disabled}
      hint="UTF-8 unless the file says otherwise; choose Windows-1252 only for a file that is not UTF-8."
      onChange={(event) => onChange(event.target.value as CsvEncoding)}
    >
      {(Object.keys(ENCODING_LABELS) as CsvEncoding[]).map((e) => (
        <option key={e} value={e}>
          {ENCODING_LABELS[e]}
        </option>
      ))}
    </SelectField>
  );
}

function FieldSelect<M extends CsvMapping>({
  field,
  mapping,
  columns,
  onChange,
  disabled,
}: {
  readonly field: MappingField<M>;
  readonly mapping: M;
  readonly columns: readonly CsvColumn[];
  readonly onChange: (mapping: M) => void;
  readonly disabled: boolean;
}) {
  const value = field.get(mapping);
  return (
    <SelectField
      label={field.required ? `${field.label} (required)` : field.label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(field.set(mapping, event.target.value))}
    >
      {value === UNCHOSEN ? (
        <option value={UNCHOSEN} disabled>
          Choose a column…
        </option>
      ) : null}
      {field.groups(columns).map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

function AttributeChoices({
  mapping,
  columns,
  onChange,
  disabled,
}: {
  readonly mapping: EntitiesCsvMapping;
  readonly columns: readonly CsvColumn[];
  readonly onChange: (mapping: EntitiesCsvMapping) => void;
  readonly disabled: boolean;
}) {
  const legendId = useId();
  const candidates = attributeCandidates(mapping, columns);
  if (candidates.length === 0) return null;
  const chosen = new Map(mapping.attributes.map((a) => [a.column, a.key]));
  function toggle(column: CsvColumn, on: boolean) {
    const attributes = on
      ? [...mapping.attributes, { column: column.index, key: column.name || column.label }]
      : mapping.attributes.filter((a) => a.column !== column.index);
    onChange({ ...mapping, attributes: attributes.sort((a, b) => a.column - b.column) });
  }
  return (
    <fieldset className="cf-import-attributes" aria-labelledby={legendId}>
      <legend id={legendId}>Other columns, imported as attributes</legend>
      {candidates.map((c) => (
        <label key={c.index} className="cf-import-attribute">
          <input
            type="checkbox"
            checked={chosen.has(c.index)}
            disabled={disabled}
            onChange={(event) => toggle(c, event.target.checked)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Attributes no longer offered (their column now fills another field) are dropped. */
function keepAttributesValid(mapping: CsvMapping, columns: readonly CsvColumn[]): CsvMapping {
  if (mapping.kind !== 'entities') return mapping;
  const offered = new Set(attributeCandidates(mapping, columns).map((c) => c.index));
  return { ...mapping, attributes: mapping.attributes.filter((a) => offered.has(a.column)) };
}

function PreviewTable({
  sniff,
  fields,
  values,
  problems,
}: {
  readonly sniff: CsvSniff;
  readonly fields: readonly { readonly label: string }[];
  readonly values: readonly string[];
  readonly problems: PreviewProblems;
}) {
  const captionId = useId();
  return (
    <div className="cf-import-preview-rows">
      <p id={captionId} className="cf-import-heading">
        First {sniff.preview.length === 1 ? 'row' : `${sniff.preview.length} rows`} as they would be
        imported
      </p>
      {problems.kind === 'failed' ? <Banner tone="error">{problems.message}</Banner> : null}
      <div className="cf-import-table-scroll">
        <table className="cf-import-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">Row</th>
              {fields.map((f) => (
                <th key={f.label} scope="col">
                  {f.label}
                </th>
              ))}
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {sniff.preview.map((row) => {
              const rowProblems = problems.kind === 'checked' ? problems.byRow.get(row.row) : [];
              return (
                <tr key={row.row} className={rowProblems?.length ? 'cf-import-row--problem' : ''}>
                  <th scope="row">{row.row}</th>
                  {values.map((value, i) => (
                    <td key={fields[i]?.label ?? i}>{previewValue(value, row)}</td>
                  ))}
                  <td>
                    {problems.kind === 'checking'
                      ? '…'
                      : rowProblems?.length
                        ? rowProblems.join(' ')
                        : problems.kind === 'checked'
                          ? 'None'
                          : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The CSV mapping step: encoding, entities or claims, a select per target field (the suggested
 * mapping pre-filled), and the first rows as they would be imported with their problems.
 */
export function CsvMappingStep(props: CsvMappingStepProps) {
  const { sniff, mapping, disabled } = props;
  const kindId = useId();
  const columns = sniff.columns;
  const change = (next: CsvMapping) => props.onMappingChange(keepAttributesValid(next, columns));
  const fields: readonly MappingField<CsvMapping>[] = (
    mapping.kind === 'entities' ? ENTITY_FIELDS : CLAIM_FIELDS
  ) as readonly MappingField<CsvMapping>[];
  const previewed = fields.filter((f) => f.previewed);
  const rows = `${sniff.rowCount.toLocaleString('en')} ${sniff.rowCount === 1 ? 'row' : 'rows'}`;
  return (
    <div className="cf-import-csv">
      <p className="cf-import-facts">
        {sniff.rowCountExact ? rows : `About ${rows}`}, {columns.length}{' '}
        {columns.length === 1 ? 'column' : 'columns'}, separated by{' '}
        {DELIMITER_NAMES[sniff.delimiter] ?? sniff.delimiter}
        {sniff.bom ? '; UTF-8 byte-order mark removed' : ''}.
      </p>
      {sniff.warnings.length > 0 ? (
        <Banner tone="warning">
          <ul className="cf-import-warnings">
            {sniff.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <div className="cf-import-row">
        <EncodingSelect
          encoding={props.encoding}
          onChange={props.onEncodingChange}
          disabled={disabled}
        />
        <div role="radiogroup" aria-labelledby={kindId} className="cf-import-kind">
          <p id={kindId} className="cf-import-heading">
            Each row is
          </p>
          {(['entities', 'claims'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name={`${kindId}-kind`}
                value={k}
                checked={props.kind === k}
                disabled={disabled}
                onChange={() => props.onKindChange(k)}
              />
              {k === 'entities' ? 'An entity' : 'A claim'}
            </label>
          ))}
        </div>
      </div>
      {props.ownExport ? (
        <p className="cf-muted">This file has the columns of a Casefile export: they map as is.</p>
      ) : null}
      <fieldset className="cf-import-mapping">
        <legend>Columns</legend>
        <div className="cf-import-mapping__grid">
          {fields.map((field) => (
            <FieldSelect
              key={field.id}
              field={field}
              mapping={mapping}
              columns={columns}
              onChange={change}
              disabled={disabled}
            />
          ))}
        </div>
        {mapping.kind === 'entities' ? (
          <AttributeChoices
            mapping={mapping}
            columns={columns}
            onChange={change}
            disabled={disabled}
          />
        ) : null}
      </fieldset>
      {props.mappingProblem ? <Banner tone="warning">{props.mappingProblem}</Banner> : null}
      <PreviewTable
        sniff={sniff}
        fields={previewed}
        values={previewed.map((f) => f.get(mapping))}
        problems={props.previewProblems}
      />
    </div>
  );
}
