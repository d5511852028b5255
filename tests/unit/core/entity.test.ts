import { describe, expect, it } from 'vitest';
import {
  ENTITY_TYPES,
  ENTITY_TYPE_INFO,
  applyEntityChanges,
  comparableName,
  customEntityType,
  entityTypeInfo,
  mergedEntityFields,
  parseEntityType,
  suggestionKey,
  validateNewEntity,
  type EntityType,
} from '../../../src/core';
import { anEntity } from '../../fixtures/builders';

describe('entity types', () => {
  it('gives every built-in type a label, an icon and a distinct colour', () => {
    const colours = new Set<string>();
    for (const type of ENTITY_TYPES) {
      const info = ENTITY_TYPE_INFO[type];
      expect(info.label).not.toBe('');
      expect(info.icon).not.toBe('');
      expect(info.colour).toMatch(/^#[0-9a-f]{6}$/);
      colours.add(info.colour);
    }
    expect(colours.size).toBe(ENTITY_TYPES.length);
  });

  it('accepts built-in and well-formed custom types', () => {
    expect(parseEntityType('Person')).toEqual({ ok: true, value: 'Person' });
    expect(parseEntityType('custom:Shell company')).toEqual({
      ok: true,
      value: 'custom:Shell company',
    });
    expect(customEntityType('  Front   company ')).toEqual({
      ok: true,
      value: 'custom:Front company',
    });
  });

  it.each([
    ['', 'entity.typeUnknown'],
    ['person', 'entity.typeUnknown'],
    ['Spaceship', 'entity.typeUnknown'],
    [42, 'entity.typeUnknown'],
    ['custom:', 'entity.typeInvalid'],
    ['custom: leading space', 'entity.typeInvalid'],
    ['custom:<script>', 'entity.typeInvalid'],
    [`custom:${'x'.repeat(41)}`, 'entity.typeInvalid'],
  ])('refuses the type %j with %s', (type, code) => {
    expect(parseEntityType(type)).toMatchObject({ ok: false, error: { code } });
  });

  it('gives a custom type a stable colour and the generic icon', () => {
    const type = 'custom:Shell company' as EntityType;
    expect(entityTypeInfo(type)).toEqual(entityTypeInfo(type));
    expect(entityTypeInfo(type)).toMatchObject({ label: 'Shell company', icon: 'custom' });
  });
});

describe('comparable names', () => {
  it('reads spelling variants of one name as the same', () => {
    const forms = ['Kim Jong-un', 'Kim Jong Un', 'KIM  JONG UN', 'Kim Jong‑un', 'kim_jong_un'];
    expect(new Set(forms.map(comparableName)).size).toBe(1);
    expect(comparableName('Kim Jong Nam')).not.toBe(comparableName('Kim Jong Un'));
  });

  it('keys rejections by type and comparable value', () => {
    expect(suggestionKey('Person', 'Kim Jong-un')).toBe(suggestionKey('Person', 'kim jong un'));
    expect(suggestionKey('Person', 'Kim')).not.toBe(suggestionKey('Location', 'Kim'));
  });
});

describe('entity validation', () => {
  it('normalises the name and drops aliases that repeat it', () => {
    expect(
      validateNewEntity({
        type: 'Person',
        name: '  Kim   Jong Nam ',
        aliases: ['Kim Jong-nam', 'Kim Chol', ' Kim Chol '],
        attributes: { dateOfBirth: '1971-05-10', nationality: 'KP', note: '' },
      }),
    ).toEqual({
      ok: true,
      value: {
        type: 'Person',
        name: 'Kim Jong Nam',
        aliases: ['Kim Chol'],
        attributes: { dateOfBirth: '1971-05-10', nationality: 'KP' },
        notes: '',
      },
    });
  });

  it.each([
    [{ type: 'Person', name: '' }, 'entity.nameEmpty'],
    [{ type: 'Person', name: '   ' }, 'entity.nameEmpty'],
    [{ type: 'Person', name: 'x'.repeat(301) }, 'entity.nameTooLong'],
    [{ type: 'Persons', name: 'Kim' }, 'entity.typeUnknown'],
    [{ type: '', name: 'Kim' }, 'entity.typeUnknown'],
    [{ type: 'Person', name: 'Kim', aliases: [''] }, 'entity.aliasInvalid'],
    [
      { type: 'Person', name: 'Kim', attributes: { dateOfBirth: '10/05/1971' } },
      'entity.attributeInvalid',
    ],
    [{ type: 'Money', name: 'Ransom', attributes: { amount: 'lots' } }, 'entity.attributeInvalid'],
    [{ type: 'Person', name: 'Kim', attributes: { '': 'x' } }, 'entity.attributeInvalid'],
  ])('refuses %j with %s', (input, code) => {
    const result = validateNewEntity(input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
  });

  it('types number attributes and checks dates by the type’s attribute kinds', () => {
    expect(
      validateNewEntity({ type: 'Money', name: 'Heist', attributes: { amount: '81000000' } }),
    ).toMatchObject({ ok: true, value: { attributes: { amount: 81_000_000 } } });
    // An attribute the type does not define is free text.
    expect(
      validateNewEntity({ type: 'Person', name: 'Kim', attributes: { shoeSize: '10/05' } }),
    ).toMatchObject({ ok: true, value: { attributes: { shoeSize: '10/05' } } });
  });

  it('validates edits as a whole', () => {
    const entity = anEntity({ name: 'Lazarus', type: 'Organization' });
    expect(applyEntityChanges(entity, { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'entity.nameEmpty' },
    });
    expect(applyEntityChanges(entity, { aliases: ['Hidden Cobra'] })).toMatchObject({
      ok: true,
      value: { name: 'Lazarus', aliases: ['Hidden Cobra'] },
    });
  });
});

describe('merging entity fields', () => {
  it('keeps the survivor’s name and makes the other’s names aliases, losing nothing', () => {
    const survivor = anEntity({
      type: 'Person',
      name: 'Kim Jong Un',
      aliases: ['Kim Jong-un'],
      attributes: { nationality: 'KP', role: 'leader' },
      notes: 'Head of state.',
    });
    const merged = anEntity({
      type: 'Person',
      name: 'Kim Jong-un',
      aliases: ['Kim Jong Eun'],
      attributes: { role: 'Supreme Leader', dateOfBirth: '1984-01-08' },
      notes: 'Duplicate from the tip-off.',
    });
    expect(mergedEntityFields(survivor, merged)).toEqual({
      type: 'Person',
      name: 'Kim Jong Un',
      // Spelling variants that read the same as the name are not kept as aliases.
      aliases: ['Kim Jong Eun'],
      attributes: {
        nationality: 'KP',
        role: 'leader',
        'role (merged)': 'Supreme Leader',
        dateOfBirth: '1984-01-08',
      },
      notes: 'Head of state.\n\nDuplicate from the tip-off.',
    });
  });
});
