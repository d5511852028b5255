import { describe, expect, it } from 'vitest';
import { scanIndicators } from '../../../src/core/extraction/scan';
import type { IndicatorKind, IndicatorMatch } from '../../../src/core/extraction/scan';

const REPORT =
  'On 2024-03-05 the actor used hxxps://login-update[.]com/auth?id=7 (see CVE-2023-4966). ' +
  'Beacons went to 198.51.100[.]23 and evil-cdn.net, inside 10.0.0.0/8 and 2001:db8::1. ' +
  'Phishing from billing[@]examp1e(dot)com, e-mail admin@corp.co.uk. ' +
  'Hashes: md5 d41d8cd98f00b204e9800998ecf8427e, sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709, ' +
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855. ' +
  'Ransom to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 ' +
  'or 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed; mule account GB82 WEST 1234 5698 7654 32.';

/** [kind, raw, value, defanged] in text order; offsets are derived and checked separately. */
const EXPECTED: readonly [IndicatorKind, string, string, boolean][] = [
  ['url', 'hxxps://login-update[.]com/auth?id=7', 'https://login-update.com/auth?id=7', true],
  ['cve', 'CVE-2023-4966', 'CVE-2023-4966', false],
  ['ipv4', '198.51.100[.]23', '198.51.100.23', true],
  ['domain', 'evil-cdn.net', 'evil-cdn.net', false],
  ['cidr', '10.0.0.0/8', '10.0.0.0/8', false],
  ['ipv6', '2001:db8::1', '2001:db8::1', false],
  ['email', 'billing[@]examp1e(dot)com', 'billing@examp1e.com', true],
  ['email', 'admin@corp.co.uk', 'admin@corp.co.uk', false],
  ['md5', 'd41d8cd98f00b204e9800998ecf8427e', 'd41d8cd98f00b204e9800998ecf8427e', false],
  [
    'sha1',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    false,
  ],
  [
    'sha256',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    false,
  ],
  ['bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', false],
  [
    'bitcoin',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    false,
  ],
  [
    'ethereum',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    false,
  ],
  ['iban', 'GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', false],
];

function summary(matches: readonly IndicatorMatch[]): [IndicatorKind, string, string, boolean][] {
  return matches.map((m) => [m.kind, m.raw, m.value, m.defanged]);
}

function expectOffsets(text: string, matches: readonly IndicatorMatch[]): void {
  for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.raw);
  const starts = matches.map((m) => m.start);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
}

function raws(text: string): string[] {
  return scanIndicators(text).map((m) => m.raw);
}

describe('scanIndicators: realistic report', () => {
  it('finds every kind once, in text order, with offsets that slice back to raw', () => {
    const matches = scanIndicators(REPORT);
    expect(summary(matches)).toEqual(EXPECTED);
    expectOffsets(REPORT, matches);
    // Offsets are the first occurrence of each raw string in this paragraph.
    for (const m of matches) expect(m.start).toBe(REPORT.indexOf(m.raw));
  });

  it('reports the URL but not its host, the e-mail but not its domain, the CIDR but not its address', () => {
    const kinds = scanIndicators(
      'http://evil.com/x and ops@evil.org and 192.168.0.0/16 and 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    ).map((m) => [m.kind, m.raw]);
    expect(kinds).toEqual([
      ['url', 'http://evil.com/x'],
      ['email', 'ops@evil.org'],
      ['cidr', '192.168.0.0/16'],
      // All-lower hex is an unchecksummed address; the value is the EIP-55 form.
      ['ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
    ]);
    expect(scanIndicators('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')[0]?.value).toBe(
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    );
  });

  it('normalises values: lower-case hosts and hashes, upper-case CVE, bech32 lower-case', () => {
    expect(
      scanIndicators(
        'HTTPS://Evil.COM:8443/A?b=C cve-2021-44228 D41D8CD98F00B204E9800998ECF8427E Bob@EXAMPLE.com',
      ).map((m) => m.value),
    ).toEqual([
      'https://evil.com:8443/A?b=C',
      'CVE-2021-44228',
      'd41d8cd98f00b204e9800998ecf8427e',
      'Bob@example.com',
    ]);
    expect(scanIndicators('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')[0]?.value).toBe(
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    );
  });
});

describe('scanIndicators: defanged forms', () => {
  it('finds bracketed, spaced and word defangs, keeping raw as written', () => {
    const text =
      'hxxp[://]bad[.]org/x, fxp://files{.}evil.ru, 1.2.3[.]4, user[@]example(dot)com, ' +
      'www dot evil dot com, example [dot] com, ops [at] evil [dot] com, evil\\.net';
    const matches = scanIndicators(text);
    expect(summary(matches)).toEqual([
      ['url', 'hxxp[://]bad[.]org/x', 'http://bad.org/x', true],
      ['url', 'fxp://files{.}evil.ru', 'ftp://files.evil.ru', true],
      ['ipv4', '1.2.3[.]4', '1.2.3.4', true],
      ['email', 'user[@]example(dot)com', 'user@example.com', true],
      ['domain', 'www dot evil dot com', 'www.evil.com', true],
      ['domain', 'example [dot] com', 'example.com', true],
      ['email', 'ops [at] evil [dot] com', 'ops@evil.com', true],
      ['domain', 'evil\\.net', 'evil.net', true],
    ]);
    expectOffsets(text, matches);
  });

  it('leaves prose with "dot" and "at" alone', () => {
    expect(raws('the dot com bubble; meet me at home dot; dot the i and cross the t')).toEqual([]);
    expect(raws('use [.] or [,] as separators, a[:] b')).toEqual([]);
  });
});

describe('scanIndicators: negatives', () => {
  it('rejects bad checksums', () => {
    expect(
      raws(
        [
          '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', // Base58Check mismatch
          'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // bech32 mismatch
          'GB82 WEST 1234 5698 7654 33', // mod-97
          'GB82WEST12345698765433',
          '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', // EIP-55 mismatch
        ].join(' '),
      ),
    ).toEqual([]);
  });

  it('rejects file names, abbreviations, version strings and dates', () => {
    const text =
      'Open report.docx, invoice.pdf and setup.exe (e.g. v1.2.3, i.e. 1.2.3 or 10.4.1.2.9). ' +
      'Dated 2024-01-15, 15/01/2024, 01.02.2024 at 12:30:45 in std::vector, :: and a.b.';
    expect(raws(text)).toEqual([]);
  });

  it('reads name.ext with a TLD that is also a file extension as a file unless defanged', () => {
    const text =
      'See readme.md, run install.sh, open quickrefund_v4.zip and invoice.zip; ' +
      'the host payroll-refund[.]zip and https://portal.example.zip/x are hosts.';
    expect(summary(scanIndicators(text))).toEqual([
      ['domain', 'payroll-refund[.]zip', 'payroll-refund.zip', true],
      ['url', 'https://portal.example.zip/x', 'https://portal.example.zip/x', false],
    ]);
  });

  it('reports a four-part version string because it is a syntactically valid IPv4', () => {
    expect(summary(scanIndicators('upgraded to 3.0.1.5 today'))).toEqual([
      ['ipv4', '3.0.1.5', '3.0.1.5', false],
    ]);
  });

  it('rejects placeholder hashes, wrong hex lengths and hex glued to words', () => {
    expect(
      raws(
        `${'0'.repeat(32)} ${'f'.repeat(64)} ${'a1'.repeat(17)} x${'ab'.repeat(16)} ${'ab'.repeat(16)}g`,
      ),
    ).toEqual([]);
  });

  it('requires the 0x prefix for Ethereum: a bare 40-hex string is a SHA-1', () => {
    expect(summary(scanIndicators('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'))).toEqual([
      [
        'sha1',
        '5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        '5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        false,
      ],
    ]);
  });

  it('rejects invalid IPs, CVEs and URLs', () => {
    expect(
      raws('256.1.1.1 192.168.01.1 CVE-1998-1234 CVE-2021-01234 http://report.docx/x fe80::1g'),
    ).toEqual([]);
  });
});

describe('scanIndicators: trailing punctuation and boundaries', () => {
  it('strips prose punctuation and unbalanced closers after URLs', () => {
    const text =
      'See http://evil.com/a. Or (http://evil.com/b), [hxxp://bad[.]org], "https://x.org/p"; ' +
      'http://en.example.org/wiki/A_(b): and <https://y.net/q?x=1>!';
    expect(raws(text)).toEqual([
      'http://evil.com/a',
      'http://evil.com/b',
      'hxxp://bad[.]org',
      'https://x.org/p',
      'http://en.example.org/wiki/A_(b)',
      'https://y.net/q?x=1',
    ]);
  });

  it('ends domains, IPs and addresses before sentence punctuation', () => {
    expect(raws('Hosts: evil.com. 1.2.3.4, fe80::1. 2001:db8::; (ops@evil.org).')).toEqual([
      'evil.com',
      '1.2.3.4',
      'fe80::1',
      '2001:db8::',
      'ops@evil.org',
    ]);
  });

  it('keeps an IP before an out-of-range CIDR prefix, and ends an IBAN at its registry length', () => {
    expect(summary(scanIndicators('1.2.3.4/33 2001:db8::/32'))).toEqual([
      ['ipv4', '1.2.3.4', '1.2.3.4', false],
      ['cidr', '2001:db8::/32', '2001:db8::/32', false],
    ]);
    expect(raws('GB82 WEST 1234 5698 7654 32 DE89 3704 0044 0532 0130 00 IBAN')).toEqual([
      'GB82 WEST 1234 5698 7654 32',
      'DE89 3704 0044 0532 0130 00',
    ]);
  });
});

describe('scanIndicators: kinds filter', () => {
  it('returns only the requested kinds, as a subset of the full scan', () => {
    const all = scanIndicators(REPORT);
    const some = scanIndicators(REPORT, { kinds: ['bitcoin', 'iban', 'domain'] });
    expect(summary(some)).toEqual(
      EXPECTED.filter(([kind]) => kind === 'bitcoin' || kind === 'iban' || kind === 'domain'),
    );
    expect(some.every((m) => all.some((a) => a.start === m.start && a.end === m.end))).toBe(true);
    // A URL's host is not promoted to a domain just because URLs were filtered out.
    expect(scanIndicators('http://evil.com/x', { kinds: ['domain'] })).toEqual([]);
    expect(scanIndicators(REPORT, { kinds: [] })).toEqual([]);
  });
});

describe('scanIndicators: large input (correctness only)', () => {
  it('scans ~2 MB of repeated paragraphs with consistent offsets', () => {
    const paragraph = `${REPORT}\n\n`;
    const copies = Math.ceil((2 * 1024 * 1024) / paragraph.length);
    const text = paragraph.repeat(copies);
    const matches = scanIndicators(text);
    expect(matches).toHaveLength(EXPECTED.length * copies);
    expectOffsets(text, matches);
    const last = matches.slice(-EXPECTED.length);
    expect(summary(last)).toEqual(EXPECTED);
    expect(last[0]?.start).toBe(
      paragraph.length * (copies - 1) + REPORT.indexOf(EXPECTED[0]?.[1] ?? ''),
    );
  });

  it('handles long adversarial runs without matches', () => {
    const runs = [
      'a.'.repeat(100_000),
      'a'.repeat(200_000),
      '1'.repeat(200_000),
      'ab:'.repeat(70_000),
      `${'x.'.repeat(50_000)}@`,
      `http://${'a'.repeat(100_000)}`,
      'GB82 '.repeat(40_000),
      '[.]'.repeat(60_000),
    ];
    for (const run of runs) expect(scanIndicators(run)).toEqual([]);
  });
});
