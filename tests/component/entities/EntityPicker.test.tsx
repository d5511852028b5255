import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { EntityPicker, type EntityPickChoice } from '../../../src/features/entities';
import { addEntity, addSource, openTestStorage, renderWith, tagAll } from './harness';

let storage: CasefileStorage;
let caseId: CaseId;

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
});
afterEach(() => storage.close());

function renderPicker(props: { initialName?: string; allowCreate?: boolean } = {}) {
  const onPick = vi.fn<(choice: EntityPickChoice) => void>();
  const onCancel = vi.fn();
  const view = renderWith(
    storage,
    <EntityPicker caseId={caseId} onPick={onPick} onCancel={onCancel} {...props} />,
  );
  return { ...view, onPick, onCancel };
}

describe('the entity picker', () => {
  it('finds entities by name or alias as typed, and is driven by the keyboard', async () => {
    const kim = await addEntity(storage, caseId, {
      name: 'Kim Jong Un',
      type: 'Person',
      aliases: ['Kim Jong-un'],
    });
    const nam = await addEntity(storage, caseId, { name: 'Kim Jong Nam', type: 'Person' });
    await addEntity(storage, caseId, { name: 'Pyongyang', type: 'Location' });
    const text = 'Kim Jong Nam met Kim Jong Nam.';
    const source = await addSource(storage, caseId, 'Report', text);
    await tagAll(storage, caseId, source, text, 'Kim Jong Nam', nam);

    const { user, onPick } = renderPicker();
    const search = screen.getByRole('combobox', { name: 'Find an entity, or name a new one' });
    expect(search).toHaveFocus();
    await user.type(search, 'kim jong');
    const list = screen.getByRole('listbox', { name: 'Entities' });
    await within(list).findByRole('option', { name: /Kim Jong Un/ });
    const options = within(list).getAllByRole('option');
    // The more mentioned first among equally good matches; "create" last.
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('Kim Jong Nam'),
      expect.stringContaining('Kim Jong Un'),
      'Create new entity “kim jong”',
    ]);
    expect(options[0]).toHaveTextContent('2 mentions');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(search).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith({ entityId: kim });
  });

  it('matches aliases in their comparable form and says which alias matched', async () => {
    await addEntity(storage, caseId, {
      name: 'Kim Jong Un',
      type: 'Person',
      aliases: ['Marshal Kim'],
    });
    const { user } = renderPicker();
    await user.type(
      screen.getByRole('combobox', { name: 'Find an entity, or name a new one' }),
      'MARSHAL',
    );
    expect(await screen.findByRole('option', { name: /Kim Jong Un/ })).toHaveTextContent(
      'also “Marshal Kim”',
    );
  });

  it('cancels with Escape', async () => {
    const { user, onCancel, onPick } = renderPicker();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
    expect(onPick).not.toHaveBeenCalled();
  });

  it('refuses to create an entity with an empty name or no type, with core’s messages', async () => {
    const { user, onPick } = renderPicker();
    const search = screen.getByRole('combobox', { name: 'Find an entity, or name a new one' });
    await screen.findByText('This case has no entities yet.');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('An entity needs a name.');
    expect(search).toHaveAttribute('aria-invalid', 'true');

    await user.type(search, 'Kim Jong Nam');
    expect(screen.queryByText('An entity needs a name.')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a type for the entity.');
    expect(onPick).not.toHaveBeenCalled();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Type of a new entity' }),
      'Person',
    );
    await user.click(screen.getByRole('option', { name: 'Create new entity “Kim Jong Nam”' }));
    expect(onPick).toHaveBeenCalledWith({ newEntity: { name: 'Kim Jong Nam', type: 'Person' } });
  });

  it('creates an entity of a custom type, refusing a malformed type name', async () => {
    const { user, onPick } = renderPicker({ initialName: 'MV Ocean Star' });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Type of a new entity' }),
      'Custom type…',
    );
    const typeName = screen.getByRole('textbox', { name: 'Custom type name' });
    await user.type(typeName, '!!');
    await user.click(screen.getByRole('option', { name: 'Create new entity “MV Ocean Star”' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /custom type name must be 1–40 letters/,
    );
    expect(onPick).not.toHaveBeenCalled();

    await user.clear(typeName);
    await user.type(typeName, 'Vessel');
    await user.click(screen.getByRole('option', { name: 'Create new entity “MV Ocean Star”' }));
    expect(onPick).toHaveBeenCalledWith({
      newEntity: { name: 'MV Ocean Star', type: 'custom:Vessel' },
    });
  });

  it('offers the custom types already used in the case, and guesses an indicator’s type', async () => {
    await addEntity(storage, caseId, { name: 'MV Ocean Star', type: 'custom:Vessel' });
    const { user, onPick } = renderPicker({ initialName: '203.0.113.45' });
    const type = screen.getByRole('combobox', { name: 'Type of a new entity' });
    expect(type).toHaveValue('IPAddress');
    await screen.findByRole('option', { name: 'Vessel' });
    expect(
      within(type).getByRole('group', { name: 'Custom types in this case' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'Create new entity “203.0.113.45”' }));
    expect(onPick).toHaveBeenCalledWith({
      newEntity: { name: '203.0.113.45', type: 'IPAddress' },
    });
  });

  it('names a new entity from a defanged indicator by its refanged value', async () => {
    const { user, onPick } = renderPicker({ initialName: 'hxxps://evil-update[.]example[.]com/x' });
    expect(screen.getByRole('combobox', { name: 'Type of a new entity' })).toHaveValue('URL');
    await user.click(
      screen.getByRole('option', {
        name: 'Create new entity “https://evil-update.example.com/x”',
      }),
    );
    expect(onPick).toHaveBeenCalledWith({
      newEntity: { name: 'https://evil-update.example.com/x', type: 'URL' },
    });
  });

  it('lists existing entities only when creating is not allowed', async () => {
    await addEntity(storage, caseId, { name: 'Acme Ltd', type: 'Organization' });
    renderPicker({ allowCreate: false });
    await screen.findByRole('option', { name: /Acme Ltd/ });
    expect(screen.queryByRole('option', { name: /Create new entity/ })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('combobox', { name: 'Type of a new entity' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the dialog open and shows the error when the caller refuses the choice', async () => {
    await addEntity(storage, caseId, { name: 'Acme Ltd', type: 'Organization' });
    const onCancel = vi.fn();
    const { user } = renderWith(
      storage,
      <EntityPicker
        caseId={caseId}
        onCancel={onCancel}
        onPick={() => Promise.resolve('The passage is no longer in the source.')}
      />,
    );
    await user.click(await screen.findByRole('option', { name: /Acme Ltd/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The passage is no longer in the source.',
    );
    expect(screen.getByRole('dialog', { name: 'Choose an entity' })).toBeInTheDocument();
  });
});
