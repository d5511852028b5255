/**
 * Finds amounts of money with an explicit currency in English text: "$81 million", "US$1.2
 * billion", "USD 250,000", "€3.4m", "£12,500", "81 million dollars", "1,000,000 yen", "5 BTC".
 * A number without a currency is never proposed. Values are canonical so equal amounts merge:
 * ISO 4217 code (or the usual ticker for crypto-currencies), a space, the amount with thousands
 * separators and the scale words applied: "$81 million" and "81,000,000 dollars" both give
 * "USD 81,000,000".
 *
 * Ambiguity is resolved the way English-language news writes it: a bare `$` is US dollars and
 * a bare `¥` yen; currency words that also mean something else ("pounds" of weight, "won", pesos
 * of several countries) count only with a qualifier ("British pounds", "pounds sterling",
 * "South Korean won", "Philippine pesos"). Ranges such as "$5-10 million" are skipped rather
 * than read as $5.
 */

export interface MoneyMatch {
  /** UTF-16 offsets into the text: `text.slice(start, end) === raw`. */
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** Canonical form, e.g. "USD 81,000,000" or "EUR 12.50". */
  readonly value: string;
  /** ISO 4217 code or crypto-currency ticker, e.g. "USD", "BTC". */
  readonly currency: string;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  US$: 'USD',
  'U.S.$': 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  C$: 'CAD',
  CA$: 'CAD',
  HK$: 'HKD',
  NZ$: 'NZD',
  S$: 'SGD',
  SG$: 'SGD',
  R$: 'BRL',
  NT$: 'TWD',
  MX$: 'MXN',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  'CN¥': 'CNY',
  'JP¥': 'JPY',
  '¥': 'JPY',
  '₹': 'INR',
  '₽': 'RUB',
  '₩': 'KRW',
  '₺': 'TRY',
  '₪': 'ILS',
  '₦': 'NGN',
  '₱': 'PHP',
  '฿': 'THB',
  '₫': 'VND',
  '₴': 'UAH',
  '৳': 'BDT',
  '₿': 'BTC',
};

/** Codes written before or after the amount ("USD 250,000", "5 BTC"); RMB is the yuan's other name. */
const CODES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ...'USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD INR RUB KRW TRY ILS NGN PHP THB VND UAH BRL MXN ZAR SEK NOK DKK PLN CZK HUF AED SAR QAR KWD BDT PKR LKR IDR MYR TWD EGP KES ARS CLP COP PEN BTC ETH XMR LTC XRP USDT USDC'.split(
      ' ',
    ),
  ]
    .map((code) => [code, code] as const)
    .concat([['RMB', 'CNY']]),
);

const CRYPTO = new Set(['BTC', 'ETH', 'XMR', 'LTC', 'XRP']);

/** Currency words after the amount; `''` is the reading without a qualifier (none: needs one). */
const WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dollar: {
    '': 'USD',
    us: 'USD',
    'u.s.': 'USD',
    american: 'USD',
    australian: 'AUD',
    canadian: 'CAD',
    'hong kong': 'HKD',
    singapore: 'SGD',
    'new zealand': 'NZD',
    taiwan: 'TWD',
    'new taiwan': 'TWD',
  },
  euro: { '': 'EUR' },
  pound: { british: 'GBP' },
  'pounds sterling': { '': 'GBP', british: 'GBP' },
  sterling: { '': 'GBP' },
  yen: { '': 'JPY', japanese: 'JPY' },
  yuan: { '': 'CNY', chinese: 'CNY' },
  renminbi: { '': 'CNY', chinese: 'CNY' },
  rupee: { '': 'INR', indian: 'INR', pakistani: 'PKR', 'sri lankan': 'LKR' },
  ruble: { '': 'RUB', russian: 'RUB' },
  rouble: { '': 'RUB', russian: 'RUB' },
  franc: { swiss: 'CHF' },
  won: { korean: 'KRW', 'south korean': 'KRW' },
  peso: { philippine: 'PHP', mexican: 'MXN', argentine: 'ARS', colombian: 'COP', chilean: 'CLP' },
  taka: { '': 'BDT', bangladeshi: 'BDT' },
  ringgit: { '': 'MYR', malaysian: 'MYR' },
  baht: { '': 'THB', thai: 'THB' },
  rand: { '': 'ZAR', 'south african': 'ZAR' },
  naira: { '': 'NGN', nigerian: 'NGN' },
  hryvnia: { '': 'UAH', ukrainian: 'UAH' },
  shekel: { '': 'ILS', israeli: 'ILS' },
  lira: { turkish: 'TRY' },
  dirham: { uae: 'AED', emirati: 'AED' },
  riyal: { saudi: 'SAR', qatari: 'QAR' },
  bitcoin: { '': 'BTC' },
  ether: { '': 'ETH' },
  monero: { '': 'XMR' },
};

/** Powers of ten of the scale words, as written after a number. */
const SCALES: Readonly<Record<string, number>> = {
  thousand: 3,
  k: 3,
  lakh: 5,
  million: 6,
  mn: 6,
  m: 6,
  crore: 7,
  billion: 9,
  bn: 9,
  b: 9,
  trillion: 12,
  tn: 12,
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (keys: Iterable<string>): string =>
  [...keys]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

const AMOUNT = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
/** Scale words may be spaced; single letters only glued on ("$3.4m", "$10K"). */
const SCALE =
  '(?:[ \\u00a0]?(thousand|million|billion|trillion|lakh|crore|mn|bn|tn)|([kmb]))(?![A-Za-z])';
const SPACE = '[ \\u00a0]';
/** An amount does not continue into more digits or a range ("$5-10 million"). */
const NOT_CONTINUED = '(?![\\w$€£]|[.,]\\d|[-–]\\d| to \\d)';

let patterns: { prefix: RegExp; suffixCode: RegExp; suffixWord: RegExp } | undefined;

/** Built on first use: the tables above are only needed where extraction runs. */
function compiled(): NonNullable<typeof patterns> {
  if (patterns !== undefined) return patterns;
  const adjectives = new Set(Object.values(WORDS).flatMap((readings) => Object.keys(readings)));
  adjectives.delete('');
  // Plural and capitalised forms of the currency words: dollars, Euros, yuan.
  const words = alternatives(
    Object.keys(WORDS).flatMap((w) => [w, `${w}s`, w[0]!.toUpperCase() + w.slice(1)]),
  );
  patterns = {
    prefix: new RegExp(
      `(?:(?<![\\w$€£¥₹])(${alternatives(Object.keys(SYMBOLS))})|(?<![A-Za-z])(${alternatives(Object.keys(CODES))}))` +
        `${SPACE}?${AMOUNT}(?:${SCALE})?${NOT_CONTINUED}`,
      'gi',
    ),
    suffixCode: new RegExp(
      `(?<![\\w$€£¥.,])${AMOUNT}(?:${SCALE})?${SPACE}?(${alternatives(Object.keys(CODES))})(?![A-Za-z])`,
      'gi',
    ),
    suffixWord: new RegExp(
      `(?<![\\w$€£¥.,])${AMOUNT}(?:${SCALE})?${SPACE}(?:(${alternatives(adjectives)})${SPACE})?(${words})(?![A-Za-z])`,
      'gi',
    ),
  };
  return patterns;
}

export function findMoney(text: string): MoneyMatch[] {
  const { prefix, suffixCode, suffixWord } = compiled();
  const found: MoneyMatch[] = [];
  // The i flag is for scale words ("$5M", "5 Million"); symbols and codes must be written as
  // listed, so "usd" or "Eth" are looked up and not found.
  for (const m of text.matchAll(prefix)) {
    const currency = m[1] !== undefined ? SYMBOLS[m[1]] : CODES[m[2] ?? ''];
    if (currency === undefined) continue;
    push(found, m.index, m[0], currency, m[3]!, m[4] ?? m[5]);
  }
  for (const m of text.matchAll(suffixCode)) {
    const currency = CODES[m[4]!];
    if (currency === undefined || looksLikeYear(m[1]!, m[2] ?? m[3])) continue;
    push(found, m.index, m[0], currency, m[1]!, m[2] ?? m[3]);
  }
  for (const m of text.matchAll(suffixWord)) {
    if (looksLikeYear(m[1]!, m[2] ?? m[3])) continue;
    const word = singular(m[5]!.toLowerCase());
    const adjective = (m[4] ?? '').toLowerCase();
    const currency = WORDS[word]?.[adjective];
    if (currency === undefined) continue;
    push(found, m.index, m[0], currency, m[1]!, m[2] ?? m[3]);
  }
  return longestFirst(found);
}

/** "In 2016 USD reserves fell", "in 2015 dollars": a year, not an amount. */
function looksLikeYear(amount: string, scale: string | undefined): boolean {
  return scale === undefined && /^(?:1[89]|20)\d\d$/.test(amount);
}

function singular(word: string): string {
  if (word in WORDS) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function push(
  out: MoneyMatch[],
  start: number,
  raw: string,
  currency: string,
  amount: string,
  scale: string | undefined,
): void {
  const exponent = scale === undefined ? 0 : SCALES[scale.toLowerCase()];
  if (exponent === undefined) return;
  out.push({
    start,
    end: start + raw.length,
    raw,
    value: `${currency} ${canonicalAmount(amount, exponent, CRYPTO.has(currency))}`,
    currency,
  });
}

/**
 * "1.2", 9 → "1,200,000,000". Decimal strings throughout: amounts can exceed 2^53 and binary
 * floating point would turn 1.1 million into 1,100,000.0000000002.
 */
export function canonicalAmount(amount: string, exponent: number, crypto = false): string {
  const [intPart = '', fracPart = ''] = amount.replace(/,/g, '').split('.');
  const shift = Math.min(exponent, fracPart.length);
  let integer = (intPart + fracPart.slice(0, shift) + '0'.repeat(exponent - shift)).replace(
    /^0+(?=\d)/,
    '',
  );
  let fraction = fracPart.slice(shift).replace(/0+$/, '');
  // Cents are written with two digits: $12.5 is "USD 12.50".
  if (!crypto && fraction.length === 1) fraction += '0';
  if (integer === '') integer = '0';
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === '' ? grouped : `${grouped}.${fraction}`;
}

/** Where two readings overlap ("$5 USD"), the longer one stays. */
function longestFirst(found: MoneyMatch[]): MoneyMatch[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MoneyMatch[] = [];
  for (const match of found) {
    const last = out.at(-1);
    if (last !== undefined && match.start < last.end) {
      if (match.end - match.start > last.end - last.start) out[out.length - 1] = match;
      continue;
    }
    out.push(match);
  }
  return out;
}
