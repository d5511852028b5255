import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseId, ClaimId, NewClaimInput, PassageId, SourceId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { ClaimsArea } from '../../../src/features/claims';
import { addEntity, addSource, openTestStorage, renderWith } from '../entities/harness';

let storage: CasefileStorage;
let caseId: CaseId;
let openedPassages: { sourceId: SourceId; passageId: PassageId }[];

const SANKEI =
  'Officials said the Lazarus Group attacked Bangladesh Bank. The group is a unit of the Reconnaissance General Bureau.';
const REUTERS = 'Analysts tie the Lazarus Group to the Reconnaissance General Bureau.';

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  openedPassages = [];
});
afterEach(() => storage.close());

function Area({ start, readOnly = false }: { start?: ClaimId; readOnly?: boolean }) {
  const [claimId, setClaimId] = useState<ClaimId | undefined>(start);
  return (
    <ClaimsArea
      caseId={caseId}
      claimId={claimId}
      readOnly={readOnly}
      onOpenClaim={setClaimId}
      onOpenEntity={() => undefined}
      onOpenPassage={(sourceId, passageId) => openedPassages.push({ sourceId, passageId })}
    />
  );
}

async function claim(input: NewClaimInput): Promise<ClaimId> {
  const made = await storage.claims.create(caseId, input);
  if (!made.ok) throw new Error(made.error.message);
  return made.value.id;
}

function at(text: string, quote: string) {
  const start = text.indexOf(quote);
  return { start, end: start + quote.length };
}

async function seed() {
  const lazarus = await addEntity(storage, caseId, { name: 'Lazarus Group', type: 'Organization' });
  const bank = await addEntity(storage, caseId, { name: 'Bangladesh Bank', type: 'Organization' });
  const rgb = await addEntity(storage, caseId, {
    name: 'Reconnaissance General Bureau',
    type: 'Organization',
  });
  const sankei = await addSource(storage, caseId, 'Sankei article', SANKEI);
  const reuters = await addSource(storage, caseId, 'Reuters wire', REUTERS);
  await storage.sources.update(sankei.id, { reliability: 'B' });
  await storage.sources.update(reuters.id, { reliability: 'C' });
  const base = {
    validTime: { kind: 'unknown' } as const,
    status: 'asserted' as const,
    evidence: [],
  };
  const attacked = await claim({
    ...base,
    subjectId: lazarus,
    predicate: 'attacked',
    object: { kind: 'entity', entityId: bank },
    validTime: { kind: 'date', date: '2016-02' },
    newEvidence: [
      { sourceId: sankei.id, ...at(SANKEI, 'the Lazarus Group attacked Bangladesh Bank') },
    ],
    credibility: 2,
  });
  const member = await claim({
    ...base,
    subjectId: lazarus,
    predicate: 'member of',
    object: { kind: 'entity', entityId: rgb },
    newEvidence: [
      {
        sourceId: sankei.id,
        ...at(SANKEI, 'The group is a unit of the Reconnaissance General Bureau'),
      },
      {
        sourceId: reuters.id,
        ...at(REUTERS, 'Lazarus Group to the Reconnaissance General Bureau'),
      },
    ],
    credibility: 3,
    status: 'corroborated',
  });
  const located = await claim({
    ...base,
    subjectId: bank,
    predicate: 'located in',
    object: { kind: 'literal', value: 'Dhaka' },
    credibility: 6,
    status: 'disputed',
    analystAssertion: true,
    attributedTo: 'Case lead',
  });
  return { lazarus, bank, rgb, sankei, reuters, attacked, member, located };
}

function rows(): string[] {
  const table = screen.getByRole('table', { name: 'Claims' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(0, 2)
        .map((c) => c.textContent)
        .join(' '),
    );
}

describe('the claims table', () => {
  it('lists claims with grade, single-source and analyst-assertion markers, and filters them', async () => {
    await seed();
    const { user } = renderWith(storage, <Area />);
    const table = await screen.findByRole('table', { name: 'Claims' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const attackedRow = within(table)
      .getByRole('button', {
        name: 'Open claim: Lazarus Group attacked Bangladesh Bank',
      })
      .closest('tr')!;
    expect(attackedRow).toHaveTextContent('B2');
    expect(attackedRow).toHaveTextContent('Single source');
    expect(attackedRow).toHaveTextContent('2016-02');
    const memberRow = within(table)
      .getByRole('button', {
        name: 'Open claim: Lazarus Group member of Reconnaissance General Bureau',
      })
      .closest('tr')!;
    expect(memberRow).toHaveTextContent('B3');
    expect(memberRow).not.toHaveTextContent('Single source');
    const locatedRow = within(table)
      .getByRole('button', {
        name: 'Open claim: Bangladesh Bank located in Dhaka',
      })
      .closest('tr')!;
    expect(locatedRow).toHaveTextContent('Analyst assertion');
    expect(locatedRow).toHaveTextContent('Case lead');

    await user.click(screen.getByRole('checkbox', { name: 'Single source' }));
    expect(rows()).toEqual(['attacked Bangladesh Bank']);
    await user.click(screen.getByRole('checkbox', { name: 'Single source' }));

    await user.click(screen.getByRole('checkbox', { name: 'Analyst assertions' }));
    expect(rows()).toEqual(['located in Dhaka']);
    await user.click(screen.getByRole('checkbox', { name: 'Analyst assertions' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'corroborated');
    expect(rows()).toEqual(['member of Reconnaissance General Bureau']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Credibility' }), '2');
    expect(rows()).toEqual(['attacked Bangladesh Bank']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Credibility' }), '0');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Source reliability' }), 'none');
    expect(rows()).toEqual(['located in Dhaka']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source reliability' }), 'B');
    expect(rows()).toHaveLength(2);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source reliability' }), '');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Predicate' }), 'attacked');
    expect(rows()).toEqual(['attacked Bangladesh Bank']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Predicate' }), '');

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Entity' }),
      'Reconnaissance General Bureau',
    );
    expect(rows()).toEqual(['member of Reconnaissance General Bureau']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Entity' }), '');

    await user.type(screen.getByRole('searchbox', { name: 'Filter claims' }), 'dhaka');
    await waitFor(() => expect(rows()).toEqual(['located in Dhaka']));
    expect(screen.getByText('1 of 3 claims')).toBeInTheDocument();
  });

  it('sorts by any column: grades best first, ungraded last', async () => {
    await seed();
    const { user } = renderWith(storage, <Area />);
    await screen.findByRole('table', { name: 'Claims' });
    await user.click(screen.getByRole('button', { name: 'Grade' }));
    expect(rows()).toEqual([
      'attacked Bangladesh Bank',
      'member of Reconnaissance General Bureau',
      'located in Dhaka',
    ]);
    await user.click(screen.getByRole('button', { name: /^Grade/ }));
    expect(rows()[0]).toBe('located in Dhaka');
    await user.click(screen.getByRole('button', { name: 'Sources' }));
    expect(rows()).toEqual([
      'member of Reconnaissance General Bureau',
      'attacked Bangladesh Bank',
      'located in Dhaka',
    ]);
    expect(screen.getByRole('columnheader', { name: /Sources/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('flags orphaned evidence in the table and in the details', async () => {
    const { attacked } = await seed();
    const [evidence] = await storage.claims.evidence(attacked);
    // The source text no longer holds the quote: what re-anchoring records.
    await storage.db.passages.update(evidence!.passage.id, { orphaned: true });
    const { user } = renderWith(storage, <Area />);
    await screen.findByRole('table', { name: 'Claims' });
    await user.click(screen.getByRole('checkbox', { name: 'Orphaned evidence' }));
    expect(rows()).toEqual(['attacked Bangladesh Bank']);
    await user.click(
      screen.getByRole('button', { name: 'Open claim: Lazarus Group attacked Bangladesh Bank' }),
    );
    const details = await screen.findByRole('region', {
      name: 'Claim: Lazarus Group attacked Bangladesh Bank',
    });
    expect(
      await within(details).findByText(/The quote is no longer found in\s+the source/),
    ).toBeInTheDocument();
    expect(within(details).getByText('Orphaned evidence')).toBeInTheDocument();
  });
});

describe('the claim details', () => {
  it('shows the claim, its flags and evidence, and opens the source at the passage', async () => {
    const { attacked, sankei } = await seed();
    const { user } = renderWith(storage, <Area start={attacked} />);
    const details = await screen.findByRole('region', {
      name: 'Claim: Lazarus Group attacked Bangladesh Bank',
    });
    expect(within(details).getByText('B2')).toBeInTheDocument();
    expect(within(details).getByText('Single source')).toBeInTheDocument();
    expect(within(details).getByText('2 — Probably true')).toBeInTheDocument();
    const evidence = within(details).getByRole('region', { name: 'Evidence' });
    expect(evidence).toHaveTextContent('Sankei article');
    expect(evidence).toHaveTextContent('Reliability B');
    expect(evidence.querySelector('mark')).toHaveTextContent(
      'the Lazarus Group attacked Bangladesh Bank',
    );
    await user.click(
      within(evidence).getByRole('button', { name: 'Open in source: Sankei article' }),
    );
    const [stored] = await storage.claims.evidence(attacked);
    expect(openedPassages).toEqual([{ sourceId: sankei.id, passageId: stored!.passage.id }]);
  });

  it('marks an analyst assertion, changes status quickly, and deletes after asking', async () => {
    const { located } = await seed();
    const { user } = renderWith(storage, <Area start={located} />);
    const details = await screen.findByRole('region', {
      name: 'Claim: Bangladesh Bank located in Dhaka',
    });
    expect(
      within(details).getByText('No evidence: this is the analyst’s own assertion.'),
    ).toBeInTheDocument();
    await user.selectOptions(
      within(details).getByRole('combobox', { name: 'Claim status' }),
      'refuted',
    );
    await waitFor(async () => expect((await storage.claims.get(located))?.status).toBe('refuted'));

    await user.click(within(details).getByRole('button', { name: 'Delete claim' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete claim?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete claim' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: /^Claim:/ })).not.toBeInTheDocument(),
    );
    expect(await storage.claims.get(located)).toBeUndefined();
    expect(await storage.claims.list(caseId)).toHaveLength(2);
  });

  it('lists supports/contradicts links both ways', async () => {
    const { attacked, member } = await seed();
    const linked = await storage.claims.update(member, {
      relations: [{ kind: 'supports', claimId: attacked }],
    });
    expect(linked.ok).toBe(true);
    const { user } = renderWith(storage, <Area start={attacked} />);
    const details = await screen.findByRole('region', {
      name: 'Claim: Lazarus Group attacked Bangladesh Bank',
    });
    const related = within(details).getByRole('region', { name: 'Related claims' });
    expect(related).toHaveTextContent(
      'Supported by Lazarus Group member of Reconnaissance General Bureau',
    );
    await user.click(within(related).getByRole('button'));
    expect(
      await screen.findByRole('region', {
        name: 'Claim: Lazarus Group member of Reconnaissance General Bureau',
      }),
    ).toBeInTheDocument();
  });

  it('hides editing in a read-only case', async () => {
    const { attacked } = await seed();
    renderWith(storage, <Area start={attacked} readOnly />);
    const details = await screen.findByRole('region', {
      name: 'Claim: Lazarus Group attacked Bangladesh Bank',
    });
    expect(screen.queryByRole('button', { name: 'New claim…' })).not.toBeInTheDocument();
    expect(within(details).queryByRole('button', { name: 'Edit claim…' })).not.toBeInTheDocument();
    expect(
      within(details).queryByRole('combobox', { name: 'Claim status' }),
    ).not.toBeInTheDocument();
  });

  it('edits a claim through the dialog', async () => {
    const { attacked } = await seed();
    const { user } = renderWith(storage, <Area start={attacked} />);
    const details = await screen.findByRole('region', {
      name: 'Claim: Lazarus Group attacked Bangladesh Bank',
    });
    await user.click(within(details).getByRole('button', { name: 'Edit claim…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit claim' });
    const predicate = await within(dialog).findByLabelText('Predicate');
    expect(predicate).toHaveValue('attacked');
    await user.clear(predicate);
    await user.type(predicate, 'robbed');
    await user.click(within(dialog).getByRole('button', { name: 'Save claim' }));
    await waitFor(async () =>
      expect((await storage.claims.get(attacked))?.predicate).toBe('robbed'),
    );
    expect(
      await screen.findByRole('region', { name: 'Claim: Lazarus Group robbed Bangladesh Bank' }),
    ).toBeInTheDocument();
  });
});
