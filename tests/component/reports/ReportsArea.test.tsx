import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendToNoteDocument,
  emptyNoteDocument,
  entityMentionJson,
  evidenceQuoteJson,
  type Case,
  type CaseId,
  type ClaimSummary,
  type Source,
} from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { ReportsArea } from '../../../src/features/reports';
import { CHECKLIST_FIRST_ROWS } from '../../../src/features/reports/ReportBuilder';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost, type Host, type SavePdfRequest } from '../../../src/platform';
import { ok } from '../../../src/shared/result';
import { addEntity, addSource, createFakeExtractor, openTestStorage } from '../entities/harness';

const ARTICLE =
  'Investigators say the Lazarus Group attacked Bangladesh Bank in February 2016, ' +
  'moving 81 million dollars to accounts in the Philippines.';
const MEMO = 'The Lazarus Group used the SWIFT network to send the payment orders.';
const EVIDENCE = 'the Lazarus Group attacked Bangladesh Bank';
/** Generation runs for real (build and render, on this thread) after the preview's debounce. */
const SLOW = 20_000;

let storage: CasefileStorage;
let caseId: CaseId;
let downloads: { name: string; text: string; bytes: Uint8Array }[];
let printed: string[];

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  downloads = [];
  printed = [];
});
afterEach(() => storage.close());

async function seed(): Promise<{ article: Source; memo: Source; claims: ClaimSummary[] }> {
  const lazarus = await addEntity(storage, caseId, { name: 'Lazarus Group', type: 'Organization' });
  const bank = await addEntity(storage, caseId, { name: 'Bangladesh Bank', type: 'Organization' });
  const swift = await addEntity(storage, caseId, { name: 'SWIFT', type: 'Organization' });
  await addEntity(storage, caseId, { name: 'Dhaka', type: 'Location' });
  const article = await addSource(storage, caseId, 'Sankei article', ARTICLE);
  const memo = await addSource(storage, caseId, 'Internal memo', MEMO);
  await storage.sources.update(article.id, { reliability: 'B' });
  const start = ARTICLE.indexOf(EVIDENCE);
  const attacked = await storage.claims.create(caseId, {
    subjectId: lazarus,
    predicate: 'attacked',
    object: { kind: 'entity', entityId: bank },
    validTime: { kind: 'date', date: '2016-02-04' },
    evidence: [],
    newEvidence: [{ sourceId: article.id, start, end: start + EVIDENCE.length }],
    credibility: 2,
    status: 'corroborated',
  });
  const memoAt = MEMO.indexOf('used the SWIFT network');
  const used = await storage.claims.create(caseId, {
    subjectId: lazarus,
    predicate: 'used',
    object: { kind: 'entity', entityId: swift },
    validTime: { kind: 'unknown' },
    evidence: [],
    newEvidence: [{ sourceId: memo.id, start: memoAt, end: memoAt + 22 }],
    credibility: 3,
    status: 'asserted',
  });
  if (!attacked.ok || !used.ok) throw new Error('claim seed failed');
  return { article, memo, claims: [attacked.value, used.value] };
}

async function addNote(article: Source, claim: ClaimSummary): Promise<void> {
  const passageId = claim.evidence[0];
  if (!passageId) throw new Error('no evidence');
  const document = appendToNoteDocument(emptyNoteDocument(), [
    {
      type: 'text',
      version: 1,
      text: 'As reported, ',
      detail: 0,
      format: 0,
      mode: 'normal',
      style: '',
    },
    entityMentionJson(claim.subjectId, 'Lazarus Group'),
    evidenceQuoteJson({
      passageId,
      sourceId: article.id,
      quote: EVIDENCE,
      sourceTitle: article.title,
    }),
  ]);
  const created = await storage.notes.create(caseId, { title: 'Working narrative', document });
  if (!created.ok) throw new Error(created.error.message);
}

async function open(desktopHost?: Host) {
  const current = (await storage.cases.get(caseId)) as Case;
  const host =
    desktopHost ??
    createBrowserHost({
      version: '9.9.9',
      download: (name, bytes) =>
        downloads.push({ name, bytes, text: new TextDecoder().decode(bytes) }),
      printDocument: (html) => {
        printed.push(html);
        return Promise.resolve();
      },
    });
  const user = userEvent.setup();
  render(
    <StorageProvider storage={storage}>
      <ServicesProvider host={host} ingest={createInlineIngest()} extractor={createFakeExtractor()}>
        <ReportsArea current={current} readOnly={false} />
      </ServicesProvider>
    </StorageProvider>,
  );
  const form = await screen.findByRole('form', { name: 'Report options' });
  return { user, form };
}

/** The preview frame's document once it shows `text`. */
async function previewShowing(text: string): Promise<string> {
  let html = '';
  await waitFor(
    () => {
      html = screen.getByTitle('Report preview').getAttribute('srcdoc') ?? '';
      expect(html).toContain(text);
    },
    { timeout: 8000 },
  );
  return html;
}

function list(form: HTMLElement, legend: RegExp): HTMLElement {
  return within(form).getByRole('group', { name: legend });
}

describe('the report builder', () => {
  it(
    'proposes the case title and marking and everything cited, and previews in a sandboxed frame',
    async () => {
      await seed();
      const { form } = await open();
      expect(within(form).getByRole('textbox', { name: 'Report title' })).toHaveValue(
        'Harbour Street',
      );
      expect(within(form).getByRole('combobox', { name: 'Handling marking' })).toHaveValue(
        'TLP:AMBER',
      );
      expect(within(form).getByRole('combobox', { name: 'Narrative note' })).toHaveValue('');
      expect(list(form, /^Claims/)).toHaveAccessibleName('Claims (2 of 2)');
      expect(list(form, /^Sources/)).toHaveAccessibleName('Sources (2 of 2)');
      expect(
        within(list(form, /^Claims/)).getByRole('checkbox', {
          name: /Lazarus Group attacked Bangladesh Bank — B2 · Corroborated/,
        }),
      ).toBeChecked();
      // Dhaka is in no claim: not proposed.
      expect(
        within(list(form, /^Entities/)).getByRole('checkbox', { name: 'Dhaka' }),
      ).not.toBeChecked();
      const frame = screen.getByTitle('Report preview');
      expect(frame.tagName).toBe('IFRAME');
      expect(frame.getAttribute('sandbox')).toBe('');
      await previewShowing('Lazarus Group attacked Bangladesh Bank');
      // The report is never part of the app's own document.
      expect(document.body.textContent).not.toContain('Generated by');
    },
    SLOW,
  );

  it(
    'All / None / Cited change the checklists and their counts',
    async () => {
      await seed();
      const { user, form } = await open();
      const claims = list(form, /^Claims/);
      await user.click(within(claims).getByRole('button', { name: 'No claims' }));
      expect(claims).toHaveAccessibleName('Claims (0 of 2)');
      await user.click(within(claims).getByRole('button', { name: 'All claims' }));
      expect(claims).toHaveAccessibleName('Claims (2 of 2)');
      await user.click(within(claims).getByRole('checkbox', { name: /Lazarus Group used SWIFT/ }));
      expect(claims).toHaveAccessibleName('Claims (1 of 2)');

      const entities = list(form, /^Entities/);
      await user.click(within(entities).getByRole('button', { name: 'All entities' }));
      expect(entities).toHaveAccessibleName('Entities (4 of 4)');
      await user.click(within(entities).getByRole('button', { name: 'Cited entities' }));
      // Only the claim still chosen: Lazarus Group and Bangladesh Bank.
      expect(entities).toHaveAccessibleName('Entities (2 of 4)');

      const sources = list(form, /^Sources/);
      await user.click(within(sources).getByRole('button', { name: 'No sources' }));
      expect(sources).toHaveAccessibleName('Sources (0 of 2)');
      await user.click(within(sources).getByRole('button', { name: 'Cited sources' }));
      expect(sources).toHaveAccessibleName('Sources (1 of 2)');
      expect(within(sources).getByRole('checkbox', { name: /Sankei article/ })).toBeChecked();
    },
    SLOW,
  );

  it(
    'follows the narrative note with its defaults, until a checklist is edited',
    async () => {
      const { article, claims } = await seed();
      const [attacked] = claims;
      if (!attacked) throw new Error('seed');
      await addNote(article, attacked);
      const { user, form } = await open();
      await user.selectOptions(
        within(form).getByRole('combobox', { name: 'Narrative note' }),
        'Working narrative',
      );
      const html = await previewShowing(EVIDENCE);
      expect(html).toContain('Working narrative');
      // The note quotes the article only; the defaults keep every claim (the note embeds none).
      await waitFor(() => expect(list(form, /^Sources/)).toHaveAccessibleName('Sources (2 of 2)'));
    },
    SLOW,
  );

  it(
    'withholds or excludes a source and excludes an entity',
    async () => {
      await seed();
      const { user, form } = await open();
      const sources = list(form, /^Sources/);
      const redaction = within(sources).getByRole('combobox', {
        name: 'Redaction of Internal memo',
      });
      expect(redaction).toHaveValue('include');
      expect(
        within(redaction)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Include', 'Withhold details', 'Exclude']);
      await user.selectOptions(redaction, 'Withhold details');
      let html = await previewShowing('Source withheld');
      expect(html).not.toContain('Internal memo');

      await user.selectOptions(redaction, 'Exclude');
      html = await previewShowing('Evidence not included in this report');
      expect(html).not.toContain('Internal memo');
      expect(html).not.toContain('Source withheld');

      await user.click(within(form).getByRole('checkbox', { name: 'Exclude SWIFT from report' }));
      const notices = await screen.findByRole('list', { name: 'Notices' }, { timeout: 8000 });
      expect(notices).toHaveTextContent('1 claim left out: it involves an excluded entity.');
      html = screen.getByTitle('Report preview').getAttribute('srcdoc') ?? '';
      expect(html).not.toContain('used SWIFT');
      expect(html).toContain('Lazarus Group attacked Bangladesh Bank');
    },
    SLOW,
  );

  it(
    'saves HTML and Markdown through host.saveFile with the file name and bytes, and records the export',
    async () => {
      await seed();
      const { user } = await open();
      await user.click(screen.getByRole('button', { name: 'Save HTML' }));
      await screen.findByText(
        /Saved the HTML report as Harbour-Street-\d{4}-\d\d-\d\d\.html/,
        undefined,
        {
          timeout: 8000,
        },
      );
      expect(downloads).toHaveLength(1);
      expect(downloads[0]?.name).toMatch(/^Harbour-Street-\d{4}-\d\d-\d\d\.html$/);
      expect(downloads[0]?.text).toContain('Content-Security-Policy');
      expect(downloads[0]?.text).toContain('Lazarus Group attacked Bangladesh Bank');
      expect(downloads[0]?.text).toContain('Generated by Casefile 9.9.9');

      await user.click(screen.getByRole('button', { name: 'Save Markdown' }));
      await screen.findByText(/Saved the Markdown report as .*\.md/, undefined, { timeout: 8000 });
      expect(downloads[1]?.name).toMatch(/\.md$/);
      expect(downloads[1]?.text).toContain('Lazarus Group attacked Bangladesh Bank');

      await waitFor(async () => {
        const events = (await storage.audit.list(caseId)).filter(
          (e) => e.action === 'report.exported',
        );
        expect(events.map((e) => e.detail['format'])).toEqual(['html', 'markdown']);
      });
      const [event] = (await storage.audit.list(caseId)).filter(
        (e) => e.action === 'report.exported',
      );
      expect(event?.detail).toMatchObject({ claims: 2, sources: 2, fileName: downloads[0]?.name });
      expect(event?.detail['sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect((await storage.audit.verify(caseId)).ok).toBe(true);
    },
    SLOW,
  );

  it(
    'hands the report HTML to host.savePdf and says where to save it',
    async () => {
      await seed();
      const { user } = await open();
      await user.click(screen.getByRole('button', { name: 'Save PDF' }));
      await screen.findByText('Sent to the print dialog — choose Save as PDF.', undefined, {
        timeout: 8000,
      });
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/^<!DOCTYPE html>/i);
      expect(printed[0]).toContain('Lazarus Group attacked Bangladesh Bank');
      expect(downloads).toEqual([]);
    },
    SLOW,
  );

  it(
    'asks the desktop host for a tagged PDF only when the investigator ticks it',
    async () => {
      await seed();
      const requests: SavePdfRequest[] = [];
      const desktop: Host = {
        ...createBrowserHost({ version: '9.9.9' }),
        kind: 'electron',
        savePdf: (request) => {
          requests.push(request);
          return Promise.resolve(ok({ canceled: false, fileName: 'Chosen.pdf' }));
        },
      };
      const { user } = await open(desktop);
      await user.click(screen.getByRole('button', { name: 'Save PDF' }));
      await screen.findByText('Saved the PDF report as Chosen.pdf.', undefined, { timeout: 8000 });
      await user.click(screen.getByRole('checkbox', { name: /Tagged PDF for screen readers/ }));
      await user.click(screen.getByRole('button', { name: 'Save PDF' }));
      await waitFor(() => expect(requests).toHaveLength(2), { timeout: 8000 });
      expect(requests.map((r) => r.tagged)).toEqual([false, true]);
      expect(requests[1]?.html).toContain('Lazarus Group attacked Bangladesh Bank');
    },
    SLOW,
  );

  it(
    'offers no tagging choice in the browser, whose print dialog decides',
    async () => {
      await seed();
      await open();
      expect(screen.queryByRole('checkbox', { name: /Tagged PDF/ })).toBeNull();
    },
    SLOW,
  );

  it(
    'refuses an empty title with the specific error and saves nothing',
    async () => {
      await seed();
      const { user, form } = await open();
      await user.clear(within(form).getByRole('textbox', { name: 'Report title' }));
      await user.click(screen.getByRole('button', { name: 'Save HTML' }));
      const alerts = await screen.findAllByRole('alert', undefined, { timeout: 8000 });
      expect(alerts.map((a) => a.textContent).join(' ')).toMatch(/A report needs a title\./);
      expect(downloads).toEqual([]);
      expect(printed).toEqual([]);
      const events = (await storage.audit.list(caseId)).filter(
        (e) => e.action === 'report.exported',
      );
      expect(events).toEqual([]);
    },
    SLOW,
  );

  it(
    'draws the first rows of a long checklist, and the rest on request',
    async () => {
      for (let i = 0; i < CHECKLIST_FIRST_ROWS + 5; i++) {
        await addEntity(storage, caseId, {
          name: `Vessel ${String(i).padStart(3, '0')}`,
          type: 'Vehicle',
        });
      }
      const { user, form } = await open();
      const entities = list(form, /^Entities/);
      expect(entities).toHaveAccessibleName(`Entities (0 of ${CHECKLIST_FIRST_ROWS + 5})`);
      expect(within(entities).getAllByRole('checkbox', { name: /^Vessel/ })).toHaveLength(
        CHECKLIST_FIRST_ROWS,
      );
      await user.click(within(entities).getByRole('button', { name: 'All entities' }));
      expect(entities).toHaveAccessibleName(
        `Entities (${CHECKLIST_FIRST_ROWS + 5} of ${CHECKLIST_FIRST_ROWS + 5})`,
      );
      await user.click(
        within(entities).getByRole('button', {
          name: `Show all ${CHECKLIST_FIRST_ROWS + 5} entities`,
        }),
      );
      expect(within(entities).getAllByRole('checkbox', { name: /^Vessel/ })).toHaveLength(
        CHECKLIST_FIRST_ROWS + 5,
      );
    },
    SLOW,
  );

  it(
    'shows hostile names as text in the builder and keeps the report out of the app document',
    async () => {
      const hostile = '<img src=x onerror=alert(1)>';
      await addEntity(storage, caseId, { name: hostile, type: 'Person' });
      await addSource(storage, caseId, `Leak ${hostile}`, 'Nothing to see.');
      const { form } = await open();
      expect(
        within(list(form, /^Entities/)).getByRole('checkbox', { name: hostile }),
      ).toBeVisible();
      expect(within(list(form, /^Sources/)).getByText(`Leak ${hostile}`)).toBeVisible();
      await selectAllEntities(form);
      const html = await previewShowing('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain(hostile);
      expect(document.querySelectorAll('img')).toHaveLength(0);
    },
    SLOW,
  );
});

async function selectAllEntities(form: HTMLElement): Promise<void> {
  await userEvent
    .setup()
    .click(within(list(form, /^Entities/)).getByRole('button', { name: 'All entities' }));
}
