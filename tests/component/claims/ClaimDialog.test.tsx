import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CaseId,
  ClaimId,
  EntityId,
  NewClaimInput,
  PassageId,
  Source,
} from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { ClaimDialog } from '../../../src/features/claims';
import { addEntity, addSource, openTestStorage, renderWith } from '../entities/harness';

let storage: CasefileStorage;
let caseId: CaseId;
let done: (ClaimId | undefined)[];

const ARTICLE =
  'Investigators say the Lazarus Group attacked Bangladesh Bank in February 2016, ' +
  'moving 81 million dollars to accounts in the Philippines.';

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  done = [];
});
afterEach(() => storage.close());

async function seed(): Promise<{ lazarus: EntityId; bank: EntityId; source: Source }> {
  const lazarus = await addEntity(storage, caseId, { name: 'Lazarus Group', type: 'Organization' });
  const bank = await addEntity(storage, caseId, { name: 'Bangladesh Bank', type: 'Organization' });
  const source = await addSource(storage, caseId, 'Sankei article', ARTICLE);
  const graded = await storage.sources.update(source.id, { reliability: 'B' });
  if (!graded.ok) throw new Error(graded.error.message);
  return { lazarus, bank, source };
}

function open(initial?: Partial<NewClaimInput>) {
  const view = renderWith(
    storage,
    <ClaimDialog caseId={caseId} initial={initial} onDone={(id) => done.push(id)} />,
  );
  return { ...view, dialog: screen.getByRole('dialog', { name: 'New claim' }) };
}

function range(source: Source, quote: string) {
  const start = ARTICLE.indexOf(quote);
  return { sourceId: source.id, start, end: start + quote.length };
}

describe('the claim dialog', () => {
  it('names every missing field and saves nothing', async () => {
    await seed();
    const { user, dialog } = open();
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    expect(within(dialog).getByText(/Choose the subject/)).toBeInTheDocument();
    expect(within(dialog).getByText(/A claim needs a predicate/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Choose the object entity/)).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /Add at least one evidence passage, or mark the claim as an analyst/,
      ),
    ).toBeInTheDocument();
    expect(await storage.claims.list(caseId)).toEqual([]);
    expect(done).toEqual([]);
  });

  it('refuses a claim without evidence unless it is marked an analyst assertion', async () => {
    const { lazarus, bank } = await seed();
    const { user, dialog } = open({
      subjectId: lazarus,
      predicate: 'attacked',
      object: { kind: 'entity', entityId: bank },
    });
    await within(dialog).findByText('Lazarus Group');
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Add at least one evidence passage, or mark the claim as an analyst assertion.',
    );
    expect(await storage.claims.list(caseId)).toEqual([]);

    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Analyst assertion (no evidence)' }),
    );
    expect(within(dialog).getByText('Analyst assertion')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    await waitFor(() => expect(done).toHaveLength(1));
    const [claim] = await storage.claims.list(caseId);
    expect(claim).toMatchObject({ predicate: 'attacked', analystAssertion: true, evidence: [] });
    expect(claim!.grade).toBeUndefined();
    expect(done).toEqual([claim!.id]);
  });

  it('shows a reversed interval inline and does not save', async () => {
    const { lazarus, bank, source } = await seed();
    const { user, dialog } = open({
      subjectId: lazarus,
      predicate: 'attacked',
      object: { kind: 'entity', entityId: bank },
      newEvidence: [range(source, 'the Lazarus Group attacked Bangladesh Bank')],
    });
    await user.click(within(dialog).getByRole('radio', { name: 'An interval' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'From' }), '2017-03');
    await user.type(within(dialog).getByRole('textbox', { name: 'Until' }), '2016');
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'The interval ends (2016) before it starts (2017-03).',
    );
    expect(await storage.claims.list(caseId)).toEqual([]);
    expect(await storage.passages.forSource(source.id)).toMatchObject({ ok: true, value: [] });

    // A partial date that is not a date is named too.
    await user.click(within(dialog).getByRole('radio', { name: 'A date' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Date' }), '2016-13');
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'The date must be written YYYY, YYYY-MM or YYYY-MM-DD.',
    );
    expect(await storage.claims.list(caseId)).toEqual([]);
  });

  it('refuses a claim linking an entity to itself, and an empty predicate', async () => {
    const { lazarus, source } = await seed();
    const { user, dialog } = open({
      subjectId: lazarus,
      predicate: '   ',
      object: { kind: 'entity', entityId: lazarus },
      newEvidence: [range(source, 'Lazarus Group')],
    });
    await within(dialog).findAllByText('Lazarus Group');
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    const alerts = within(dialog)
      .getAllByRole('alert')
      .map((a) => a.textContent);
    expect(alerts).toEqual([
      'A claim needs a predicate (e.g. “owns”).',
      'The subject and the object are the same entity: a claim links two.',
    ]);
    expect(await storage.claims.list(caseId)).toEqual([]);
  });

  it('grades the claim live from the evidence source and credibility, and saves it', async () => {
    const { lazarus, bank, source } = await seed();
    const { user, dialog } = open({
      newEvidence: [range(source, 'the Lazarus Group attacked Bangladesh Bank in February 2016')],
    });
    expect(await within(dialog).findByText('Sankei article')).toBeInTheDocument();
    expect(
      within(dialog).getByText('the Lazarus Group attacked Bangladesh Bank in February 2016'),
    ).toBeInTheDocument();
    // The Admiralty definitions are shown beside each choice; 6 until the analyst grades it.
    expect(
      within(dialog).getByRole('radio', { name: /^6 — Truth cannot be judged/ }),
    ).toBeChecked();
    expect(within(dialog).getByText('B6')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: /^2 — Probably true/ }));
    expect(within(dialog).getByText('B2')).toBeInTheDocument();
    expect(within(dialog).getByText('Single source')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: /^Subject/ }));
    const picker = screen.getByRole('dialog', { name: 'Choose the subject' });
    await user.type(
      within(picker).getByRole('combobox', { name: 'Find an entity, or name a new one' }),
      'Lazarus',
    );
    await user.click(await within(picker).findByRole('option', { name: /Lazarus Group/ }));
    await user.click(within(dialog).getByRole('button', { name: /^Object entity/ }));
    const objectPicker = screen.getByRole('dialog', { name: 'Choose the object' });
    await user.type(
      within(objectPicker).getByRole('combobox', { name: 'Find an entity, or name a new one' }),
      'Bangladesh',
    );
    await user.click(await within(objectPicker).findByRole('option', { name: /Bangladesh Bank/ }));
    await user.type(within(dialog).getByLabelText('Predicate'), 'hacked into');
    await user.click(within(dialog).getByRole('radio', { name: 'A date' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Date' }), '2016-02');
    await user.type(within(dialog).getByRole('textbox', { name: 'Attributed to' }), 'FBI');
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));

    await waitFor(() => expect(done).toHaveLength(1));
    const [claim] = await storage.claims.list(caseId);
    expect(claim).toMatchObject({
      subjectId: lazarus,
      predicate: 'hacked into',
      object: { kind: 'entity', entityId: bank },
      validTime: { kind: 'date', date: '2016-02' },
      credibility: 2,
      grade: 'B2',
      singleSource: true,
      attributedTo: 'FBI',
    });
    // The range became an evidence passage, and the new predicate joined the vocabulary.
    const evidence = await storage.claims.evidence(claim!.id);
    expect(evidence.map((e) => e.passage.quote.exact)).toEqual([
      'the Lazarus Group attacked Bangladesh Bank in February 2016',
    ]);
    expect(await storage.claims.predicates(caseId)).toContain('hacked into');
  });

  it('shows a refusal from storage and saves nothing', async () => {
    const { lazarus, bank } = await seed();
    const { user, dialog } = open({
      subjectId: lazarus,
      predicate: 'attacked',
      object: { kind: 'entity', entityId: bank },
      evidence: ['passage-that-does-not-exist' as PassageId],
    });
    expect(await within(dialog).findByText('This passage no longer exists.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    expect(await within(dialog).findByRole('alert')).toBeInTheDocument();
    expect(await storage.claims.list(caseId)).toEqual([]);
    expect(done).toEqual([]);
  });

  it('cancels with nothing saved', async () => {
    await seed();
    const { user, dialog } = open();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(done).toEqual([undefined]);
  });
});
