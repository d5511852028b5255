import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseId, EntityId, PassageId, SourceId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { EntitiesArea } from '../../../src/features/entities';
import { addEntity, addSource, openTestStorage, renderWith, tagAll } from './harness';

let storage: CasefileStorage;
let caseId: CaseId;
let opened: { sourceId: SourceId; passageId: PassageId }[];

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  opened = [];
});
afterEach(() => storage.close());

/** The area as the workspace hosts it: the open entity is route state. */
function Area({ start, readOnly = false }: { start?: EntityId; readOnly?: boolean }) {
  const [entityId, setEntityId] = useState<EntityId | undefined>(start);
  return (
    <EntitiesArea
      caseId={caseId}
      entityId={entityId}
      readOnly={readOnly}
      onOpenEntity={setEntityId}
      onOpenPassage={(sourceId, passageId) => opened.push({ sourceId, passageId })}
      onOpenClaim={() => undefined}
    />
  );
}

const REPORT =
  'Kim Jong Nam arrived at Kuala Lumpur airport. Witnesses saw Kim Jong Nam collapse. ' +
  'Kim Chol was the name on his passport. The wallet 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 was used.';

async function seedCase() {
  const nam = await addEntity(storage, caseId, { name: 'Kim Jong Nam', type: 'Person' });
  const chol = await addEntity(storage, caseId, { name: 'Kim Chol', type: 'Person' });
  const airport = await addEntity(storage, caseId, {
    name: 'Kuala Lumpur airport',
    type: 'Location',
    aliases: ['KLIA'],
  });
  const wallet = await addEntity(storage, caseId, {
    name: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    type: 'CryptoWallet',
  });
  const source = await addSource(storage, caseId, 'Airport report', REPORT);
  await tagAll(storage, caseId, source, REPORT, 'Kim Jong Nam', nam);
  await tagAll(storage, caseId, source, REPORT, 'Kim Chol', chol);
  await tagAll(storage, caseId, source, REPORT, 'Kuala Lumpur airport', airport);
  return { nam, chol, airport, wallet, source };
}

function rowNames(): string[] {
  const table = screen.getByRole('table', { name: 'Entities' });
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => within(cell).getByRole('button').textContent ?? '');
}

describe('the entity table', () => {
  it('says when there are none and creates one, refusing an empty name or no type', async () => {
    const { user } = renderWith(storage, <Area />);
    await screen.findByRole('heading', { name: 'No entities yet' });
    await user.click(screen.getAllByRole('button', { name: 'New entity…' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'New entity' });
    await user.click(within(dialog).getByRole('button', { name: 'Create entity' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('An entity needs a name.');

    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Acme Shipping Ltd');
    await user.click(within(dialog).getByRole('button', { name: 'Create entity' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Choose a type for the entity.',
    );
    expect(await storage.entities.list(caseId)).toEqual([]);

    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Type' }),
      'Organization',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Aliases' }),
      'Acme Shipping{Enter}ACME SHIPPING LIMITED',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create entity' }));

    expect(
      await screen.findByRole('heading', { name: 'Acme Shipping Ltd', level: 2 }),
    ).toBeInTheDocument();
    const [stored] = await storage.entities.list(caseId);
    expect(stored).toMatchObject({
      name: 'Acme Shipping Ltd',
      type: 'Organization',
      aliases: ['Acme Shipping', 'ACME SHIPPING LIMITED'],
    });
  });

  it('sorts by mentions by default, and by name or type; filters by type and text', async () => {
    await seedCase();
    const { user } = renderWith(storage, <Area />);
    await screen.findByRole('table', { name: 'Entities' });
    expect(rowNames()).toEqual([
      'Kim Jong Nam',
      'Kim Chol',
      'Kuala Lumpur airport',
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    ]);
    const mentions = screen.getByRole('columnheader', { name: /Mentions/ });
    expect(mentions).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: 'Name' }));
    expect(rowNames()).toEqual([
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
      'Kim Chol',
      'Kim Jong Nam',
      'Kuala Lumpur airport',
    ]);
    await user.click(screen.getByRole('button', { name: 'Type' }));
    expect(rowNames()[0]).toBe('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Entity type' }), 'Person (2)');
    expect(rowNames()).toEqual(['Kim Chol', 'Kim Jong Nam']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Entity type' }), 'All types');
    await user.type(screen.getByRole('searchbox', { name: 'Filter entities' }), 'klia');
    await waitFor(() => expect(rowNames()).toEqual(['Kuala Lumpur airport']));
    expect(screen.getByText('1 of 4 entities')).toBeInTheDocument();
  });

  it('lists custom types in the type filter', async () => {
    await addEntity(storage, caseId, { name: 'MV Ocean Star', type: 'custom:Vessel' });
    await addEntity(storage, caseId, { name: 'Acme', type: 'Organization' });
    const { user } = renderWith(storage, <Area />);
    const filter = await screen.findByRole('combobox', { name: 'Entity type' });
    await user.selectOptions(filter, 'Vessel (1)');
    expect(rowNames()).toEqual(['MV Ocean Star']);
  });
});

describe('the entity page', () => {
  it('shows every mention in context by source, and opens the source at a passage', async () => {
    const { nam, source } = await seedCase();
    const { user } = renderWith(storage, <Area start={nam} />);
    expect(
      await screen.findByRole('heading', { name: 'Kim Jong Nam', level: 2 }),
    ).toBeInTheDocument();
    const mentions = screen.getByRole('region', { name: 'Mentions' });
    await within(mentions).findByRole('heading', { name: /Airport report/ });
    const items = within(mentions).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent('Witnesses saw Kim Jong Nam collapse');
    expect(items[1]!.querySelector('mark')).toHaveTextContent('Kim Jong Nam');

    await user.click(within(items[1]!).getAllByRole('button')[0]!);
    const [second] = (await storage.entities.mentions(nam)).slice(1);
    expect(opened).toEqual([{ sourceId: source.id, passageId: second!.passage.id }]);
    expect(
      within(screen.getByRole('region', { name: 'Claims' })).getByText(/No claims yet/),
    ).toBeInTheDocument();
  });

  it('edits name, aliases and typed attributes, checking a date attribute', async () => {
    const { nam } = await seedCase();
    const { user } = renderWith(storage, <Area start={nam} />);
    const form = await screen.findByRole('form', { name: 'Entity details' });
    const born = within(form).getByRole('textbox', { name: 'Date of birth' });
    await user.type(born, '10 May 1971');
    await user.tab();
    expect(
      await within(form).findByText(/Date of birth must be a date written YYYY/),
    ).toBeVisible();
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect((await storage.entities.get(nam))?.attributes).toEqual({});

    await user.clear(born);
    await user.type(born, '1971-05-10');
    await user.type(within(form).getByRole('textbox', { name: 'New alias' }), 'Kim Chol{Enter}');
    await user.type(within(form).getByRole('combobox', { name: 'Nationality' }), 'North Korea');
    await user.click(within(form).getByRole('button', { name: '+ Add attribute' }));
    await user.type(within(form).getByRole('textbox', { name: 'Attribute name' }), 'Height');
    await user.type(within(form).getByRole('textbox', { name: 'Value of Height' }), '1.70 m');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Changes saved.');
    expect(await storage.entities.get(nam)).toMatchObject({
      aliases: ['Kim Chol'],
      attributes: { dateOfBirth: '1971-05-10', nationality: 'North Korea', Height: '1.70 m' },
    });
    expect(await screen.findByText('Also known as')).toBeInTheDocument();
  });

  it('merges a duplicate into this entity and undoes the merge', async () => {
    const { nam, chol } = await seedCase();
    const { user } = renderWith(storage, <Area start={nam} />);
    await screen.findByRole('heading', { name: 'Kim Jong Nam', level: 2 });
    await user.click(screen.getByRole('button', { name: 'Merge…' }));
    const picker = screen.getByRole('dialog', { name: 'Merge a duplicate into “Kim Jong Nam”' });
    expect(within(picker).queryByRole('option', { name: /Create new/ })).not.toBeInTheDocument();
    await user.type(within(picker).getByRole('combobox'), 'chol');
    await user.keyboard('{Enter}');

    const confirm = await screen.findByRole('dialog', { name: 'Merge entities?' });
    expect(confirm).toHaveTextContent('“Kim Chol” becomes an alias of “Kim Jong Nam”');
    expect(confirm).toHaveTextContent('can be undone');
    await user.click(within(confirm).getByRole('button', { name: 'Merge entities' }));
    await screen.findByText('Merged “Kim Chol” into “Kim Jong Nam”.');
    expect((await storage.entities.get(nam))?.aliases).toEqual(['Kim Chol']);
    expect((await storage.entities.mentions(nam)).length).toBe(3);
    const mentions = screen.getByRole('region', { name: 'Mentions' });
    await within(mentions).findByText('3');

    const history = screen.getByRole('region', { name: 'Merge history' });
    await user.click(
      await within(history).findByRole('button', {
        name: 'Undo merge of “Kim Chol” into “Kim Jong Nam”',
      }),
    );
    await within(history).findByText('undone');
    expect((await storage.entities.get(nam))?.aliases).toEqual([]);
    expect((await storage.entities.get(chol))?.mergedInto).toBeUndefined();
    expect(await storage.entities.mentions(chol)).toHaveLength(1);
  });

  it('offers Undo right after a merge', async () => {
    const { nam, chol } = await seedCase();
    const { user } = renderWith(storage, <Area start={nam} />);
    await screen.findByRole('heading', { name: 'Kim Jong Nam', level: 2 });
    await user.click(screen.getByRole('button', { name: 'Merge…' }));
    await user.click(await screen.findByRole('option', { name: /Kim Chol/ }));
    await user.click(screen.getByRole('button', { name: 'Merge entities' }));
    await user.click(await screen.findByRole('button', { name: 'Undo merge' }));
    await screen.findByText('The merge was undone.');
    expect((await storage.entities.get(chol))?.mergedInto).toBeUndefined();
    expect((await storage.entities.get(nam))?.aliases).toEqual([]);
  });

  it('refuses to undo a merge while a later one is in force, and says why', async () => {
    const { nam, chol, airport } = await seedCase();
    expect((await storage.entities.merge(nam, chol)).ok).toBe(true);
    expect((await storage.entities.merge(airport, nam)).ok).toBe(true);
    const { user } = renderWith(storage, <Area start={nam} />);
    await screen.findByText(/This entity was merged into/);
    const history = screen.getByRole('region', { name: 'Merge history' });
    await user.click(
      await within(history).findByRole('button', {
        name: 'Undo merge of “Kim Chol” into “Kim Jong Nam”',
      }),
    );
    expect(await within(history).findByRole('alert')).toHaveTextContent(
      'A later merge involving these entities is still in force; undo that one first.',
    );

    await user.click(
      within(history).getByRole('button', {
        name: 'Undo merge of “Kim Jong Nam” into “Kuala Lumpur airport”',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/This entity was merged into/)).not.toBeInTheDocument(),
    );
    await user.click(
      within(history).getByRole('button', {
        name: 'Undo merge of “Kim Chol” into “Kim Jong Nam”',
      }),
    );
    await waitFor(async () =>
      expect((await storage.entities.merges(caseId)).every((m) => m.undoneAt)).toBe(true),
    );
  });

  it('moves a mention to a new entity (split)', async () => {
    const { nam } = await seedCase();
    const { user } = renderWith(storage, <Area start={nam} />);
    const mentions = await screen.findByRole('region', { name: 'Mentions' });
    const items = await within(mentions).findAllByRole('listitem');
    await user.click(within(items[0]!).getByRole('button', { name: 'Move to another entity…' }));
    const picker = screen.getByRole('dialog', { name: /^Move “Kim Jong Nam” to/ });
    const search = within(picker).getByRole('combobox', { name: /Find an entity/ });
    await user.clear(search);
    await user.type(search, 'Kim Jong Nam (impostor)');
    await user.selectOptions(
      within(picker).getByRole('combobox', { name: 'Type of a new entity' }),
      'Person',
    );
    await user.click(
      within(picker).getByRole('option', { name: 'Create new entity “Kim Jong Nam (impostor)”' }),
    );
    await screen.findByText('Moved “Kim Jong Nam” to another entity.');
    expect(await storage.entities.mentions(nam)).toHaveLength(1);
    const impostor = (await storage.entities.findByName(caseId, 'Kim Jong Nam (impostor)'))[0]!;
    expect(await storage.entities.mentions(impostor.id)).toHaveLength(1);
    await waitFor(() => expect(within(mentions).getAllByRole('listitem')).toHaveLength(1));
  });

  it('deletes an entity and its mentions after asking', async () => {
    const { chol } = await seedCase();
    const { user } = renderWith(storage, <Area start={chol} />);
    await screen.findByRole('heading', { name: 'Kim Chol', level: 2 });
    await user.click(screen.getByRole('button', { name: 'Delete entity' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete entity?' });
    expect(confirm).toHaveTextContent('1 mention');
    await user.click(within(confirm).getByRole('button', { name: 'Delete entity' }));
    await screen.findByRole('table', { name: 'Entities' });
    expect(await storage.entities.get(chol)).toBeUndefined();
  });

  it('disables edits when read-only', async () => {
    const { nam } = await seedCase();
    renderWith(storage, <Area start={nam} readOnly />);
    await screen.findByRole('heading', { name: 'Kim Jong Nam', level: 2 });
    expect(screen.getByRole('button', { name: 'Merge…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete entity' })).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'Name' })).toBeDisabled();
    const mentions = screen.getByRole('region', { name: 'Mentions' });
    for (const move of await within(mentions).findAllByRole('button', {
      name: 'Move to another entity…',
    }))
      expect(move).toBeDisabled();
  });
});
