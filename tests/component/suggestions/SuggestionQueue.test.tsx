import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseId, Source } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import type { Extractor } from '../../../src/ingest';
import { SuggestionQueue } from '../../../src/features/suggestions';
import { createInlineExtractor } from '../../../src/ingest/extract/inline';
import {
  addEntity,
  addSource,
  createFakeExtractor,
  openTestStorage,
  renderWith,
  type FakeExtractor,
} from '../entities/harness';

/** A tip with defanged indicators, valid checksums, and a wallet whose checksum fails. */
export const TIP = `Download link: hxxps://evil-update[.]example[.]com/payload
The payload calls home to 203.0.113[.]45 on port 8443.
Replies go to admin[@]bad-domain[.]net, which also sent the first wave.

The loader exploits CVE-2023-23397 in unpatched mail clients.

Pay to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 or by bank transfer to NL93 RABO 0314 1592 65.
Another wallet, 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3, does not check out. Signed: SOC Desk.`;

let storage: CasefileStorage;
let caseId: CaseId;
let source: Source;
let fake: FakeExtractor;
let extractor: Extractor;
let shown: [number, number][];

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  source = await addSource(storage, caseId, 'Threat tip', TIP);
  fake = createFakeExtractor(200);
  extractor = fake;
  shown = [];
});
afterEach(() => storage.close());

function renderQueue(readOnly = false) {
  return renderWith(
    storage,
    <SuggestionQueue
      caseId={caseId}
      sourceId={source.id}
      readOnly={readOnly}
      onShow={(start, end) => shown.push([start, end])}
    />,
    extractor,
  );
}

function group(label: string) {
  return screen.getByRole('region', { name: `${label} suggestions` });
}

async function findSuggestions(user: ReturnType<typeof renderQueue>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Find suggestions' }));
  await screen.findByRole('region', { name: 'URL suggestions' });
}

describe('the suggestion queue', () => {
  it('finds suggestions on demand, grouped by type, with the text as written and the refanged value', async () => {
    const { user } = renderQueue();
    expect(await screen.findByText(/Casefile can propose people/)).toBeInTheDocument();
    await findSuggestions(user);

    const groups = screen.getAllByRole('region', { name: / suggestions$/ });
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual([
      'E-mail address suggestions',
      'URL suggestions',
      'IP address suggestions',
      'Crypto wallet suggestions',
      'Bank account suggestions',
      'Vulnerability suggestions',
    ]);
    const url = within(group('URL')).getByRole('listitem', {
      name: 'hxxps://evil-update[.]example[.]com/payload',
    });
    expect(url).toHaveTextContent('https://evil-update.example.com/payload');
    expect(url).toHaveTextContent('url, defanged');
    expect(url).toHaveTextContent('indicator');
    // The same text written plainly shows no second value.
    const cve = within(group('Vulnerability')).getByRole('listitem', { name: 'CVE-2023-23397' });
    expect(cve.querySelectorAll('code')).toHaveLength(1);
    // The wallet with a bad checksum is never proposed.
    expect(screen.queryByText(/1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3/)).not.toBeInTheDocument();
    expect(screen.getByText(/accepted ·/)).toHaveTextContent(
      '6 to review · 0 accepted · 0 rejected',
    );

    await user.click(within(url).getByRole('button', { name: /^Show / }));
    const at = TIP.indexOf('hxxps');
    expect(shown).toEqual([[at, at + 'hxxps://evil-update[.]example[.]com/payload'.length]]);
  });

  it('accepts one, rejects one, accepts a whole type and changes a type', async () => {
    const { user } = renderQueue();
    await findSuggestions(user);

    await user.click(screen.getByRole('button', { name: 'Accept 203.0.113[.]45' }));
    await screen.findByText('Accepted 1 mention; 1 new entity.');
    await user.click(screen.getByRole('button', { name: 'Reject admin[@]bad-domain[.]net' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'E-mail address suggestions' })).toBeNull(),
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Type of CVE-2023-23397' }),
      'Malware',
    );
    await within(await screen.findByRole('region', { name: 'Malware suggestions' })).findByRole(
      'listitem',
      { name: 'CVE-2023-23397' },
    );
    await user.click(screen.getByRole('button', { name: 'Accept all Malware' }));
    await screen.findByText('Accepted 1 mention; 1 new entity.');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Accept all URL' })).toBeEnabled(),
    );
    await user.click(screen.getByRole('button', { name: 'Accept all URL' }));
    await screen.findByText('Accepted 1 mention; 1 new entity.');
    await waitFor(() =>
      expect(screen.getByText(/accepted ·/)).toHaveTextContent(
        '2 to review · 3 accepted · 1 rejected',
      ),
    );

    const entities = await storage.entities.list(caseId);
    expect(entities.map((e) => [e.type, e.name, e.mentionCount]).sort()).toEqual(
      [
        ['IPAddress', '203.0.113.45', 1],
        ['Malware', 'CVE-2023-23397', 1],
        ['URL', 'https://evil-update.example.com/payload', 1],
      ].sort(),
    );

    await user.click(screen.getByRole('button', { name: 'Rejected (1)' }));
    const rejected = screen.getByRole('list', { name: 'Rejected suggestions' });
    await user.click(
      within(rejected).getByRole('button', { name: 'Allow admin[@]bad-domain[.]net again' }),
    );
    await screen.findByText(/“admin@bad-domain.net” may be proposed again/);
  });

  it('remembers a rejection: running again does not propose it', async () => {
    const { user } = renderQueue();
    await findSuggestions(user);
    await user.click(screen.getByRole('button', { name: 'Reject all IP address' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'IP address suggestions' })).toBeNull(),
    );
    await user.click(screen.getByRole('button', { name: 'Run again' }));
    await screen.findByText(/1 rejected before, left out/);
    expect(screen.queryByRole('region', { name: 'IP address suggestions' })).toBeNull();
  });

  it('proposes mentions of entities the case already knows, naming the entity', async () => {
    await addEntity(storage, caseId, { name: 'SOC Desk', type: 'Organization' });
    const { user } = renderQueue();
    await findSuggestions(user);
    expect(fake.requests[0]!.known).toEqual([
      expect.objectContaining({ type: 'Organization', names: ['SOC Desk'] }),
    ]);
    const known = within(group('Organisation')).getByRole('listitem', { name: 'SOC Desk' });
    expect(known).toHaveTextContent('known entity: SOC Desk');
  });

  it('shows progress, and a cancel stores nothing', async () => {
    fake.hold = true;
    const { user } = renderQueue();
    await user.click(await screen.findByRole('button', { name: 'Find suggestions' }));
    expect(await screen.findByText(/Finding suggestions… \d+%/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Extraction progress' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Cancelled: nothing was stored.')).toBeInTheDocument();
    expect(await storage.suggestions.forSource(source.id)).toEqual([]);
    expect(screen.getByRole('button', { name: 'Find suggestions' })).toBeEnabled();
  });

  it('shows why extraction failed', async () => {
    fake.failNext = 'The extraction worker stopped unexpectedly.';
    const { user } = renderQueue();
    await user.click(await screen.findByRole('button', { name: 'Find suggestions' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Finding suggestions failed: The extraction worker stopped unexpectedly.',
    );
  });

  it('disables every write when read-only', async () => {
    await storage.suggestions.replaceForSource(source.id, [
      {
        origin: 'indicator',
        type: 'Vulnerability',
        value: 'CVE-2023-23397',
        start: TIP.indexOf('CVE'),
        end: TIP.indexOf('CVE') + 14,
      },
    ]);
    renderQueue(true);
    await screen.findByRole('region', { name: 'Vulnerability suggestions' });
    expect(screen.getByRole('button', { name: 'Run again' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Accept CVE-2023-23397' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject all Vulnerability' })).toBeDisabled();
  });
});

describe('the suggestion queue with the real extractor', () => {
  it('proposes the refanged indicators, and never the wallet whose checksum fails', async () => {
    extractor = createInlineExtractor();
    const { user } = renderQueue();
    await user.click(await screen.findByRole('button', { name: 'Find suggestions' }));
    await screen.findByRole('region', { name: 'URL suggestions' }, { timeout: 10_000 });
    const values = (await storage.suggestions.forSource(source.id)).map((s) => [s.type, s.value]);
    expect(values).toEqual(
      expect.arrayContaining([
        ['URL', 'https://evil-update.example.com/payload'],
        ['IPAddress', '203.0.113.45'],
        ['Email', 'admin@bad-domain.net'],
        ['Vulnerability', 'CVE-2023-23397'],
        ['CryptoWallet', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
        ['BankAccount', 'NL93RABO0314159265'],
      ]),
    );
    expect(values).not.toContainEqual(['CryptoWallet', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3']);
  });
});
