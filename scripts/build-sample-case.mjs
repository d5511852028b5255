// Builds the sample case that ships with Casefile (resources/sample-case/README.md).
//
//   node scripts/build-sample-case.mjs            the bundle, from the files in sources/
//   node scripts/build-sample-case.mjs --sources  first the PDF, DOCX and e-mail from authored/
//
// The case is made by the app's own code (src/features/sample/buildSampleCase.ts: parsers,
// storage, writeBundle), loaded through Vite in Node with an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const sampleDir = resolve(root, 'resources/sample-case');
const authored = (name) => resolve(sampleDir, 'authored', name);
const source = (name) => resolve(sampleDir, 'sources', name);

/** Prints an HTML page to PDF with headless Chromium (the page loads nothing from outside). */
async function printPdfs(pages) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const out = [];
    for (const html of pages) {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      out.push(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** The memo as a Word file: '# ' a title, '## ' headings, 'Key: value' header lines, paragraphs. */
async function memoDocx(text) {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const paragraphs = text
    .trim()
    .split('\n')
    .map((line) => {
      if (line.startsWith('## ')) {
        return new Paragraph({ text: line.slice(3), heading: HeadingLevel.HEADING_2 });
      }
      if (line.startsWith('# ')) {
        return new Paragraph({ text: line.slice(2), heading: HeadingLevel.HEADING_1 });
      }
      const header = /^(To|From|Date|Classification): (.*)$/.exec(line);
      if (header) {
        return new Paragraph({
          children: [new TextRun({ text: `${header[1]}: `, bold: true }), new TextRun(header[2])],
        });
      }
      return new Paragraph({ text: line });
    });
  const doc = new Document({
    creator: 'Tomas Reyes',
    title: 'Memo: payment to Kestrel Marine Services, invoice KM-4471',
    description: 'Fictional document written for the Casefile sample case.',
    sections: [{ children: paragraphs }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function buildSources() {
  const [report, letter] = await printPdfs([
    readFileSync(authored('internal-audit-report.html'), 'utf8'),
    readFileSync(authored('remittance-letter.html'), 'utf8'),
  ]);
  writeFileSync(source('internal-audit-report.pdf'), report);
  const base64 = Buffer.from(letter).toString('base64').replace(/.{76}/g, '$&\r\n');
  const eml = readFileSync(authored('bank-details-change.eml.template'), 'utf8')
    .replace(/\r?\n/g, '\r\n')
    .replace('{{ATTACHMENT_BASE64}}', base64);
  writeFileSync(source('bank-details-change.eml'), eml);
  writeFileSync(
    source('finance-memo.docx'),
    await memoDocx(readFileSync(authored('finance-memo.txt'), 'utf8')),
  );
}

async function buildBundle() {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true },
  });
  try {
    const { buildSampleCase, SAMPLE_SOURCE_FILES } = await server.ssrLoadModule(
      '/src/features/sample/buildSampleCase.ts',
    );
    const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const files = SAMPLE_SOURCE_FILES.map((name) => ({
      name,
      bytes: new Uint8Array(readFileSync(source(name))),
    }));
    const built = await buildSampleCase(files, { name: 'Casefile', version });
    if (!built.ok) throw new Error(`${built.error.code}: ${built.error.message}`);
    writeFileSync(resolve(sampleDir, 'sample.casefile'), built.value.bundle);
    writeFileSync(
      resolve(sampleDir, 'counts.json'),
      `${JSON.stringify(built.value.counts, null, 2)}\n`,
    );
    console.log(
      `resources/sample-case/sample.casefile: ${built.value.bundle.byteLength} bytes`,
      built.value.counts,
    );
  } finally {
    await server.close();
  }
}

if (process.argv.includes('--sources')) await buildSources();
await buildBundle();
