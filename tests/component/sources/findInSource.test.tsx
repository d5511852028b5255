import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseId, SourceId } from '../../../src/core';
import { openCasefileStorage, type CasefileStorage } from '../../../src/db';
import { ServicesProvider } from '../../../src/features/services';
import { SourceReader } from '../../../src/features/sources';
import {
  FIND_CURRENT_HIGHLIGHT,
  FIND_HIGHLIGHT,
} from '../../../src/features/sources/findHighlights';
import { StorageProvider } from '../../../src/features/storage';
import type { Extractor } from '../../../src/ingest';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost } from '../../../src/platform';
import { aSourceDraft, sha256Of } from '../../fixtures/builders';

const PARAGRAPHS = [
  'Kim Jong Nam was waiting to check in for a flight to Macau.',
  'The beacon called 203.0.113[.]7 and kim.example[.]com; Kim left.',
  'Airport staff said KIM asked for help.',
];
const TEXT = PARAGRAPHS.join('\n\n');

let storage: CasefileStorage;
let caseId: CaseId;
let sourceId: SourceId;

/**
 * jsdom has no CSS Custom Highlight API: a stand-in that keeps what the reader paints, so the
 * tests can read which ranges are highlighted.
 */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}
let painted: Map<string, FakeHighlight>;

function paragraphRanges(text: string) {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  for (const paragraph of text.split('\n\n')) {
    ranges.push({ start, end: start + paragraph.length });
    start += paragraph.length + 2;
  }
  return ranges;
}

beforeEach(async () => {
  painted = new Map();
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: painted });
  storage = await openCasefileStorage({
    name: `casefile-find-${crypto.randomUUID()}`,
    requestPersistence: false,
  });
  const created = await storage.cases.create({ title: 'Airport' });
  if (!created.ok) throw new Error('setup');
  caseId = created.value.id;
  const bytes = new TextEncoder().encode(TEXT);
  const imported = await storage.sources.import(caseId, {
    draft: aSourceDraft({
      title: 'Nerve agent at the airport',
      text: TEXT,
      structure: { paragraphs: paragraphRanges(TEXT) },
    }),
    bytes,
    sha256: sha256Of(bytes),
  });
  if (!imported.ok) throw new Error(imported.error.message);
  sourceId = imported.value.id;
});
afterEach(() => {
  storage.close();
  vi.unstubAllGlobals();
});

function renderReader(props: { findQuery?: string; findAt?: number } = {}) {
  const user = userEvent.setup();
  render(
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={createBrowserHost({ version: 'test' })}
        ingest={createInlineIngest()}
        extractor={{} as Extractor}
      >
        <div className="cf-workspace">
          <SourceReader
            sourceId={sourceId}
            readOnly={false}
            onBack={() => undefined}
            onOpenSource={() => undefined}
            onOpenEntity={() => undefined}
            onOpenClaim={() => undefined}
            findQuery={props.findQuery}
            findAt={props.findAt}
          />
        </div>
      </ServicesProvider>
    </StorageProvider>,
  );
  return user;
}

function textOf(range: AbstractRange): string {
  const dom = document.createRange();
  dom.setStart(range.startContainer, range.startOffset);
  dom.setEnd(range.endContainer, range.endOffset);
  return dom.toString();
}

/** The texts painted as matches, and the one painted as current. */
function highlighted(): { all: string[]; current: string | undefined } {
  const all = [...(painted.get(FIND_HIGHLIGHT) ?? [])].map(textOf);
  const [current] = [...(painted.get(FIND_CURRENT_HIGHLIGHT) ?? [])].map(textOf);
  return { all, current };
}

const findBox = () => screen.getByRole('searchbox', { name: 'Find in this source' });
const count = () => screen.getByRole('status', { name: '' });

/** Waits for the count to read `expected` ("2 of 4", "No matches"). */
async function expectCount(expected: string): Promise<void> {
  await waitFor(() =>
    expect(screen.getByRole('search', { name: 'Find in this source' })).toHaveTextContent(expected),
  );
}

/** Presses Ctrl+F on the page (focus on the body, as after clicking the text). */
function pressFindShortcut(target: Element = document.body): boolean {
  return fireEvent.keyDown(target, { key: 'f', code: 'KeyF', ctrlKey: true });
}

describe('find in this source', () => {
  it('opens with Ctrl+F instead of the browser’s find, counts and highlights every match', async () => {
    const user = renderReader();
    await screen.findByLabelText('Extracted text');
    expect(screen.queryByRole('search')).not.toBeInTheDocument();

    const notPrevented = pressFindShortcut();
    expect(notPrevented).toBe(false);
    expect(findBox()).toHaveFocus();

    await user.type(findBox(), 'kim');
    await expectCount('1 of 4');
    expect(highlighted()).toEqual({
      // Case folded, and the word inside the (defanged) domain, as case-wide search finds it.
      all: ['Kim', 'kim', 'Kim', 'KIM'],
      current: 'Kim',
    });
    expect(count()).toHaveTextContent('1 of 4');
  });

  it('steps with Enter / Shift+Enter, the buttons and F3, wrapping at both ends', async () => {
    const user = renderReader();
    await screen.findByLabelText('Extracted text');
    pressFindShortcut();
    await user.type(findBox(), 'kim');
    await expectCount('1 of 4');

    await user.keyboard('{Enter}');
    await expectCount('2 of 4');
    expect(highlighted().current).toBe('kim');

    await user.keyboard('{Shift>}{Enter}{/Shift}');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    await expectCount('4 of 4');
    expect(highlighted().current).toBe('KIM');

    await user.click(screen.getByRole('button', { name: 'Next match' }));
    await expectCount('1 of 4');
    await user.click(screen.getByRole('button', { name: 'Previous match' }));
    await expectCount('4 of 4');

    // F3 from anywhere in the reader.
    expect(fireEvent.keyDown(document.body, { key: 'F3' })).toBe(false);
    await expectCount('1 of 4');
    fireEvent.keyDown(document.body, { key: 'F3', shiftKey: true });
    await expectCount('4 of 4');
  });

  it('Escape closes the bar and clears the highlights; reopening keeps the query', async () => {
    const user = renderReader();
    await screen.findByLabelText('Extracted text');
    pressFindShortcut();
    await user.type(findBox(), 'macau');
    await expectCount('1 of 1');
    expect(highlighted().all).toEqual(['Macau']);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('search')).not.toBeInTheDocument();
    expect(painted.has(FIND_HIGHLIGHT)).toBe(false);
    expect(painted.has(FIND_CURRENT_HIGHLIGHT)).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Find in this source' }));
    expect(findBox()).toHaveValue('macau');
    expect(findBox()).toHaveFocus();
    await expectCount('1 of 1');
    expect(highlighted().current).toBe('Macau');
  });

  it('Escape on the bar’s buttons closes it too', async () => {
    const user = renderReader();
    await screen.findByLabelText('Extracted text');
    pressFindShortcut();
    await user.type(findBox(), 'kim');
    await expectCount('1 of 4');
    screen.getByRole('button', { name: 'Next match' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('search')).not.toBeInTheDocument();
    expect(painted.has(FIND_HIGHLIGHT)).toBe(false);
  });

  it('finds a defanged indicator by its refanged value, and a phrase', async () => {
    const user = renderReader();
    await screen.findByLabelText('Extracted text');
    pressFindShortcut();
    await user.type(findBox(), '203.0.113.7');
    await expectCount('1 of 1');
    expect(highlighted().current).toBe('203.0.113[.]7');

    await user.clear(findBox());
    await user.type(findBox(), '"kim jong nam"');
    await expectCount('1 of 1');
    expect(highlighted().current).toBe('Kim Jong Nam');

    await user.clear(findBox());
    await user.type(findBox(), 'zanzibar');
    await expectCount('No matches');
    expect(highlighted()).toEqual({ all: [], current: undefined });
    expect(screen.getByRole('button', { name: 'Next match' })).toBeDisabled();
  });

  it('paints a match across passage marks and leaves the marks as they are', async () => {
    const start = TEXT.indexOf('Jong Nam was');
    const created = await storage.passages.create(caseId, {
      sourceId,
      kind: 'highlight',
      start,
      end: start + 'Jong Nam was'.length,
    });
    if (!created.ok) throw new Error(created.error.message);
    const user = renderReader();
    const text = await screen.findByLabelText('Extracted text');
    await waitFor(() => expect(text.querySelectorAll('mark')).toHaveLength(1));
    pressFindShortcut();
    await user.type(findBox(), 'kim jong nam');
    // The name is one match (words side by side); "kim" alone three more times.
    await expectCount('1 of 4');
    expect(highlighted().current).toBe('Kim Jong Nam');
    const marks = text.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]).toHaveTextContent('Jong Nam was');
  });

  it('shows a query error or warning in one line', async () => {
    const user = renderReader();
    await screen.findByLabelText('Extracted text');
    pressFindShortcut();
    await user.type(findBox(), 'kim before:2016-13');
    await screen.findByText(/date/i, { selector: '.cf-find__message' });
    expect(highlighted().all).toEqual([]);

    await user.clear(findBox());
    await user.type(findBox(), '"kim jong');
    await screen.findByText(/quotation mark was not closed/, { selector: '.cf-find__message' });
    await expectCount('1 of 1');

    await user.clear(findBox());
    await user.type(findBox(), '-kim');
    await screen.findByText(/Only words are found here/, { selector: '.cf-find__message' });
  });

  it('opened from a search hit: prefilled, the match at the offset current', async () => {
    renderReader({ findQuery: 'kim', findAt: TEXT.indexOf('KIM') });
    await expectCount('4 of 4');
    expect(findBox()).toHaveValue('kim');
    expect(findBox()).toHaveFocus();
    // The highlights are painted once the text is on screen, which may be a moment after the count.
    await waitFor(() => expect(highlighted().current).toBe('KIM'));
  });

  it('opened at an offset between matches: the nearest match after it is current', async () => {
    renderReader({ findQuery: 'kim', findAt: TEXT.indexOf('; Kim') });
    await expectCount('3 of 4');
    await waitFor(() => expect(highlighted().current).toBe('Kim'));
  });

  it('leaves Ctrl+F alone while a dialog has focus', async () => {
    renderReader();
    await screen.findByLabelText('Extracted text');
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const field = document.createElement('input');
    dialog.append(field);
    document.querySelector('.cf-workspace')!.append(dialog);
    field.focus();
    expect(pressFindShortcut(field)).toBe(true);
    expect(screen.queryByRole('search')).not.toBeInTheDocument();
    dialog.remove();
  });
});
