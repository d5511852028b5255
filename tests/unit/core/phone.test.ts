import { describe, expect, it } from 'vitest';
import { findPhoneNumbers, type PhoneMatch } from '../../../src/core/extraction/phone';

function found(text: string, regions?: Parameters<typeof findPhoneNumbers>[1]): string[][] {
  const matches = findPhoneNumbers(text, regions);
  expectOffsets(text, matches);
  return matches.map((m) => [m.raw, m.value, m.country ?? '']);
}

function expectOffsets(text: string, matches: readonly PhoneMatch[]): void {
  for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.raw);
}

describe('findPhoneNumbers', () => {
  it('finds international numbers anywhere, as E.164', () => {
    const text =
      'Call +1 202-555-0143 or +44 (0)20 7946 0958; Dhaka desk +880 1711-123456, ' +
      'Manila +63 917 123 4567, Berlin +49 30 12345678, Zurich +41 44 668 18 00, ' +
      'compact +8801711123456 and tel:+12025550143.';
    expect(found(text)).toEqual([
      ['+1 202-555-0143', '+12025550143', 'US'],
      ['+44 (0)20 7946 0958', '+442079460958', 'GB'],
      ['+880 1711-123456', '+8801711123456', 'BD'],
      ['+63 917 123 4567', '+639171234567', 'PH'],
      ['+49 30 12345678', '+493012345678', 'DE'],
      ['+41 44 668 18 00', '+41446681800', 'CH'],
      ['+8801711123456', '+8801711123456', 'BD'],
      ['+12025550143', '+12025550143', 'US'],
    ]);
  });

  it('finds national numbers written with the usual separators of the default regions (US, GB)', () => {
    const text =
      'Office (415) 555-2671, desk 202-555-0143, fax 202.555.0172, toll-free 1-800-555-0199; ' +
      'London 020 7946 0958, Manchester (0161) 496 0123, Tel:020 7946 0959.';
    expect(found(text)).toEqual([
      ['(415) 555-2671', '+14155552671', 'US'],
      ['202-555-0143', '+12025550143', 'US'],
      ['202.555.0172', '+12025550172', 'US'],
      ['1-800-555-0199', '+18005550199', 'US'],
      ['020 7946 0958', '+442079460958', 'GB'],
      ['(0161) 496 0123', '+441614960123', 'GB'],
      ['020 7946 0959', '+442079460959', 'GB'],
    ]);
  });

  it('reads national forms of other regions when asked to', () => {
    expect(found('Paris: 01 42 68 53 00.')).toEqual([]);
    expect(found('Paris: 01 42 68 53 00.', { regions: ['FR'] })).toEqual([
      ['01 42 68 53 00', '+33142685300', 'FR'],
    ]);
  });

  it('reads each national shape only in the regions that write numbers that way', () => {
    // 917 123 4567 is not a valid US number; it must not be read as a British one.
    expect(found('ref 917 123 4567 today')).toEqual([]);
  });

  it('does not report the national part of an international number again, valid or not', () => {
    expect(found('+1 202-555-0143').map(([raw]) => raw)).toEqual(['+1 202-555-0143']);
    expect(found('+44 202-555-0143')).toEqual([]);
  });

  it('drops a number glued onto the end of an international one', () => {
    expect(found('+1 202 555 0143 12 units')).toEqual([['+1 202 555 0143', '+12025550143', 'US']]);
  });

  it('rejects numbers libphonenumber does not consider valid', () => {
    expect(found('short +1 415 555 267, unknown +999 1234 5678, truncated +44 20 7946 09')).toEqual(
      [],
    );
  });

  it('does not take national numbers without separators (too many other digit runs look alike)', () => {
    expect(found('order 2025550143 and 02079460958')).toEqual([]);
  });

  it('does not mistake dates, amounts, addresses, hashes, IBANs or versions for numbers', () => {
    const text =
      'On 2024-03-05 and 05-03-2024 (2024/03/05, 10.12.2024) the actor at 192.168.100.200 ' +
      'and 2001:db8::1 moved $202-555-0143 and €1,234,567. Hash d41d8cd98f00b204e9800998ecf8427e, ' +
      'sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709, IBAN GB82 WEST 1234 5698 7654 32 and ' +
      'DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, version 1.13.16, build 020-7946-0958a, ' +
      'path /+12025550143, user@+12025550143.';
    expect(found(text)).toEqual([]);
  });
});
