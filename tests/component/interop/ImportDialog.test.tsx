import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_COMMANDS, type AppCommandContext } from '../../../src/app/commands/appCommands';
import type { Case, CaseId } from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import {
  ImportDialog,
  InteropImporterProvider,
  type InteropImporter,
} from '../../../src/features/interop';
import { createInlineImporter } from '../../../src/features/interop/importer';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import { createInlineIngest } from '../../../src/ingest/inline';
import { createBrowserHost, type Host } from '../../../src/platform';
import { ok } from '../../../src/shared/result';
import { sha256HexOfBytes } from '../../../src/shared/sha256';
import { dumpDatabase } from '../../unit/db/helpers';
import { addEntity, createFakeExtractor, openTestStorage } from '../entities/harness';

let storage: CasefileStorage;
let caseId: CaseId;

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
});
afterEach(() => storage.close());

const encode = (text: string) => new TextEncoder().encode(text);
const BOM = '\uFEFF';

/** A host whose file chooser picks this file (or says it is too large, unread). */
function hostWith(
  file: { name: string; bytes: Uint8Array } | { name: string; size: number },
): Host {
  const host = createBrowserHost({ version: '9.9.9', download: () => undefined });
  return {
    ...host,
    openFiles: () =>
      Promise.resolve(
        ok(
          'bytes' in file
            ? { canceled: false, files: [file], tooLarge: [] }
            : { canceled: false, files: [], tooLarge: [file] },
        ),
      ),
  };
}

async function open(host: Host, options: { readOnly?: boolean; importer?: InteropImporter } = {}) {
  const current = (await storage.cases.get(caseId)) as Case;
  const user = userEvent.setup();
  render(
    <StorageProvider storage={storage}>
      <ServicesProvider host={host} ingest={createInlineIngest()} extractor={createFakeExtractor()}>
        <InteropImporterProvider importer={options.importer}>
          <ImportDialog
            current={current}
            readOnly={options.readOnly ?? false}
            onClose={() => undefined}
          />
        </InteropImporterProvider>
      </ServicesProvider>
    </StorageProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Import STIX or CSV' });
  return { user, dialog };
}

const button = (dialog: HTMLElement, name: string | RegExp) =>
  within(dialog).getByRole('button', { name });

/** Three entity rows: a BOM, a quoted newline in a note, a formula cell, one row without a name. */
const ENTITIES_CSV =
  BOM +
  'name,type,aliases,notes,Country\r\n' +
  'Lazarus Group,Organization,APT38; Hidden Cobra,"Line one\nline two",KP\r\n' +
  '"=HYPERLINK(""http://evil.example"",""x"")",Person,,,\r\n' +
  ',Organization,,,\r\n' +
  'Dhaka,Location,,,BD\r\n';

async function entityNames(): Promise<string[]> {
  return (await storage.entities.list(caseId)).map((e) => e.name).sort();
}

async function auditActions(): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  const events = await storage.audit.list(caseId);
  return events.map((e) => ({ action: e.action, detail: e.detail }));
}

describe('ImportDialog: CSV', () => {
  it('maps a CSV of entities with the suggested columns, previews rows with their problems, and imports', async () => {
    const bytes = encode(ENTITIES_CSV);
    const { user, dialog } = await open(hostWith({ name: 'entities.csv', bytes }));
    await user.click(button(dialog, 'Choose file…'));

    // The mapping step: the suggestion pre-filled, attributes offered, the first rows previewed.
    const name = await within(dialog).findByRole('combobox', { name: 'Name (required)' });
    expect(name).toHaveDisplayValue('name');
    // The button that was clicked is gone: focus stays in the dialog, not on the page behind.
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(within(dialog).getByRole('combobox', { name: 'Type (required)' })).toHaveDisplayValue(
      'type',
    );
    expect(within(dialog).getByRole('checkbox', { name: 'Country' })).toBeChecked();
    expect(within(dialog).getByText(/UTF-8 byte-order mark removed/)).toBeInTheDocument();
    const table = within(dialog).getByRole('table', { name: /as they would be imported/ });
    await waitFor(() => expect(within(table).queryByText('…')).not.toBeInTheDocument());
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(within(rows[2] as HTMLElement).getByText(/^=HYPERLINK/)).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByRole('rowheader')).toHaveTextContent('4');
    expect(
      within(rows[3] as HTMLElement).getByText(/name/i, { selector: 'td' }),
    ).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('None')).toBeInTheDocument();

    await user.click(button(dialog, 'Read all rows'));
    const counts = await within(dialog).findByRole('region', { name: 'To be added to the case' });
    expect(within(counts).getByRole('row', { name: 'Entities 3' })).toBeInTheDocument();
    const skipped = within(dialog).getByRole('region', { name: 'Not imported: 1 row' });
    expect(within(skipped).getByText(/^Row 4/)).toBeInTheDocument();
    expect(await entityNames()).toEqual([]);

    await user.click(button(dialog, 'Import'));
    await within(dialog).findByText('Imported 3 entities from entities.csv.');
    await waitFor(() => expect(document.activeElement).toBe(button(dialog, 'Close')));
    expect(await entityNames()).toEqual([
      '=HYPERLINK("http://evil.example","x")',
      'Dhaka',
      'Lazarus Group',
    ]);
    const lazarus = (await storage.entities.list(caseId)).find((e) => e.name === 'Lazarus Group');
    expect(lazarus?.notes).toBe('Line one\nline two');
    expect(lazarus?.aliases).toEqual(['APT38', 'Hidden Cobra']);
    expect(lazarus?.attributes).toEqual({ Country: 'KP' });
    const imported = (await auditActions()).find((e) => e.action === 'csv.imported');
    expect(imported?.detail).toMatchObject({
      fileName: 'entities.csv',
      sha256: await sha256HexOfBytes(bytes),
      kind: 'entities',
      counts: { entities: 3, claims: 0 },
      rowsSkipped: 1,
    });
  });

  it('says which required column is missing and waits until one is chosen', async () => {
    const csv = 'label,kind of thing\r\nSWIFT,Organization\r\n';
    const { user, dialog } = await open(hostWith({ name: 'things.csv', bytes: encode(csv) }));
    await user.click(button(dialog, 'Choose file…'));
    const type = await within(dialog).findByRole('combobox', { name: 'Type (required)' });
    expect(within(dialog).getByText('Choose the column for the entity type.')).toBeInTheDocument();
    expect(button(dialog, 'Read all rows')).toBeDisabled();

    // One type for every row.
    await user.selectOptions(type, 'Organization');
    expect(button(dialog, 'Read all rows')).toBeEnabled();
    const table = within(dialog).getByRole('table', { name: /as they would be imported/ });
    await within(table).findByText('None');
    expect(within(table).getAllByText('Organization', { selector: 'td' })).toHaveLength(1);
    await user.click(button(dialog, 'Read all rows'));
    await user.click(await within(dialog).findByRole('button', { name: 'Import' }));
    await within(dialog).findByText('Imported 1 entities from things.csv.');
    expect((await storage.entities.list(caseId))[0]).toMatchObject({
      name: 'SWIFT',
      type: 'Organization',
    });
  });

  it('maps claims, matching a subject already in the case', async () => {
    await addEntity(storage, caseId, { name: 'Lazarus Group', type: 'Organization' });
    const csv =
      'subject,subject type,predicate,object,object type,credibility,status\r\n' +
      'Lazarus Group,Organization,attacked,Bangladesh Bank,Organization,2,corroborated\r\n' +
      'Lazarus Group,Organization,used,SWIFT,Organization,9,asserted\r\n';
    const { user, dialog } = await open(hostWith({ name: 'claims.csv', bytes: encode(csv) }));
    await user.click(button(dialog, 'Choose file…'));
    await within(dialog).findByRole('combobox', { name: 'Name (required)' });
    await user.click(within(dialog).getByRole('radio', { name: 'A claim' }));
    expect(within(dialog).getByRole('combobox', { name: 'Subject (required)' })).toHaveDisplayValue(
      'subject',
    );
    expect(
      within(dialog).getByRole('combobox', { name: 'Predicate (required)' }),
    ).toHaveDisplayValue('predicate');
    const table = within(dialog).getByRole('table', { name: /as they would be imported/ });
    await waitFor(() => expect(within(table).getAllByRole('row')[2]).toHaveTextContent(/credib/i));

    await user.click(button(dialog, 'Read all rows'));
    const counts = await within(dialog).findByRole('region', { name: 'To be added to the case' });
    expect(within(counts).getByRole('row', { name: 'Claims 1' })).toBeInTheDocument();
    expect(within(counts).getByRole('row', { name: 'Entities 1' })).toBeInTheDocument();
    expect(within(dialog).getByText(/already in the case/)).toBeInTheDocument();
    await user.click(button(dialog, 'Import'));
    await within(dialog).findByText('Imported 1 entities, 1 claims from claims.csv.');
    const claims = await storage.claims.list(caseId);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ predicate: 'attacked', credibility: 2 });
  });

  it('offers Windows-1252 when the file is not UTF-8, and reads it when chosen', async () => {
    // "Café Nord" in Windows-1252: é is the single byte 0xE9.
    const bytes = new Uint8Array([
      ...encode('name,type\r\nCaf'),
      0xe9,
      ...encode(' Nord,Organization\r\n'),
    ]);
    const { user, dialog } = await open(hostWith({ name: 'excel.csv', bytes }));
    await user.click(button(dialog, 'Choose file…'));
    const encoding = await within(dialog).findByRole('combobox', { name: 'Encoding' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/UTF-8/);
    expect(within(dialog).queryByRole('table')).not.toBeInTheDocument();
    await user.selectOptions(encoding, 'windows-1252');
    const table = await within(dialog).findByRole('table', { name: /as they would be imported/ });
    expect(within(table).getByText('Café Nord')).toBeInTheDocument();
  });

  it('says a file that mixes encodings must be re-saved, and shows no mapping', async () => {
    // "é" once as UTF-8 (0xC3 0xA9), once as Windows-1252 (0xE9).
    const bytes = new Uint8Array([
      ...encode('name,type\r\nCaf\u00e9 Sud,Organization\r\nCaf'),
      0xe9,
      ...encode(' Nord,Organization\r\n'),
    ]);
    const { user, dialog } = await open(hostWith({ name: 'mixed.csv', bytes }));
    await user.click(button(dialog, 'Choose file…'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/encod/i);
    expect(within(dialog).getByRole('combobox', { name: 'Encoding' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('table')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Read all rows' })).toBeDisabled();
  });

  it('cancels a running import and writes nothing', async () => {
    const inline = createInlineImporter();
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held: InteropImporter = {
      ...inline,
      mapCsv(bytes, request, target, onProgress, signal) {
        // The preview's small file passes; the full run waits for Cancel.
        if (bytes.byteLength < 200) return inline.mapCsv(bytes, request, target);
        onProgress?.({ rowsRead: 5000, bytesRead: 100, totalBytes: 400 });
        started();
        return new Promise((resolve) =>
          signal?.addEventListener('abort', () =>
            resolve({ ok: false, error: { code: 'import.cancelled', message: 'cancelled' } }),
          ),
        );
      },
    };
    const csv = 'name,type\r\n' + 'Row,Person\r\n'.repeat(30);
    const { user, dialog } = await open(hostWith({ name: 'big.csv', bytes: encode(csv) }), {
      importer: held,
    });
    const before = await dumpDatabase(storage.db);
    await user.click(button(dialog, 'Choose file…'));
    await within(dialog).findByRole('combobox', { name: 'Name (required)' });
    await user.click(button(dialog, 'Read all rows'));
    await running;
    expect(await within(dialog).findByRole('progressbar', { name: 'Import progress' })).toHaveValue(
      0.25,
    );
    expect(within(dialog).getByText('5,000 rows read')).toBeInTheDocument();
    await user.click(button(dialog, 'Cancel'));
    await within(dialog).findByText('Cancelled. Nothing was written.');
    expect(within(dialog).getByRole('combobox', { name: 'Name (required)' })).toBeInTheDocument();
    expect((await dumpDatabase(storage.db)).json).toBe(before.json);
  });
});

/** A small bundle: an organisation, an IP, a relationship, an unknown object, a dangling link. */
function stixBundle(): string {
  const at = '2024-03-01T10:00:00.000Z';
  const org = 'identity--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061';
  const ip = 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd';
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      {
        type: 'identity',
        spec_version: '2.1',
        id: org,
        created: at,
        modified: at,
        name: 'Lazarus Group',
        identity_class: 'organization',
      },
      { type: 'ipv4-addr', spec_version: '2.1', id: ip, value: '203.0.113.5' },
      {
        type: 'relationship',
        spec_version: '2.1',
        id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
        created: at,
        modified: at,
        relationship_type: 'uses',
        source_ref: org,
        target_ref: ip,
        confidence: 70,
      },
      {
        type: 'x-acme-widget',
        spec_version: '2.1',
        id: 'x-acme-widget--6b5f4d3c-2b1a-4c9d-8e7f-0a1b2c3d4e5f',
      },
      {
        type: 'relationship',
        spec_version: '2.1',
        id: 'relationship--9a1c7ef0-7a43-4d3b-9d5e-3b6f2e9c8a10',
        created: at,
        modified: at,
        relationship_type: 'targets',
        source_ref: org,
        target_ref: 'identity--00000000-0000-4000-8000-000000000000',
      },
    ],
  });
}

describe('ImportDialog: STIX', () => {
  it('previews a bundle (counts, what is skipped and why) and imports it into the case', async () => {
    const bytes = encode(stixBundle());
    const { user, dialog } = await open(hostWith({ name: 'feed.json', bytes }));
    await user.click(button(dialog, 'Choose file…'));
    const counts = await within(dialog).findByRole('region', { name: 'To be added to the case' });
    expect(within(counts).getByRole('row', { name: 'Entities 2' })).toBeInTheDocument();
    expect(within(counts).getByRole('row', { name: 'Claims 1' })).toBeInTheDocument();
    const skipped = within(dialog).getByRole('region', { name: 'Not imported: 2 objects' });
    expect(
      within(skipped).getByText('x-acme-widget--6b5f4d3c-2b1a-4c9d-8e7f-0a1b2c3d4e5f'),
    ).toBeInTheDocument();
    expect(
      within(skipped).getByText('relationship--9a1c7ef0-7a43-4d3b-9d5e-3b6f2e9c8a10'),
    ).toBeInTheDocument();

    await user.click(button(dialog, 'Import'));
    await within(dialog).findByText('Imported 2 entities, 1 claims from feed.json.');
    expect(await entityNames()).toEqual(['203.0.113.5', 'Lazarus Group']);
    expect(await storage.claims.list(caseId)).toHaveLength(1);
    const imported = (await auditActions()).find((e) => e.action === 'stix.imported');
    expect(imported?.detail).toMatchObject({
      fileName: 'feed.json',
      sha256: await sha256HexOfBytes(bytes),
      counts: { entities: 2, claims: 1 },
      skipped: 2,
    });
  });

  it('shows why a malformed file cannot be read and leaves the database unchanged', async () => {
    const bytes = encode('{"type": "bundle", "objects": [');
    const { user, dialog } = await open(hostWith({ name: 'broken.json', bytes }));
    const before = await dumpDatabase(storage.db);
    await user.click(button(dialog, 'Choose file…'));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/JSON/);
    expect(button(dialog, 'Choose file…')).toBeEnabled();
    expect((await dumpDatabase(storage.db)).json).toBe(before.json);
  });

  it('refuses a file over the cap before reading it, naming the file and the cap', async () => {
    const { user, dialog } = await open(hostWith({ name: 'huge.json', size: 1024 ** 3 }));
    await user.click(button(dialog, 'Choose file…'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'huge.json is 1.0 GB; files of at most 256.0 MB can be imported. It was not read.',
    );
  });

  it('offers nothing to choose while storage is read-only', async () => {
    const { dialog } = await open(hostWith({ name: 'feed.json', bytes: encode('{}') }), {
      readOnly: true,
    });
    expect(button(dialog, 'Choose file…')).toBeDisabled();
    expect(within(dialog).getByText(/read-only/)).toBeInTheDocument();
  });
});

describe('case.import command', () => {
  const command = APP_COMMANDS.find((c) => c.id === 'case.import');
  const context = (over: Partial<AppCommandContext>) =>
    ({ readOnly: false, openCaseId: 'c' as CaseId, ...over }) as AppCommandContext;
  it('is "Import STIX or CSV…", enabled with an open, writable case', () => {
    expect(command?.title).toBe('Import STIX or CSV…');
    expect(command?.enabled?.(context({}))).toBe(true);
    expect(command?.enabled?.(context({ readOnly: true }))).toBe(false);
    expect(command?.enabled?.(context({ openCaseId: undefined }))).toBe(false);
  });
});
