import { describe, expect, it } from 'vitest';
import { foldWord, tokenize, type SearchToken } from '../../../src/search/tokenize';

/** [kind, text, as written] for each token; also checks every offset against the original. */
function read(text: string): [SearchToken['kind'], string, string][] {
  const tokens = tokenize(text);
  for (const token of tokens) {
    expect(token.start).toBeGreaterThanOrEqual(0);
    expect(token.end).toBeGreaterThan(token.start);
    expect(token.end).toBeLessThanOrEqual(text.length);
  }
  for (let i = 1; i < tokens.length; i++) {
    expect(tokens[i]!.start).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
  }
  return tokens.map((t) => [t.kind, t.text, text.slice(t.start, t.end)]);
}

const texts = (text: string): string[] => tokenize(text).map((t) => t.text);

describe('tokenize: words', () => {
  it('cuts words at anything that is not a letter or digit, with offsets into the original', () => {
    expect(read('Kim Jong-un met (briefly) the 3 envoys.')).toEqual([
      ['word', 'kim', 'Kim'],
      ['word', 'jong', 'Jong'],
      ['word', 'un', 'un'],
      ['word', 'met', 'met'],
      ['word', 'briefly', 'briefly'],
      ['word', 'the', 'the'],
      ['word', '3', '3'],
      ['word', 'envoys', 'envoys'],
    ]);
  });

  it('returns nothing for empty text or text without letters and digits', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  .*+?[](){}^$\\| — … ')).toEqual([]);
  });

  it('folds case and diacritics, composed or decomposed', () => {
    expect(texts('Müller MÜLLER Mu\u0308ller muller')).toEqual([
      'muller',
      'muller',
      'muller',
      'muller',
    ]);
    expect(texts('Ḱim Émile Dvořák İstanbul Ångström')).toEqual([
      'kim',
      'emile',
      'dvorak',
      'istanbul',
      'angstrom',
    ]);
  });

  it('maps Latin letters that do not decompose', () => {
    expect(texts('Łukasz Søren STRAßE Æsir Œuvre Þór Đorđe')).toEqual([
      'lukasz',
      'soren',
      'strasse',
      'aesir',
      'oeuvre',
      'thor',
      'dorde',
    ]);
  });

  it('keeps offsets on the original when folding changes the length', () => {
    const text = 'Herr Mu\u0308ller und STRAßE';
    expect(read(text)).toEqual([
      ['word', 'herr', 'Herr'],
      ['word', 'muller', 'Mu\u0308ller'],
      ['word', 'und', 'und'],
      ['word', 'strasse', 'STRAßE'],
    ]);
  });

  it('keeps Hangul syllables composed and other scripts whole', () => {
    expect(texts('김정은 Ким Чен Ын كيم')).toEqual(['김정은', 'ким', 'чен', 'ын', 'كيم']);
    expect(foldWord('김정은')).toBe('김정은');
  });

  it('reads each Han, Hiragana and Katakana character as a token of its own', () => {
    expect(read('東京タワー in 2024')).toEqual([
      ['word', '東', '東'],
      ['word', '京', '京'],
      ['word', 'タ', 'タ'],
      ['word', 'ワ', 'ワ'],
      ['word', 'ー', 'ー'],
      ['word', 'in', 'in'],
      ['word', '2024', '2024'],
    ]);
  });

  it('keeps apostrophes inside words and drops a possessive s', () => {
    expect(read("O'Brien O’Brien don't Kim's KIM’S Chris' 'quoted'")).toEqual([
      ['word', "o'brien", "O'Brien"],
      ['word', "o'brien", 'O’Brien'],
      ['word', "don't", "don't"],
      ['word', 'kim', 'Kim'],
      ['word', 'kim', 'KIM'],
      ['word', 'chris', 'Chris'],
      ['word', 'quoted', 'quoted'],
    ]);
  });

  it('does not cut a word at a soft hyphen or a zero-width joiner', () => {
    expect(read('inter\u00ADnational می\u200Cخواهم')).toEqual([
      ['word', 'international', 'inter\u00ADnational'],
      ['word', 'میخواهم', 'می\u200Cخواهم'],
    ]);
  });

  it('folds compatibility characters (ligatures, full-width, circled digits)', () => {
    expect(texts('ﬁnance ＫＩＭ ⑴')).toEqual(['finance', 'kim', '1']);
  });
});

describe('tokenize: indicators', () => {
  const WALLET = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';

  it('keeps a wallet and an IP address whole inside a sentence', () => {
    const text = `The wallet ${WALLET} paid 1.2.3.4 twice.`;
    expect(read(text)).toEqual([
      ['word', 'the', 'The'],
      ['word', 'wallet', 'wallet'],
      ['indicator', WALLET, WALLET],
      ['word', 'paid', 'paid'],
      ['indicator', '1.2.3.4', '1.2.3.4'],
      ['word', 'twice', 'twice'],
    ]);
    const tokens = tokenize(text);
    expect(tokens[2]!.indicator).toBe('bitcoin');
    expect(tokens[4]!.indicator).toBe('ipv4');
    expect(tokens[0]!.indicator).toBeUndefined();
  });

  it('indexes defanged indicators as their refanged value, offsets on the defanged text', () => {
    const text = 'Beacon to 1[.]2[.]3[.]4 and hxxps://evil[.]com/a?b=1, mail ops[@]evil[.]com.';
    expect(read(text)).toEqual([
      ['word', 'beacon', 'Beacon'],
      ['word', 'to', 'to'],
      ['indicator', '1.2.3.4', '1[.]2[.]3[.]4'],
      ['word', 'and', 'and'],
      ['indicator', 'https://evil.com/a?b=1', 'hxxps://evil[.]com/a?b=1'],
      ['word', 'mail', 'mail'],
      ['indicator', 'ops@evil.com', 'ops[@]evil[.]com'],
    ]);
  });

  it('gives canonical values lower-cased: refanged, IBANs compact, Ethereum read as one address', () => {
    const md5 = 'D41D8CD98F00B204E9800998ECF8427E';
    const text =
      `hash ${md5} cve-2023-4966 iban GB82 WEST 1234 5698 7654 32 ` +
      'eth 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
    const indicators = tokenize(text).filter((t) => t.kind === 'indicator');
    expect(indicators.map((t) => [t.indicator, t.text, text.slice(t.start, t.end)])).toEqual([
      ['md5', md5.toLowerCase(), md5],
      ['cve', 'cve-2023-4966', 'cve-2023-4966'],
      ['iban', 'gb82west12345698765432', 'GB82 WEST 1234 5698 7654 32'],
      [
        'ethereum',
        '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      ],
    ]);
  });

  it('reads domains, e-mail addresses, IPv6 and CIDR as single tokens', () => {
    expect(texts('see Evil-CDN.net, Admin@Corp.co.uk; 2001:db8::1 in 10.0.0.0/8')).toEqual([
      'see',
      'evil-cdn.net',
      'admin@corp.co.uk',
      '2001:db8::1',
      'in',
      '10.0.0.0/8',
    ]);
  });

  it('gives the same token for an indicator in a query and in a text', () => {
    const inText = tokenize(`Funds moved to ${WALLET.toUpperCase()} yesterday`).find(
      (t) => t.kind === 'indicator',
    );
    expect(tokenize(WALLET)).toEqual([
      { text: WALLET, start: 0, end: WALLET.length, kind: 'indicator', indicator: 'bitcoin' },
    ]);
    expect(inText?.text).toBe(WALLET);
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    expect(texts(`sample ${md5.toUpperCase()}`)).toEqual(['sample', md5]);
    expect(texts(md5)).toEqual([md5]);
  });

  it('does not take invalid look-alikes for indicators', () => {
    expect(read('version 1.2.3.400 and 999.1.1.1')).toEqual([
      ['word', 'version', 'version'],
      ['word', '1', '1'],
      ['word', '2', '2'],
      ['word', '3', '3'],
      ['word', '400', '400'],
      ['word', 'and', 'and'],
      ['word', '999', '999'],
      ['word', '1', '1'],
      ['word', '1', '1'],
      ['word', '1', '1'],
    ]);
  });

  it('cuts a word that runs into an indicator where the indicator starts', () => {
    expect(read("é1.2.3.4 x'1.2.3.4")).toEqual([
      ['word', 'e', 'é'],
      ['indicator', '1.2.3.4', '1.2.3.4'],
      ['word', 'x', 'x'],
      ['indicator', '1.2.3.4', '1.2.3.4'],
    ]);
  });

  it('can also emit the words inside each indicator, for indexing', () => {
    const text = 'from j.smith@acme.com today';
    expect(texts(text)).toEqual(['from', 'j.smith@acme.com', 'today']);
    const tokens = tokenize(text, { indicatorParts: true });
    expect(tokens.map((t) => [t.kind, t.text, text.slice(t.start, t.end)])).toEqual([
      ['word', 'from', 'from'],
      ['indicator', 'j.smith@acme.com', 'j.smith@acme.com'],
      ['word', 'j', 'j'],
      ['word', 'smith', 'smith'],
      ['word', 'acme', 'acme'],
      ['word', 'com', 'com'],
      ['word', 'today', 'today'],
    ]);
  });
});

describe('tokenize: large and hostile input', () => {
  it('tokenizes 10 MB of text correctly', { timeout: 120_000 }, () => {
    const unit =
      'Müller paid 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa from 10.0.0.1 via evil[.]com; ' +
      "O'Brien's note: 東京 ok.\n";
    const perUnit = tokenize(unit);
    expect(perUnit.map((t) => t.text)).toEqual([
      'muller',
      'paid',
      '1a1zp1ep5qgefi2dmptftl5slmv7divfna',
      'from',
      '10.0.0.1',
      'via',
      'evil.com',
      "o'brien",
      'note',
      '東',
      '京',
      'ok',
    ]);
    const copies = Math.ceil(10_000_000 / unit.length);
    const big = unit.repeat(copies);
    const tokens = tokenize(big);
    expect(tokens).toHaveLength(perUnit.length * copies);
    for (const i of [0, 1, copies >> 1, copies - 1]) {
      const offset = i * unit.length;
      const slice = tokens.slice(i * perUnit.length, (i + 1) * perUnit.length);
      expect(slice).toEqual(
        perUnit.map((t) => ({ ...t, start: t.start + offset, end: t.end + offset })),
      );
    }
  });

  it('handles long runs of indicator-like characters', { timeout: 120_000 }, () => {
    const dots = 'a.'.repeat(200_000);
    expect(tokenize(dots).length).toBeGreaterThan(0);
    const colons = `${'f:'.repeat(200_000)} end`;
    expect(texts(colons).at(-1)).toBe('end');
    const word = 'x'.repeat(1_000_000);
    expect(texts(word)).toEqual([word]);
    const apostrophes = "a'".repeat(200_000);
    expect(tokenize(apostrophes)).toHaveLength(1);
    const brackets = '1[.]'.repeat(200_000);
    expect(tokenize(brackets).length).toBeGreaterThan(0);
  });
});
