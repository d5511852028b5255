import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  ImportPreview,
  NOT_IMPORTED_SHOWN,
  type ImportPreviewModel,
} from '../../../src/features/interop/ImportPreview';

function model(over: Partial<ImportPreviewModel> = {}): ImportPreviewModel {
  return {
    fileName: 'feed.json',
    toAdd: [
      { label: 'Entities', count: 12_345 },
      { label: 'Claims', count: 4 },
    ],
    reusedNote: null,
    notImported: { heading: 'Not imported: 0 objects', total: 0, items: [] },
    notices: { total: 0, items: [] },
    whereIsId: true,
    ...over,
  };
}

describe('ImportPreview', () => {
  it('lists the counts to be added, and nothing else when everything is imported', () => {
    render(<ImportPreview model={model()} />);
    const added = screen.getByRole('region', { name: 'To be added to the case' });
    expect(within(added).getByRole('row', { name: 'Entities 12,345' })).toBeInTheDocument();
    expect(within(added).getByRole('row', { name: 'Claims 4' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Not imported/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Changed on the way in/ })).not.toBeInTheDocument();
  });

  it('says so when the file holds nothing new, and how many entities are reused', () => {
    render(
      <ImportPreview
        model={model({ toAdd: [], reusedNote: '3 entities are already in the case.' })}
      />,
    );
    expect(
      screen.getByText('Nothing new: everything in feed.json is already in the case.'),
    ).toBeInTheDocument();
    expect(screen.getByText('3 entities are already in the case.')).toBeInTheDocument();
  });

  it('lists the first skipped items with their reasons and counts the rest', () => {
    const items = Array.from({ length: NOT_IMPORTED_SHOWN + 5 }, (_, i) => ({
      where: `Row ${i + 2}`,
      reason: 'An entity needs a name.',
    }));
    render(
      <ImportPreview
        model={model({
          notImported: { heading: 'Not imported: 40 rows', total: 57, items },
          notices: { total: 1, items: [{ where: 'report--1', reason: 'Became no source.' }] },
          whereIsId: false,
        })}
      />,
    );
    const skipped = screen.getByRole('region', { name: 'Not imported: 40 rows' });
    expect(within(skipped).getAllByRole('listitem')).toHaveLength(NOT_IMPORTED_SHOWN);
    expect(within(skipped).getAllByRole('listitem')[0]).toHaveTextContent(
      'Row 2: An entity needs a name.',
    );
    expect(within(skipped).getByText(`and ${57 - NOT_IMPORTED_SHOWN} more.`)).toBeInTheDocument();
    const changed = screen.getByRole('region', { name: 'Changed on the way in (1)' });
    expect(within(changed).getByRole('listitem')).toHaveTextContent('report--1: Became no source.');
  });
});
