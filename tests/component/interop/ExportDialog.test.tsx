import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_COMMANDS, type AppCommandContext } from '../../../src/app/commands/appCommands';
import type { Case, CaseId, EntityId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { ExportDialog } from '../../../src/features/interop';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost, type Host } from '../../../src/platform';
import type { SaveFileRequest } from '../../../src/shared/ipc/channels';
import { ok } from '../../../src/shared/result';
import { addEntity, addSource, createFakeExtractor, openTestStorage } from '../entities/harness';

const ARTICLE =
  'Investigators say the Lazarus Group attacked Bangladesh Bank in February 2016, ' +
  'moving 81 million dollars to accounts in the Philippines.';
const MEMO = 'The Lazarus Group used the SWIFT network to send the payment orders.';
const EVIDENCE = 'the Lazarus Group attacked Bangladesh Bank';
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

let storage: CasefileStorage;
let caseId: CaseId;
let saves: SaveFileRequest[];

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  saves = [];
});
afterEach(() => storage.close());

interface Seeded {
  readonly lazarus: EntityId;
  readonly bank: EntityId;
  readonly swift: EntityId;
}

/** Four entities (one place STIX cannot map), three claims (one to a hostile literal). */
async function seed(): Promise<Seeded> {
  const lazarus = await addEntity(storage, caseId, { name: 'Lazarus Group', type: 'Organization' });
  const bank = await addEntity(storage, caseId, { name: 'Bangladesh Bank', type: 'Organization' });
  const swift = await addEntity(storage, caseId, { name: 'SWIFT', type: 'Organization' });
  await addEntity(storage, caseId, { name: 'Dhaka', type: 'Location' });
  const article = await addSource(storage, caseId, 'Sankei article', ARTICLE);
  const memo = await addSource(storage, caseId, 'Internal memo', MEMO);
  const start = ARTICLE.indexOf(EVIDENCE);
  const memoAt = MEMO.indexOf('used the SWIFT network');
  const created = await Promise.all([
    storage.claims.create(caseId, {
      subjectId: lazarus,
      predicate: 'attacked',
      object: { kind: 'entity', entityId: bank },
      validTime: { kind: 'date', date: '2016-02-04' },
      evidence: [],
      newEvidence: [{ sourceId: article.id, start, end: start + EVIDENCE.length }],
      credibility: 2,
      status: 'corroborated',
    }),
    storage.claims.create(caseId, {
      subjectId: lazarus,
      predicate: 'used',
      object: { kind: 'entity', entityId: swift },
      validTime: { kind: 'unknown' },
      evidence: [],
      newEvidence: [{ sourceId: memo.id, start: memoAt, end: memoAt + 22 }],
      credibility: 3,
      status: 'asserted',
    }),
  ]);
  const hostile = await storage.claims.create(caseId, {
    subjectId: lazarus,
    predicate: 'posted',
    object: { kind: 'literal', value: HOSTILE },
    validTime: { kind: 'unknown' },
    evidence: [],
    analystAssertion: true,
    credibility: 6,
    status: 'asserted',
  });
  for (const c of [...created, hostile]) if (!c.ok) throw new Error(c.error.message);
  return { lazarus, bank, swift };
}

function browserHost(): Host {
  const host = createBrowserHost({ version: '9.9.9', download: () => undefined });
  return {
    ...host,
    saveFile: (request) => {
      saves.push(request);
      return host.saveFile(request);
    },
  };
}

async function open(host: Host = browserHost(), readOnly = false) {
  const current = (await storage.cases.get(caseId)) as Case;
  const user = userEvent.setup();
  let closed = 0;
  render(
    <StorageProvider storage={storage}>
      <ServicesProvider host={host} ingest={createInlineIngest()} extractor={createFakeExtractor()}>
        <ExportDialog current={current} readOnly={readOnly} onClose={() => (closed += 1)} />
      </ServicesProvider>
    </StorageProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Export case data' });
  return { user, dialog, closed: () => closed };
}

async function exportAs(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
  format: RegExp,
): Promise<void> {
  await user.click(within(dialog).getByRole('radio', { name: format }));
  await user.click(within(dialog).getByRole('button', { name: 'Export' }));
}

const text = (request: SaveFileRequest | undefined) =>
  // Keeps the byte-order mark, which the CSV files start with.
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(request?.bytes);

describe('ExportDialog', () => {
  it('offers every format with a description, in an accessible radio group', async () => {
    await seed();
    const { dialog } = await open();
    const group = within(dialog).getByRole('radiogroup', { name: 'Format' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(7);
    expect(within(group).getByRole('radio', { name: /STIX 2\.1 bundle/ })).toBeChecked();
    expect(within(group).getByRole('radio', { name: /GraphML/ })).toHaveAccessibleDescription(
      'The link graph for yEd, Gephi and networkx.',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Scope' })).toHaveValue('');
  });

  it('saves a STIX bundle with the case objects, shows the notices and records the export', async () => {
    await seed();
    const { user, dialog } = await open();
    await exportAs(user, dialog, /STIX 2\.1 bundle/);
    expect(await within(dialog).findByText('Saved as harbour-street.stix.json.')).toBeVisible();
    expect(saves).toHaveLength(1);
    expect(saves[0]?.suggestedName).toBe('harbour-street.stix.json');
    expect(saves[0]?.filters).toEqual([{ name: 'STIX bundle', extensions: ['json'] }]);
    const bundle = JSON.parse(text(saves[0])) as { type: string; objects: { type: string }[] };
    expect(bundle.type).toBe('bundle');
    const count = (type: string) => bundle.objects.filter((o) => o.type === type).length;
    // Three organisations and the Casefile identity; Dhaka has no country: a custom object.
    expect(count('identity')).toBe(4);
    expect(count('x-casefile-entity')).toBe(1);
    expect(count('relationship')).toBeGreaterThanOrEqual(2);

    const notices = within(dialog).getByRole('region', { name: 'Export notices' });
    expect(within(notices).getByText(/Place "Dhaka" has neither a country/)).toBeVisible();
    // Another choice clears the outcome, which was about the STIX file.
    await user.click(within(dialog).getByRole('radio', { name: /GEXF/ }));
    expect(within(dialog).queryByRole('region', { name: 'Export notices' })).toBeNull();
    expect(within(dialog).queryByText(/^Saved as/)).toBeNull();

    const events = await storage.audit.list(caseId);
    const exported = events.filter((e) => e.action === 'case.exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]?.subject).toBe('harbour-street.stix.json');
    expect(exported[0]?.detail).toMatchObject({
      format: 'stix',
      scope: 'case',
      counts: { entities: 4, claims: 3, sources: 2 },
    });
    expect(exported[0]?.detail['sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [/GraphML/, 'harbour-street.graphml', '<?xml'],
    [/GEXF/, 'harbour-street.gexf', '<?xml'],
    [/CSV entities/, 'harbour-street-entities.csv', '\uFEFFid,'],
    [/CSV claims/, 'harbour-street-claims.csv', '\uFEFFid,'],
    [/W3C Web Annotations/, 'harbour-street-annotations.jsonld', '{'],
    [/FollowTheMoney/, 'harbour-street.ftm.json', '{'],
  ])('saves %s as %s', async (format, name, start) => {
    await seed();
    const { user, dialog } = await open();
    await exportAs(user, dialog, format);
    expect(await within(dialog).findByText(`Saved as ${name}.`)).toBeVisible();
    expect(saves[0]?.suggestedName).toBe(name);
    expect(text(saves[0]).startsWith(start)).toBe(true);
  });

  it('defuses the hostile literal in the claims CSV', async () => {
    await seed();
    const { user, dialog } = await open();
    await exportAs(user, dialog, /CSV claims/);
    await within(dialog).findByText(/^Saved as/);
    const csv = text(saves[0]);
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""click"")`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('exports annotations for every passage of the case, not only evidence', async () => {
    const { lazarus } = await seed();
    const memo = (await storage.sources.list(caseId)).find((s) => s.title === 'Internal memo');
    if (!memo) throw new Error('no memo');
    const highlight = await storage.passages.create(caseId, {
      sourceId: memo.id,
      start: 0,
      end: 17,
      kind: 'mention',
      entityId: lazarus,
    });
    if (!highlight.ok) throw new Error(highlight.error.message);
    const { user, dialog } = await open();
    await exportAs(user, dialog, /W3C Web Annotations/);
    await within(dialog).findByText(/^Saved as/);
    const collection = JSON.parse(text(saves[0])) as Record<string, unknown>;
    expect(JSON.stringify(collection)).toContain(highlight.value.id);
  });

  it('limits a saved chart export to the chart’s entities and the claims among them', async () => {
    const { lazarus, bank } = await seed();
    const chart = await storage.charts.create(caseId, {
      title: 'Heist',
      scope: 'chosen',
      entityIds: [lazarus, bank],
      positions: { [lazarus]: { x: 10, y: 20 }, [bank]: { x: 300, y: 40 } },
    });
    if (!chart.ok) throw new Error(chart.error.message);
    const { user, dialog } = await open();
    const scope = within(dialog).getByRole('combobox', { name: 'Scope' });
    await within(scope).findByRole('option', { name: 'Saved chart: Heist' });
    await user.selectOptions(scope, 'Saved chart: Heist');
    await exportAs(user, dialog, /GraphML/);
    await within(dialog).findByText(/^Saved as/);
    const graphml = text(saves[0]);
    expect(graphml).toContain('Lazarus Group');
    expect(graphml).toContain('Bangladesh Bank');
    expect(graphml).not.toContain('SWIFT');
    expect(graphml).not.toContain('Dhaka');
    // The claim to a literal stays (its value becomes a node); the one to SWIFT goes.
    expect(graphml.match(/<edge /g)).toHaveLength(2);
    expect(graphml).toContain('300');

    const [event] = (await storage.audit.list(caseId)).filter((e) => e.action === 'case.exported');
    expect(event?.detail).toMatchObject({
      format: 'graphml',
      scope: { chartId: chart.value.id, title: 'Heist' },
      counts: { entities: 2, claims: 2, sources: 1 },
    });
  });

  it('says when the save is cancelled and records nothing', async () => {
    await seed();
    const host: Host = {
      ...browserHost(),
      saveFile: (request) => {
        saves.push(request);
        return Promise.resolve(ok({ canceled: true }));
      },
    };
    const { user, dialog } = await open(host);
    await exportAs(user, dialog, /GEXF/);
    expect(await within(dialog).findByText('Not saved: cancelled.')).toBeVisible();
    const events = await storage.audit.list(caseId);
    expect(events.filter((e) => e.action === 'case.exported')).toHaveLength(0);
  });

  it('shows a failed save with its message', async () => {
    await seed();
    const host: Host = {
      ...browserHost(),
      saveFile: () => Promise.reject(new Error('The disk is full.')),
    };
    const { user, dialog } = await open(host);
    await exportAs(user, dialog, /FollowTheMoney/);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The disk is full.');
  });

  it('exports a read-only case without writing to its audit trail', async () => {
    await seed();
    const before = (await storage.audit.list(caseId)).length;
    const { user, dialog } = await open(browserHost(), true);
    await exportAs(user, dialog, /CSV entities/);
    expect(await within(dialog).findByText(/^Saved as/)).toBeVisible();
    expect(await storage.audit.list(caseId)).toHaveLength(before);
  });

  it('closes', async () => {
    const { user, dialog, closed } = await open();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(closed()).toBe(1));
  });

  it('opens from the "Export case data…" command, also for a read-only case', () => {
    const command = APP_COMMANDS.find((c) => c.id === 'case.export');
    expect(command?.title).toBe('Export case data…');
    expect(command?.shortcut).toBeUndefined();
    let opened = 0;
    const noop = (): void => undefined;
    // Only what this command reads and calls; the other callbacks stay unset.
    const context = {
      readOnly: true,
      openCaseId: caseId,
      goToCaseList: noop,
      goToArea: noop,
      newCase: noop,
      editOpenCase: noop,
      deleteOpenCase: noop,
      exportOpenCase: () => {
        opened += 1;
      },
      openPalette: noop,
      print: noop,
    } as Partial<AppCommandContext> as AppCommandContext;
    expect(command?.enabled?.(context)).toBe(true);
    expect(command?.enabled?.({ ...context, openCaseId: undefined })).toBe(false);
    void command?.run(context);
    expect(opened).toBe(1);
  });
});
