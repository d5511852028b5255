import { describe, expect, it } from 'vitest';
import { canonicalAmount, findMoney } from '../../../src/core/extraction/money';

function found(text: string): [string, string, string][] {
  const matches = findMoney(text);
  for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.raw);
  return matches.map((m) => [m.raw, m.value, m.currency]);
}

describe('findMoney', () => {
  it.each([
    ['Thieves stole $81 million from the account.', '$81 million', 'USD 81,000,000', 'USD'],
    ['a loss of US$1.2 billion', 'US$1.2 billion', 'USD 1,200,000,000', 'USD'],
    ['a fine of USD 250,000 was paid', 'USD 250,000', 'USD 250,000', 'USD'],
    ['worth €3.4m at the time', '€3.4m', 'EUR 3,400,000', 'EUR'],
    ['rent of £12,500 a year', '£12,500', 'GBP 12,500', 'GBP'],
    ['about 81 million dollars went missing', '81 million dollars', 'USD 81,000,000', 'USD'],
    ['a bribe of 1,000,000 yen', '1,000,000 yen', 'JPY 1,000,000', 'JPY'],
    ['a ransom of 5 BTC', '5 BTC', 'BTC 5', 'BTC'],
    ['then 0.25 BTC more', '0.25 BTC', 'BTC 0.25', 'BTC'],
    ['a $5M payment', '$5M', 'USD 5,000,000', 'USD'],
    ['a $10K payment', '$10K', 'USD 10,000', 'USD'],
    ['2 bn USD in bonds', '2 bn USD', 'USD 2,000,000,000', 'USD'],
    ['paid 300 Hong Kong dollars', '300 Hong Kong dollars', 'HKD 300', 'HKD'],
    ['and HK$3,000 cash', 'HK$3,000', 'HKD 3,000', 'HKD'],
    ['lost 5 British pounds', '5 British pounds', 'GBP 5', 'GBP'],
    ['12 pounds sterling', '12 pounds sterling', 'GBP 12', 'GBP'],
    ['1.1 million euros', '1.1 million euros', 'EUR 1,100,000', 'EUR'],
    ['₹5 crore', '₹5 crore', 'INR 50,000,000', 'INR'],
    ['45 Philippine pesos', '45 Philippine pesos', 'PHP 45', 'PHP'],
    ['a $12.5 fee', '$12.5', 'USD 12.50', 'USD'],
    ['a $0.50 stamp', '$0.50', 'USD 0.50', 'USD'],
    ['the RMB 8 million deal', 'RMB 8 million', 'CNY 8,000,000', 'CNY'],
  ])('%s', (text, raw, value, currency) => {
    expect(found(text)).toEqual([[raw, value, currency]]);
  });

  it('gives equal amounts written differently the same value, so they merge', () => {
    const values = findMoney(
      '$81 million, US$81m, USD 81,000,000, 81 million dollars, 81,000,000 USD and $81,000,000.00',
    ).map((m) => m.value);
    expect(values).toHaveLength(6);
    expect(new Set(values)).toEqual(new Set(['USD 81,000,000']));
  });

  it('proposes no number without a currency', () => {
    expect(found('81 million people, 1,234,567 rows, 3.4m records, 12.5% and 5 bn hits')).toEqual(
      [],
    );
  });

  it('skips words that are not money without a qualifier, and codes in lower case', () => {
    expect(found('20 pounds of rice, 45 pesos, 3 francs, they won 5 games, 7 usd, 9 Eth')).toEqual(
      [],
    );
  });

  it('skips ranges rather than reading the first number alone', () => {
    expect(found('between $5-10 million and $5 to 10 million')).toEqual([]);
  });

  it('does not read a year before a currency code or word as an amount', () => {
    expect(found('In 2016 USD reserves fell; prices in 2015 dollars')).toEqual([]);
  });

  it('keeps the longer reading where two overlap', () => {
    expect(found('a $5 million dollars claim')).toEqual([['$5 million', 'USD 5,000,000', 'USD']]);
  });
});

describe('canonicalAmount', () => {
  it('scales decimals exactly and groups thousands', () => {
    expect(canonicalAmount('1.1', 6)).toBe('1,100,000');
    expect(canonicalAmount('1.23456789', 9)).toBe('1,234,567,890');
    expect(canonicalAmount('98765432109876543210', 0)).toBe('98,765,432,109,876,543,210');
    expect(canonicalAmount('1,000.00', 0)).toBe('1,000');
    expect(canonicalAmount('007', 0)).toBe('7');
    expect(canonicalAmount('0.5', 0)).toBe('0.50');
    expect(canonicalAmount('0.5', 0, true)).toBe('0.5');
  });
});
