import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { sniffCsv, suggestMapping } from '../../../src/core/interop/csvImport';
import type { CsvImportKind, CsvMapping, CsvSniff } from '../../../src/core/interop/csvImportTypes';
import { CsvMappingStep, type PreviewProblems } from '../../../src/features/interop/CsvMappingStep';

function sniffed(text: string): CsvSniff {
  const result = sniffCsv(new TextEncoder().encode(text), { previewRows: 10 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The step with its mapping in state, as the dialog holds it; `latest()` is the last mapping. */
function renderStep(sniff: CsvSniff, kind: CsvImportKind, problems: PreviewProblems) {
  let latest: CsvMapping = suggestMapping(sniff.columns, kind).mapping;
  function Harness() {
    const [mapping, setMapping] = useState<CsvMapping>(latest);
    return (
      <CsvMappingStep
        sniff={sniff}
        encoding="utf-8"
        onEncodingChange={() => undefined}
        kind={kind}
        onKindChange={() => undefined}
        mapping={mapping}
        onMappingChange={(next) => {
          latest = next;
          setMapping(next);
        }}
        mappingProblem={null}
        ownExport={false}
        previewProblems={problems}
        disabled={false}
      />
    );
  }
  render(<Harness />);
  return { user: userEvent.setup(), latest: () => latest };
}

const CLAIMS =
  'subject,predicate,object,confidence note\r\n' +
  'Lazarus Group,attacked,Bangladesh Bank,high\r\n' +
  'Lazarus Group,posted,=SUM(A1),low\r\n';

describe('CsvMappingStep', () => {
  it('maps a claim object to a literal value and a credibility fixed for every row', async () => {
    const { user, latest } = renderStep(sniffed(CLAIMS), 'claims', {
      kind: 'checked',
      byRow: new Map([[3, ['Object: not an entity.']]]),
    });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Object type (required)' }),
      'A value, not an entity',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Credibility (required)' }), '3');
    const mapping = latest();
    expect(mapping.kind === 'claims' && mapping.object).toEqual({ kind: 'literal', column: 2 });
    expect(mapping.kind === 'claims' && mapping.credibility).toEqual({ kind: 'fixed', value: 3 });

    // The preview shows the fixed value on every row, and each row's problems.
    const table = screen.getByRole('table', { name: /as they would be imported/ });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first as HTMLElement).getAllByText('3')).toHaveLength(1);
    expect(first).toHaveTextContent('None');
    expect(second).toHaveTextContent('=SUM(A1)');
    expect(second).toHaveTextContent('Object: not an entity.');
  });

  it('offers the other columns as attributes and drops one taken by another field', async () => {
    const sniff = sniffed('label,kind,Country,Handle\r\nAna,Person,BG,@ana\r\n');
    const { user, latest } = renderStep(sniff, 'entities', { kind: 'checking' });
    const attributes = screen.getByRole('group', { name: 'Other columns, imported as attributes' });
    expect(within(attributes).getByRole('checkbox', { name: 'Country' })).toBeChecked();
    await user.click(within(attributes).getByRole('checkbox', { name: 'Handle' }));
    const unchecked = latest();
    expect(unchecked.kind === 'entities' && unchecked.attributes).toEqual([
      { column: 2, key: 'Country' },
    ]);

    // Country as the notes: it is no longer offered as an attribute.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Notes' }), 'Country');
    expect(within(attributes).queryByRole('checkbox', { name: 'Country' })).not.toBeInTheDocument();
    const mapping = latest();
    expect(mapping.kind === 'entities' && mapping.notes).toBe(2);
    expect(mapping.kind === 'entities' && mapping.attributes).toEqual([]);
    expect(screen.getByRole('table', { name: /as they would be imported/ })).toHaveTextContent('…');
  });

  it('shows what the sniffer found: rows, delimiter, warnings', () => {
    renderStep(sniffed('name;name\r\nA;B\r\n'), 'entities', { kind: 'checking' });
    expect(screen.getByText(/1 row, 2 columns, separated by semicolons\./)).toBeInTheDocument();
    expect(screen.getByText(/Repeated column names/)).toBeInTheDocument();
  });
});
