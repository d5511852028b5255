import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useWatchedPage } from './browser';
import { buildDocx, buildRawZip, zerosDeflated } from '../fixtures/ingest/docxBuilder';
import { buildCjkPdf, CJK_SAMPLE } from '../fixtures/ingest/cjkPdf';
import { manyPartsEml, nestedEml } from '../fixtures/ingest/emlBuilder';
import { CaseListPage } from './pages/CaseListPage';
import { SourcesPage } from './pages/SourcesPage';

const baseUrl = inject('baseUrl');
const fixtures = resolve(import.meta.dirname, '../fixtures/ingest');
const fixture = (path: string) => join(fixtures, path);

function sha256sum(path: string): string {
  return execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;
}

describe('the source library in the web build', () => {
  const session = useWatchedPage(baseUrl, async (page) => {
    const cases = new CaseListPage(page);
    await cases.goto(baseUrl);
    await cases.createCase('Harbour Street');
  });

  it('imports articles, a web page, a PDF, a Word file and an e-mail with its attachment as hashed evidence', async () => {
    const page = session.page;
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    const files = [
      'text/investment-app-scam-warning.txt',
      'text/invoice-fraud-ring-arrests.txt',
      'markdown/briefing.md',
      'html/news-article.html',
      'pdf/report.pdf',
      'docx/memo.docx',
      'eml/informant-tip.eml',
    ].map(fixture);
    await sources.importFiles(files);
    for (const file of files) {
      expect(await sources.reportRow(file.split('/').pop()!).textContent()).toContain('Imported');
    }
    expect(await sources.reportRow('informant-tip.eml').textContent()).toContain(
      'with 1 attachment',
    );
    await sources.closeReport();
    await sources.waitForCount(8);

    // The web page: the article, not the navigation, paywall, cookie banner or footer.
    let reader = await sources.open(
      'Police dismantle ‘phantom invoice’ ring that drained logistics firms',
    );
    const article = await reader.text.textContent();
    expect(article).toContain('PORT KELANG — Police have arrested nine people');
    for (const boilerplate of [
      'Subscribe to continue reading',
      'free articles left',
      'Manage cookie preferences',
      'All rights reserved',
    ]) {
      expect(article).not.toContain(boilerplate);
    }
    expect(await reader.hash).toBe(sha256sum(fixture('html/news-article.html')));
    expect(await reader.field('Author').inputValue()).toBe('Mira Santos');
    expect(await reader.field('Publisher').inputValue()).toBe('The Harbour Ledger');
    expect(await reader.field('Published').inputValue()).toMatch(/^2024-03-1[34]/);
    await reader.back();

    // The PDF: per-page text with page markers, and its document info.
    reader = await sources.open('Harbour Authority Inspection Report');
    expect(await reader.text.textContent()).toContain(
      'the night watchman saw a grey van at Gate 4',
    );
    expect(await page.getByRole('separator', { name: 'Page 2' }).count()).toBe(1);
    expect(await reader.hash).toBe(sha256sum(fixture('pdf/report.pdf')));
    expect(await reader.field('Author').inputValue()).toBe('Mara Lindqvist');
    expect(await reader.field('Published').inputValue()).toMatch(/^2016-02-05/);
    await reader.back();

    // The Word file: text and core properties.
    reader = await sources.open('Memo: Review of vendor payments');
    expect(await reader.text.textContent()).toContain(
      'the finance team paid Northgate Supplies forty-one invoices',
    );
    expect(await reader.hash).toBe(sha256sum(fixture('docx/memo.docx')));
    expect(await reader.field('Author').inputValue()).toBe('Jonas Okafor');
    await reader.back();

    // The e-mail: headers as provenance, the body as text, the attachment as a linked child source.
    reader = await sources.open('Tip: payments routed through Nordwind Trading');
    expect(await reader.text.textContent()).toContain('cash deposits just under 10,000 euros');
    expect(await reader.hash).toBe(sha256sum(fixture('eml/informant-tip.eml')));
    const headers = page.getByRole('region', { name: 'E-mail headers' });
    expect(await headers.textContent()).toContain('Dana Whitlock <dana.whitlock@example.org>');
    expect(await headers.textContent()).toContain('<20260303091427.4F2A@mail.example.org>');
    await page
      .getByRole('region', { name: 'Attachments' })
      .getByRole('button', { name: /ledger/i })
      .click();
    await page.getByText('Transfer to Nordwind Trading GmbH').waitFor();
    expect(await page.getByLabel('SHA-256', { exact: true }).textContent()).toBe(
      sha256sum(fixture('eml/ledger.txt')),
    );
  });

  it('refuses each bad file with its own reason, stores nothing for it, and imports the rest', async () => {
    const page = session.page;
    const scratch = mkdtempSync(join(tmpdir(), 'casefile-bad-'));
    writeFileSync(join(scratch, 'empty.txt'), '');
    writeFileSync(
      join(scratch, 'photo.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    writeFileSync(join(scratch, 'not-a-zip.docx'), 'This is plain text pretending to be Word.');
    writeFileSync(join(scratch, 'bad-utf8.txt'), Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]));
    // 600 MB of zeros in a 600 KB zip whose header claims a small size.
    writeFileSync(
      join(scratch, 'bomb.docx'),
      buildRawZip([{ name: 'word/document.xml', data: zerosDeflated(600), declaredSize: 2048 }]),
    );
    writeFileSync(
      join(scratch, 'xxe.docx'),
      buildDocx({
        paragraphs: [],
        extraParts: {
          'word/document.xml':
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
        },
      }),
    );
    writeFileSync(join(scratch, 'many-parts.eml'), manyPartsEml(10_000));
    writeFileSync(join(scratch, 'deep.eml'), nestedEml(100));
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([
      join(scratch, 'empty.txt'),
      join(scratch, 'photo.png'),
      join(scratch, 'not-a-zip.docx'),
      join(scratch, 'bad-utf8.txt'),
      join(scratch, 'bomb.docx'),
      join(scratch, 'xxe.docx'),
      join(scratch, 'many-parts.eml'),
      join(scratch, 'deep.eml'),
      fixture('pdf/encrypted.pdf'),
      fixture('pdf/truncated.pdf'),
      fixture('eml/malformed-prose.eml'),
      fixture('text/invoice-fraud-ring-arrests.txt'),
    ]);
    const expected: [string, RegExp][] = [
      ['empty.txt', /Refused: empty\.txt is empty\./],
      ['photo.png', /Refused: photo\.png is not a supported type/],
      ['not-a-zip.docx', /Refused: not-a-zip\.docx is not a Word document/],
      ['bad-utf8.txt', /Refused: .*invalid UTF-8/],
      [
        'bomb.docx',
        /Refused: bomb\.docx would inflate to more than 512 MB; refused as a possible zip bomb/,
      ],
      ['xxe.docx', /Refused: xxe\.docx contains an XML document type declaration/],
      ['many-parts.eml', /Refused: many-parts\.eml has more than 1000 MIME parts/],
      ['deep.eml', /Refused: deep\.eml .*nest/i],
      ['encrypted.pdf', /Refused: encrypted\.pdf is password-protected/],
      ['truncated.pdf', /Refused: truncated\.pdf is damaged or truncated/],
      ['malformed-prose.eml', /Refused: malformed-prose\.eml is not an e-mail message/],
      ['invoice-fraud-ring-arrests.txt', /Imported/],
    ];
    for (const [file, outcome] of expected)
      expect(await sources.reportRow(file).textContent()).toMatch(outcome);
    await sources.closeReport();
    await sources.waitForCount(1);
  });

  it('hands back the original byte for byte', async () => {
    const page = session.page;
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([fixture('pdf/report.pdf')]);
    await sources.closeReport();
    await sources.open('Harbour Authority Inspection Report');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save original…' }).click();
    const saved = join(mkdtempSync(join(tmpdir(), 'casefile-original-')), 'report.pdf');
    const file = await download;
    expect(file.suggestedFilename()).toBe('report.pdf');
    await file.saveAs(saved);
    expect(sha256sum(saved)).toBe(sha256sum(fixture('pdf/report.pdf')));
  });

  it('reads Japanese text from a PDF whose font relies on predefined character maps', async () => {
    const page = session.page;
    const path = join(mkdtempSync(join(tmpdir(), 'casefile-cjk-')), 'sankei.pdf');
    writeFileSync(path, buildCjkPdf(CJK_SAMPLE));
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([path]);
    await sources.closeReport();
    const reader = await sources.open('CJK sample');
    expect(await reader.text.textContent()).toContain(CJK_SAMPLE);
  });

  it('imports files dropped onto the source list', async () => {
    const page = session.page;
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File(['Dropped note about the Gate 4 van.'], 'dropped.txt', { type: 'text/plain' }),
      );
      return transfer;
    });
    const area = page.getByRole('region', { name: 'Sources' });
    await area.dispatchEvent('dragover', { dataTransfer });
    await area.dispatchEvent('drop', { dataTransfer });
    await page.getByRole('button', { name: 'Close report' }).waitFor();
    expect(await sources.reportRow('dropped.txt').textContent()).toContain('Imported');
  });

  it('deletes a source with its attachment after confirmation', async () => {
    const page = session.page;
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([fixture('eml/informant-tip.eml'), fixture('pdf/report.pdf')]);
    await sources.closeReport();
    await sources.waitForCount(3);
    await sources.open('Tip: payments routed through Nordwind Trading');
    await page.getByRole('button', { name: 'Delete source' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete source?' });
    await confirm.getByRole('button', { name: 'Delete source' }).click();
    await sources.waitForCount(1);
    expect(
      await sources.table
        .getByRole('button', { name: 'Harbour Authority Inspection Report' })
        .count(),
    ).toBe(1);
  });

  it('shows a hostile page without running its scripts or letting it reach the network', async () => {
    const page = session.page;
    const sources = new SourcesPage(page);
    await sources.openFromWorkspace();
    await sources.importFiles([fixture('html/hostile.html')]);
    await sources.closeReport();
    const title = (await sources.table
      .getByRole('rowheader')
      .first()
      .getByRole('button')
      .textContent())!;
    const reader = await sources.open(title);
    const text = (await reader.text.textContent())!;
    expect(text).not.toMatch(/__casefileCanary|<script|javascript:/);

    const frame = await reader.showOriginal();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const content = page.frameLocator('iframe.cf-original');
    await content.locator('body').waitFor();
    const links = await content.locator('a[href]').count();
    expect(links).toBe(0);
    expect(
      await page.evaluate(
        () => (window as Window & { __casefileCanary?: unknown }).__casefileCanary,
      ),
    ).toBeUndefined();
    for (const child of page.frames()) {
      expect(
        await child
          .evaluate(() => (window as Window & { __casefileCanary?: unknown }).__casefileCanary)
          .catch(() => undefined),
      ).toBeUndefined();
    }
    expect(page.url()).toContain(baseUrl.replace(/\/$/, ''));
  });
});
