import PostalMime from 'postal-mime';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_INGEST_LIMITS, INGEST_ERRORS } from '../../../src/core';
import type { IngestLimits, SourceDraft } from '../../../src/core';
import type { MimeParser } from '../../../src/ingest/eml';
import { parseEml, parseEmlWith, sanitiseAttachmentName } from '../../../src/ingest/eml';
import {
  headerBlockProblem,
  MAX_HEADER_BYTES,
  multipartBoundary,
  scanMimeStructure,
} from '../../../src/ingest/mime';
import type { Result } from '../../../src/shared/result';
import {
  anEml,
  bytesOf,
  emlFixture,
  emlWithAttachments,
  manyPartsEml,
  nestedEml,
} from '../../fixtures/ingest/emlBuilder';

function parseFixture(name: string): Promise<Result<SourceDraft>> {
  return parseEml({ fileName: name, bytes: emlFixture(name), limits: DEFAULT_INGEST_LIMITS });
}

function parseText(
  text: string,
  limits: Partial<IngestLimits> = {},
  fileName = 'message.eml',
): Promise<Result<SourceDraft>> {
  return parseEml({
    fileName,
    bytes: bytesOf(text),
    limits: { ...DEFAULT_INGEST_LIMITS, ...limits },
  });
}

function draftOf(result: Result<SourceDraft>): SourceDraft {
  if (!result.ok)
    throw new Error(`expected a draft, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A MIME parser that records whether it was asked, delegating to postal-mime when it is. */
function spyParser() {
  return vi.fn<MimeParser>((bytes, options) => PostalMime.parse(bytes, options));
}

const scanLimits = { maxParts: 1_000, maxDepth: 20, maxHeaderBytes: MAX_HEADER_BYTES };

describe('parseEml: the informant tip (multipart/mixed with an alternative body and a ledger)', () => {
  it('puts the headers into provenance, formatted as Name <address>, with an ISO date', async () => {
    const draft = draftOf(await parseFixture('informant-tip.eml'));
    expect(draft.kind).toBe('eml');
    expect(draft.mediaType).toBe('message/rfc822');
    expect(draft.title).toBe('Tip: payments routed through Nordwind Trading');
    expect(draft.provenance).toEqual({
      fileName: 'informant-tip.eml',
      author: 'Dana Whitlock <dana.whitlock@example.org>',
      publishedAt: '2026-03-03T08:14:27.000Z',
      email: {
        from: 'Dana Whitlock <dana.whitlock@example.org>',
        to: ['Case Desk <tips@casefile.example>'],
        cc: ['Marek Olsen <m.olsen@example.net>', 'audit@example.net'],
        subject: 'Tip: payments routed through Nordwind Trading',
        date: '2026-03-03T08:14:27.000Z',
        messageId: '<20260303091427.4F2A@mail.example.org>',
      },
    });
    expect(draft.warnings).toEqual([]);
  });

  it('takes the canonical text from the plain-text body only, and keeps the HTML body as html', async () => {
    const draft = draftOf(await parseFixture('informant-tip.eml'));
    expect(draft.text).toBe(
      [
        'Hello,',
        'I work in the accounts office at Harbour Street. Since February, cash deposits just under 10,000 euros have been paid into client account 4471 every week and moved out the next day to Nordwind Trading GmbH.',
        'The attached ledger is a copy of the entries I could print before my access was changed. The consultancy fee to K. Varga appears every month.',
        'I would rather not be named. Please reply to this address only.',
        'Dana',
      ].join('\n\n'),
    );
    expect(draft.structure.paragraphs?.map((r) => draft.text.slice(r.start, r.end))).toEqual(
      draft.text.split('\n\n'),
    );
    // Headers and the attachment are not body text.
    expect(draft.text).not.toContain('Message-ID');
    expect(draft.text).not.toContain('Consultancy fee, K. Varga');
    expect(draft.html).toContain('<b>cash\ndeposits just under 10,000 euros</b>');
  });

  it('returns the base64 attachment with bytes identical to the original file', async () => {
    const draft = draftOf(await parseFixture('informant-tip.eml'));
    expect(draft.attachments).toHaveLength(1);
    const ledger = draft.attachments![0]!;
    expect(ledger.fileName).toBe('ledger.txt');
    expect(ledger.mediaType).toBe('text/plain');
    expect(ledger.bytes).toEqual(emlFixture('ledger.txt'));
    expect(new TextDecoder().decode(ledger.bytes)).toContain('Transfer to Nordwind Trading GmbH');
  });
});

describe('parseEml: bodies', () => {
  it('reads an HTML-only body through the shared HTML walker, without script or style text', async () => {
    const draft = draftOf(await parseFixture('html-only.eml'));
    expect(draft.text).toBe(
      'Quayside opening hours\n\n' +
        'From 1 March the Quayside branch opens late on Thursdays until 20:00.\n\n' +
        'See the photo of the new counter:',
    );
    expect(draft.text).not.toContain('track()');
    // The untrusted HTML is kept as it came (the UI sanitises it); cid: references stay.
    expect(draft.html).toContain('<script>track()</script>');
    expect(draft.html).toContain('src="cid:counter@harbour-street.example"');
    expect(draft.warnings).toEqual([]);
  });

  it('keeps a named inline image but not an unnamed one that only serves the HTML (cid)', async () => {
    const draft = draftOf(await parseFixture('html-only.eml'));
    expect(draft.attachments?.map((a) => [a.fileName, a.mediaType])).toEqual([
      ['counter-photo.png', 'image/png'],
    ]);
    expect(Array.from(draft.attachments![0]!.bytes.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('decodes quoted-printable bodies and encoded-word headers (UTF-8 B and Q, ISO-8859-1)', async () => {
    const draft = draftOf(await parseFixture('encoded-words.eml'));
    expect(draft.title).toBe('Überweisung an Müller – 12.000 € bestätigt');
    expect(draft.provenance.email?.subject).toBe('Überweisung an Müller – 12.000 € bestätigt');
    expect(draft.provenance.email?.from).toBe('Jörg Schröder <joerg.schroeder@example.de>');
    expect(draft.provenance.email?.to).toEqual(['Renée Faßbender <renee@example.de>']);
    expect(draft.text).toBe(
      'Hallo Renée,\n\n' +
        'die Überweisung an Herrn Müller über 12.000 € ist heute bestätigt worden.\n\n' +
        'Grüße Jörg',
    );
  });

  it('warns when a message has no body and no Date, and keeps what headers it has', async () => {
    // Cut off in the middle of the Subject line: postal-mime copes, so the message is kept.
    const draft = draftOf(await parseFixture('truncated-headers.eml'));
    expect(draft.title).toBe('Cut off in trans');
    expect(draft.text).toBe('');
    expect(draft.warnings).toEqual(['Message has no Date header.', 'Message has no text body.']);
    expect(draft.provenance.email).toEqual({
      from: 'Dana Whitlock <dana.whitlock@example.org>',
      to: ['Case Desk <tips@casefile.example>'],
      cc: [],
      subject: 'Cut off in trans',
    });
    expect(draft.provenance.publishedAt).toBeUndefined();
    expect(draft.html).toBeUndefined();
  });

  it('titles a message without a subject after its sender, and keeps an unreadable Date raw', async () => {
    const draft = draftOf(
      await parseText(anEml('Body.\n', { Subject: undefined, Date: 'sometime last week' })),
    );
    expect(draft.title).toBe('(no subject) from Tester <tester@example.org>');
    expect(draft.provenance.email?.date).toBe('sometime last week');
    expect(draft.provenance.publishedAt).toBeUndefined();
    expect(draft.warnings).toEqual([
      'The Date header "sometime last week" could not be read as a date.',
    ]);
  });

  it('lists group members and keeps an empty group by name', async () => {
    const draft = draftOf(
      await parseText(
        anEml('Body.\n', {
          To: 'Board: "Ann Lee" <ann@example.org>, bob@example.org;',
          Cc: 'undisclosed-recipients:;',
        }),
      ),
    );
    expect(draft.provenance.email?.to).toEqual(['Ann Lee <ann@example.org>', 'bob@example.org']);
    expect(draft.provenance.email?.cc).toEqual(['undisclosed-recipients:;']);
  });

  it('accepts an mbox export that keeps its "From " separator line', async () => {
    const draft = draftOf(
      await parseText(`From tester@example.org Mon Mar  2 12:00:00 2026\n${anEml('Body.\n')}`),
    );
    expect(draft.title).toBe('Generated message');
    expect(draft.text).toBe('Body.');
  });
});

describe('parseEml: attachments', () => {
  it('hands back an attached message (message/rfc822) as an attachment the integrator can parse', async () => {
    const draft = draftOf(await parseFixture('forwarded.eml'));
    // The forwarded message's text is not folded into this one's body.
    expect(draft.text).toBe('The message Varga sent me last week is attached.');
    expect(draft.attachments?.map((a) => [a.fileName, a.mediaType])).toEqual([
      ['invoice-request.eml', 'message/rfc822'],
    ]);
    const inner = draftOf(
      await parseEml({
        fileName: 'invoice-request.eml',
        bytes: draft.attachments![0]!.bytes,
        limits: DEFAULT_INGEST_LIMITS,
      }),
    );
    expect(inner.title).toBe('Invoice for February consultancy');
    expect(inner.provenance.email?.from).toBe('K. Varga <k.varga@example.com>');
    expect(inner.text).toBe('Please pay the usual fee into the Nordwind account as before.');
  });

  it('keeps every byte of a binary attachment', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const draft = draftOf(
      await parseText(
        emlWithAttachments([
          { fileName: 'all-bytes.bin', mediaType: 'application/octet-stream', content: bytes },
        ]),
      ),
    );
    expect(draft.attachments).toEqual([
      { fileName: 'all-bytes.bin', mediaType: 'application/octet-stream', bytes },
    ]);
  });

  it('names unnamed attachments attachment-N with an extension for their type', async () => {
    const draft = draftOf(
      await parseText(
        emlWithAttachments([
          { mediaType: 'application/pdf', content: '%PDF-1.7' },
          { mediaType: 'message/rfc822', content: anEml('Inner.\n'), disposition: null },
          { mediaType: 'application/x-unknown', content: 'x' },
        ]),
      ),
    );
    expect(draft.attachments?.map((a) => [a.fileName, a.mediaType])).toEqual([
      ['attachment-1.pdf', 'application/pdf'],
      ['attachment-2.eml', 'message/rfc822'],
      ['attachment-3', 'application/x-unknown'],
    ]);
    // An attached message without a Content-Disposition is still an attachment, not body text.
    expect(draft.text).toBe('See attached.');
  });

  it('sanitises hostile names that come through the message', async () => {
    const draft = draftOf(
      await parseText(
        emlWithAttachments([
          { fileName: '../../../etc/passwd', mediaType: 'text/plain', content: 'a' },
          { fileName: 'C:\\Users\\x\\invoice\u202Efdp.exe', mediaType: 'text/plain', content: 'b' },
          { fileName: 'bell\u0007\u0000name.txt', mediaType: 'text/plain', content: 'c' },
        ]),
      ),
    );
    expect(draft.attachments?.map((a) => a.fileName)).toEqual([
      'passwd',
      'invoicefdp.exe',
      'bellname.txt',
    ]);
  });

  it('keeps the first maxAttachments attachments and says how many were left out', async () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((n) => ({
      fileName: `${n}.txt`,
      mediaType: 'text/plain',
      content: n,
    }));
    const draft = draftOf(await parseText(emlWithAttachments(files), { maxAttachments: 3 }));
    expect(draft.attachments?.map((a) => a.fileName)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(draft.warnings).toEqual(['Message has 5 attachments; only the first 3 were imported.']);
  });
});

describe('sanitiseAttachmentName', () => {
  it('keeps the last path segment and drops control and bidi characters', () => {
    expect(sanitiseAttachmentName('reports/2026/q1.pdf', 1, 'application/pdf')).toBe('q1.pdf');
    expect(sanitiseAttachmentName('..\\..\\boot.ini', 1, 'text/plain')).toBe('boot.ini');
    expect(sanitiseAttachmentName('tab\there\nnew.txt', 1, 'text/plain')).toBe('tabherenew.txt');
    expect(sanitiseAttachmentName('\u2066evil\u2069.txt', 1, 'text/plain')).toBe('evil.txt');
    expect(sanitiseAttachmentName('  spaced   out .txt  ', 1, 'text/plain')).toBe(
      'spaced out .txt',
    );
  });

  it('falls back to attachment-N for names with nothing usable left', () => {
    expect(sanitiseAttachmentName(null, 4, 'image/jpeg')).toBe('attachment-4.jpg');
    expect(sanitiseAttachmentName('', 1, 'text/plain; charset=utf-8')).toBe('attachment-1.txt');
    expect(sanitiseAttachmentName('../', 2, 'message/rfc822')).toBe('attachment-2.eml');
    expect(sanitiseAttachmentName('..', 3, 'application/zip')).toBe('attachment-3.zip');
    expect(sanitiseAttachmentName('\u0000\u0001', 5, 'application/x-nope')).toBe('attachment-5');
  });

  it('cuts names to 200 characters, keeping the extension', () => {
    const long = sanitiseAttachmentName(`${'é'.repeat(300)}.docx`, 1, 'text/plain');
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('é.docx')).toBe(true);
    const noExtension = sanitiseAttachmentName('x'.repeat(250), 1, 'text/plain');
    expect(noExtension).toBe('x'.repeat(200));
  });
});

describe('parseEml: MIME caps, enforced by a pre-scan before postal-mime is asked', () => {
  it('refuses a message with 10,000 parts without parsing it', async () => {
    const parse = spyParser();
    const result = await parseEmlWith(
      {
        fileName: 'flood.eml',
        bytes: bytesOf(manyPartsEml(10_000)),
        limits: DEFAULT_INGEST_LIMITS,
      },
      parse,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.emlTooManyParts,
        message:
          'flood.eml has more than 1000 MIME parts; refused as a possible resource-exhaustion attack.',
      },
    });
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses multiparts nested 100 deep without parsing them', async () => {
    const parse = spyParser();
    const result = await parseEmlWith(
      { fileName: 'deep.eml', bytes: bytesOf(nestedEml(100)), limits: DEFAULT_INGEST_LIMITS },
      parse,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.emlTooDeep,
        message:
          'deep.eml nests MIME parts more than 20 levels deep; refused as a possible resource-exhaustion attack.',
      },
    });
    expect(parse).not.toHaveBeenCalled();
  });

  it('accepts a message exactly at each limit, and refuses one part or level more', async () => {
    const limits = { maxMimeParts: 5, maxMimeDepth: 4 };
    const parse = spyParser();
    const at = (text: string) =>
      parseEmlWith(
        {
          fileName: 'm.eml',
          bytes: bytesOf(text),
          limits: { ...DEFAULT_INGEST_LIMITS, ...limits },
        },
        parse,
      );
    expect((await at(manyPartsEml(5))).ok).toBe(true);
    expect((await at(nestedEml(4))).ok).toBe(true);
    expect(parse).toHaveBeenCalledTimes(2);
    expect(await at(manyPartsEml(6))).toMatchObject({
      error: { code: INGEST_ERRORS.emlTooManyParts },
    });
    expect(await at(nestedEml(5))).toMatchObject({ error: { code: INGEST_ERRORS.emlTooDeep } });
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('counts the parts postal-mime builds: the informant tip has 4 parts, 2 levels deep', () => {
    expect(scanMimeStructure(emlFixture('informant-tip.eml'), scanLimits)).toEqual({
      ok: true,
      parts: 4,
      depth: 2,
    });
  });

  it('ignores boundary-like text in a body: only header blocks declare boundaries', () => {
    const quoted =
      'Content-Type: multipart/mixed; boundary="x"\n\n' + '--x\nnot a part\n'.repeat(50);
    const scan = scanMimeStructure(bytesOf(anEml(quoted)), { ...scanLimits, maxParts: 10 });
    expect(scan).toEqual({ ok: true, parts: 0, depth: 0 });
  });

  it('reads boundaries the way postal-mime does (folding, comments, RFC 2231 continuations)', () => {
    expect(multipartBoundary('multipart/mixed; boundary="a b;c"')).toBe('a b;c');
    expect(multipartBoundary('Multipart/Mixed (note); boundary=plain (comment)')).toBe('plain');
    expect(multipartBoundary('multipart/mixed; boundary*0="ab"; boundary*1="cd"')).toBe('abcd');
    expect(multipartBoundary("multipart/mixed; boundary*=utf-8''%41%42")).toBe('AB');
    expect(multipartBoundary('multipart/mixed; boundary="first"; boundary="second"')).toBe('first');
    expect(multipartBoundary('text/plain; boundary="x"')).toBeUndefined();
    expect(multipartBoundary('multipart/mixed')).toBeUndefined();
    // A folded Content-Type whose boundary sits on the continuation line, split into 2231 sections.
    const folded = anEml('--abcd\n\none\n--abcd\n\ntwo\n--abcd--\n', {
      'Content-Type': 'multipart/mixed;\n\tboundary*0="ab";\n\tboundary*1="cd"',
    });
    expect(scanMimeStructure(bytesOf(folded), { ...scanLimits, maxParts: 1 })).toEqual({
      ok: false,
      problem: 'tooManyParts',
    });
  });

  it('refuses more than 2 MB of headers (postal-mime would throw on them) without parsing', async () => {
    const parse = spyParser();
    const folded = Array.from({ length: 30_000 }, () => ' '.repeat(75)).join('\n');
    const result = await parseEmlWith(
      {
        fileName: 'headers.eml',
        bytes: bytesOf(anEml('Body.\n', { 'X-Padding': folded })),
        limits: DEFAULT_INGEST_LIMITS,
      },
      parse,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.emlMalformed,
        message: 'headers.eml has more than 2.0 MB of headers, which no real e-mail has.',
      },
    });
    expect(parse).not.toHaveBeenCalled();
  });

  it('maps postal-mime failures to specific errors (backstops behind the pre-scan)', async () => {
    const input = {
      fileName: 'm.eml',
      bytes: bytesOf(anEml('x\n')),
      limits: DEFAULT_INGEST_LIMITS,
    };
    const failing =
      (message: string): MimeParser =>
      () =>
        Promise.reject(new Error(message));
    expect(
      await parseEmlWith(input, failing('Maximum MIME nesting depth of 20 levels exceeded')),
    ).toMatchObject({ error: { code: INGEST_ERRORS.emlTooDeep } });
    expect(await parseEmlWith(input, failing('Unexpected end'))).toEqual({
      ok: false,
      error: {
        code: INGEST_ERRORS.emlMalformed,
        message: 'm.eml could not be read as an e-mail message (Unexpected end).',
      },
    });
  });
});

describe('parseEml: refused files', () => {
  it('refuses an empty file', async () => {
    expect(await parseFixture('empty.eml')).toEqual({
      ok: false,
      error: { code: INGEST_ERRORS.empty, message: 'empty.eml is empty.' },
    });
  });

  it.each([
    ['malformed-binary.eml', 'its first line is not a "Name: value" header'],
    ['malformed-prose.eml', 'its first line is not a "Name: value" header'],
    ['malformed-unknown-headers.eml', 'has none of the fields an e-mail carries'],
    ['malformed-blank-first-line.eml', 'it starts with a blank line'],
  ])('refuses %s as not an e-mail, saying why', async (name, reason) => {
    const result = await parseFixture(name);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(INGEST_ERRORS.emlMalformed);
    expect(result.error.message).toMatch(new RegExp(`^${name} is not an e-mail message: `));
    expect(result.error.message).toContain(reason);
  });

  it('refuses NUL bytes in the header block, and never asks postal-mime about malformed files', async () => {
    const parse = spyParser();
    const result = await parseEmlWith(
      {
        fileName: 'nul.eml',
        bytes: bytesOf('From: a@example.org\nSubject: x\u0000y\n\nBody'),
        limits: DEFAULT_INGEST_LIMITS,
      },
      parse,
    );
    expect(result).toMatchObject({
      error: {
        code: INGEST_ERRORS.emlMalformed,
        message:
          'nul.eml is not an e-mail message: its header block contains binary data (NUL bytes).',
      },
    });
    expect(parse).not.toHaveBeenCalled();
  });

  it('states the rule: a header line first, and at least one e-mail field in the block', () => {
    expect(headerBlockProblem(bytesOf('Subject: only this'))).toBeUndefined();
    expect(headerBlockProblem(bytesOf('\uFEFFX-Junk: 1\nDate: today\n\nbody'))).toBeUndefined();
    // Untidy lines among real headers are postal-mime's business, not a reason to refuse.
    expect(headerBlockProblem(bytesOf('From: a@b\nthis line is junk\n\nbody'))).toBeUndefined();
    expect(headerBlockProblem(bytesOf('X-Junk: 1\nX-More: 2\n\nFrom: a@b'))).toContain(
      'none of the fields',
    );
    expect(headerBlockProblem(bytesOf('To whom it may concern:\nFrom: a@b'))).toContain(
      'first line',
    );
  });

  it('refuses a file over maxFileBytes before reading it', async () => {
    const result = await parseText(anEml('x'.repeat(2_000)), { maxFileBytes: 1_024 });
    expect(result).toMatchObject({ error: { code: INGEST_ERRORS.tooLarge } });
  });
});
