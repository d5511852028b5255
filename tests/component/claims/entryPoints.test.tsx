import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseId, ClaimId, EntityId, Source } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { EntitiesArea } from '../../../src/features/entities';
import { SourceReader } from '../../../src/features/sources';
import { addEntity, addSource, openTestStorage, renderWith, tagAll } from '../entities/harness';

let storage: CasefileStorage;
let caseId: CaseId;
let openedClaims: ClaimId[];

const TEXT =
  'Officials said the Lazarus Group attacked Bangladesh Bank in February 2016 and moved the money.';

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  openedClaims = [];
});
afterEach(() => storage.close());

async function seed(): Promise<{ lazarus: EntityId; bank: EntityId; source: Source }> {
  const lazarus = await addEntity(storage, caseId, { name: 'Lazarus Group', type: 'Organization' });
  const bank = await addEntity(storage, caseId, { name: 'Bangladesh Bank', type: 'Organization' });
  const source = await addSource(storage, caseId, 'Sankei article', TEXT);
  await storage.sources.update(source.id, { reliability: 'B' });
  await tagAll(storage, caseId, source, TEXT, 'Lazarus Group', lazarus);
  await tagAll(storage, caseId, source, TEXT, 'Bangladesh Bank', bank);
  return { lazarus, bank, source };
}

/** Selects `quote` across the marks of the text view, as a mouse drag would. */
async function select(quote: string): Promise<void> {
  const root = await screen.findByLabelText('Extracted text');
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const whole = nodes.map((n) => n.data).join('');
  const start = whole.indexOf(quote);
  if (start === -1) throw new Error(`"${quote}" is not in the text view`);
  const end = start + quote.length;
  const range = document.createRange();
  let seen = 0;
  for (const node of nodes) {
    const next = seen + node.data.length;
    if (start >= seen && start <= next) range.setStart(node, start - seen);
    if (end >= seen && end <= next) {
      range.setEnd(node, end - seen);
      break;
    }
    seen = next;
  }
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  fireEvent.mouseDown(root);
  fireEvent.mouseUp(root);
}

function Reader({ source }: { source: Source }) {
  return (
    <SourceReader
      sourceId={source.id}
      readOnly={false}
      onBack={() => undefined}
      onOpenSource={() => undefined}
      onOpenEntity={() => undefined}
      onOpenClaim={(id) => openedClaims.push(id)}
    />
  );
}

describe('claims from the reader', () => {
  it('turns a selection into a claim: the range becomes evidence, its entities subject and object', async () => {
    const { lazarus, bank, source } = await seed();
    const { user } = renderWith(storage, <Reader source={source} />);
    await select('the Lazarus Group attacked Bangladesh Bank');
    const bar = await screen.findByRole('toolbar', { name: 'Selection' });
    await user.click(within(bar).getByRole('button', { name: 'Claim…' }));

    const dialog = await screen.findByRole('dialog', { name: 'New claim' });
    expect(within(dialog).getByRole('button', { name: /^Subject/ })).toHaveTextContent(
      'Lazarus Group',
    );
    expect(within(dialog).getByRole('button', { name: /^Object entity/ })).toHaveTextContent(
      'Bangladesh Bank',
    );
    const evidence = within(dialog).getByRole('list', { name: 'Evidence passages' });
    expect(await within(evidence).findByText('Sankei article')).toBeInTheDocument();
    expect(evidence).toHaveTextContent('the Lazarus Group attacked Bangladesh Bank');
    await user.type(within(dialog).getByLabelText('Predicate'), 'attacked');
    await user.click(within(dialog).getByRole('radio', { name: /^2 — Probably true/ }));
    expect(within(dialog).getByText('B2')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));

    const notice = await screen.findByText('Claim recorded.');
    const [claim] = await storage.claims.list(caseId);
    expect(claim).toMatchObject({
      subjectId: lazarus,
      object: { kind: 'entity', entityId: bank },
      grade: 'B2',
      singleSource: true,
    });
    // The new evidence passage is listed in the reader like any other.
    await waitFor(async () => {
      const passages = await storage.passages.forSource(source.id);
      expect(passages.ok && passages.value.some((p) => p.kind === 'evidence')).toBe(true);
    });
    await user.click(
      within(notice.closest('[role="status"]') as HTMLElement).getByRole('button', {
        name: 'Open claim',
      }),
    );
    expect(openedClaims).toEqual([claim!.id]);
  });

  it('makes a claim from an existing passage, which becomes its evidence', async () => {
    const { lazarus, source } = await seed();
    const { user } = renderWith(storage, <Reader source={source} />);
    const list = await screen.findByRole('list', { name: 'Passages in text order' });
    const [first] = within(list).getAllByRole('listitem');
    await user.click(within(first!).getByRole('button', { name: 'Claim from this passage' }));
    const dialog = await screen.findByRole('dialog', { name: 'New claim' });
    // A mention's entity is the likely subject.
    expect(within(dialog).getByRole('button', { name: /^Subject/ })).toHaveTextContent(
      'Lazarus Group',
    );
    await user.click(within(dialog).getByRole('radio', { name: 'A value' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Value' }), 'APT38');
    await user.type(within(dialog).getByLabelText('Predicate'), 'alias of');
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    await screen.findByText('Claim recorded.');
    const [claim] = await storage.claims.list(caseId);
    const mention = (await storage.entities.mentions(lazarus))[0]!;
    expect(claim).toMatchObject({
      subjectId: lazarus,
      predicate: 'alias of',
      object: { kind: 'literal', value: 'APT38' },
      evidence: [mention.passage.id],
    });
  });
});

function Entities({ start }: { start: EntityId }) {
  const [entityId, setEntityId] = useState<EntityId | undefined>(start);
  return (
    <EntitiesArea
      caseId={caseId}
      entityId={entityId}
      readOnly={false}
      onOpenEntity={setEntityId}
      onOpenPassage={() => undefined}
      onOpenClaim={(id) => openedClaims.push(id)}
    />
  );
}

describe('claims on the entity page', () => {
  it('starts a claim with the entity as subject and lists it', async () => {
    const { lazarus } = await seed();
    const { user } = renderWith(storage, <Entities start={lazarus} />);
    const section = await screen.findByRole('region', { name: 'Claims' });
    await user.click(within(section).getByRole('button', { name: 'New claim…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New claim' });
    expect(within(dialog).getByRole('button', { name: /^Subject/ })).toHaveTextContent(
      'Lazarus Group',
    );
    await user.type(within(dialog).getByLabelText('Predicate'), 'located in');
    await user.click(within(dialog).getByRole('radio', { name: 'A value' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Value' }), 'Pyongyang');
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Analyst assertion (no evidence)' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    await waitFor(() => expect(openedClaims).toHaveLength(1));
    const item = await within(section).findByRole('button', {
      name: 'Lazarus Group located in Pyongyang',
    });
    expect(item.closest('li')).toHaveTextContent('analyst assertion');
    await user.click(item);
    expect(openedClaims).toHaveLength(2);
  });

  it('asks what to do with its claims before deleting an entity', async () => {
    const { lazarus, bank } = await seed();
    const made = await storage.claims.create(caseId, {
      subjectId: lazarus,
      predicate: 'attacked',
      object: { kind: 'entity', entityId: bank },
      validTime: { kind: 'unknown' },
      evidence: [],
      credibility: 3,
      status: 'asserted',
      analystAssertion: true,
    });
    expect(made.ok).toBe(true);
    const { user } = renderWith(storage, <Entities start={bank} />);
    await screen.findByRole('heading', { name: 'Bangladesh Bank', level: 2 });
    await user.click(screen.getByRole('button', { name: 'Delete entity' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete entity?' });
    expect(await within(confirm).findByText(/takes part in 1 claim/)).toHaveTextContent(
      'use Merge… instead',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await storage.entities.get(bank)).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Delete entity' }));
    const again = screen.getByRole('alertdialog', { name: 'Delete entity?' });
    await user.click(
      await within(again).findByRole('button', { name: 'Delete the entity and its 1 claim' }),
    );
    await screen.findByRole('table', { name: 'Entities' });
    expect(await storage.entities.get(bank)).toBeUndefined();
    expect(await storage.claims.list(caseId)).toEqual([]);
  });
});
