import { describe, expect, it } from 'vitest';
import { recogniseNames } from '../../../src/ingest/ner';

type Found = [type: string, value: string];

/** The names found, as [type, value] pairs in text order. */
function names(text: string): Found[] {
  return recogniseNames(text).map((c) => [c.type, c.value]);
}

/** The one candidate whose value is `value` (fails if absent or repeated). */
function only(text: string, value: string) {
  const matches = recogniseNames(text).filter((c) => c.value === value);
  expect(matches, `"${value}" in ${JSON.stringify(names(text))}`).toHaveLength(1);
  return matches[0]!;
}

describe('recogniseNames: people', () => {
  it('keeps multi-word and hyphenated Korean names whole, with exact offsets', () => {
    const text =
      'Kim Jong Nam, the estranged half-brother of leader Kim Jong-un, was killed in February.';
    expect(recogniseNames(text)).toEqual([
      { origin: 'name', type: 'Person', value: 'Kim Jong Nam', start: 0, end: 12 },
      { origin: 'name', type: 'Person', value: 'Kim Jong-un', start: 51, end: 62 },
    ]);
  });

  it('leaves titles and honorifics out of the name', () => {
    const text =
      'President Moon Jae-in met Prime Minister Najib Razak. Mr Park said Ms. Lee and Tan Sri Muhyiddin Yassin agreed.';
    expect(names(text)).toEqual([
      ['Person', 'Moon Jae-in'],
      ['Person', 'Najib Razak'],
      ['Person', 'Park'],
      ['Person', 'Lee'],
      ['Person', 'Muhyiddin Yassin'],
    ]);
    const moon = only(text, 'Moon Jae-in');
    expect(text.slice(moon.start, moon.end)).toBe('Moon Jae-in');
  });

  it('keeps initials inside a name and joins a title written with a full stop', () => {
    expect(names('Dr. Maria Santos met John F. Kennedy Jr in Boston.')).toEqual([
      ['Person', 'Maria Santos'],
      ['Person', 'John F. Kennedy Jr'],
      ['Location', 'Boston'],
    ]);
  });

  it('strips a title followed by its department', () => {
    const text = 'Inspector-General of Police Khalid Abu Bakar told reporters in Putrajaya.';
    expect(names(text)).toEqual([
      ['Person', 'Khalid Abu Bakar'],
      ['Location', 'Putrajaya'],
    ]);
  });

  it('keeps name particles: bin, al-, van der', () => {
    const text =
      'The charity was founded by Abdullah bin Khalid al-Qahtani. Prosecutors said Jan van der Berg, 52, ignored warnings. Lawyers for van der Berg said al-Qahtani was abroad.';
    expect(names(text)).toEqual([
      ['Person', 'Abdullah bin Khalid al-Qahtani'],
      ['Person', 'Jan van der Berg'],
      ['Person', 'van der Berg'],
      ['Person', 'al-Qahtani'],
    ]);
  });

  it('recognises a later surname as the person named in full before', () => {
    const text =
      'The ring was run by Dimitri Kovalenko, a Ukrainian national. Kovalenko could not be reached. Kovalenko’s lawyer declined to comment.';
    const found = recogniseNames(text).filter((c) => c.value === 'Kovalenko');
    expect(found.map((c) => [c.type, text.slice(c.start, c.end)])).toEqual([
      ['Person', 'Kovalenko'],
      ['Person', 'Kovalenko'],
    ]);
  });

  it('takes cues from around the name: age, apposition, role, "who"', () => {
    expect(names('Officers detained Maia Santos-Deguito, 34, on Friday.')).toEqual([
      ['Person', 'Maia Santos-Deguito'],
    ]);
    expect(names('The suspects include Xu Haoran, who ran a trading desk.')).toEqual([
      ['Person', 'Xu Haoran'],
    ]);
    expect(names('The deal was signed by Fazle Kabir, the central bank governor.')).toEqual([
      ['Person', 'Fazle Kabir'],
    ]);
    expect(names('A third man, surnamed Choi, was detained.')).toEqual([['Person', 'Choi']]);
  });
});

describe('recogniseNames: organisations', () => {
  it('keeps organisation names whole, with keyword heads', () => {
    const text =
      'CIMB Group Holdings warned staff. Two of them work for the UN World Food Programme, and the Office of Foreign Assets Control listed the Center for Strategic and International Studies.';
    expect(names(text)).toEqual([
      ['Organization', 'CIMB Group Holdings'],
      ['Organization', 'UN World Food Programme'],
      ['Organization', 'Office of Foreign Assets Control'],
      ['Organization', 'Center for Strategic and International Studies'],
    ]);
  });

  it('treats acronyms as organisations, and short forms as the organisation named before', () => {
    const text =
      'The FBI and Bank Negara Malaysia opened inquiries. CIMB Group Holdings said on Thursday that CIMB had been warned.';
    expect(names(text)).toEqual([
      ['Organization', 'FBI'],
      ['Organization', 'Bank Negara Malaysia'],
      ['Organization', 'CIMB Group Holdings'],
      ['Organization', 'CIMB'],
    ]);
  });

  it('splits an acronym from the title and name that follow it', () => {
    expect(names('FBI Director Christopher Wray testified in Washington.')).toEqual([
      ['Organization', 'FBI'],
      ['Person', 'Christopher Wray'],
      ['Location', 'Washington'],
    ]);
  });
});

describe('recogniseNames: places', () => {
  it('finds countries, cities and multi-word places', () => {
    const text =
      'KUALA LUMPUR -- Malaysia has tightened security. Two suspects flew from Kuala Lumpur to Jakarta and then to Vladivostok, Russia.';
    expect(names(text)).toEqual([
      // The dateline's capitals take the form used later in the text.
      ['Location', 'Kuala Lumpur'],
      ['Location', 'Malaysia'],
      ['Location', 'Kuala Lumpur'],
      ['Location', 'Jakarta'],
      ['Location', 'Vladivostok'],
      ['Location', 'Russia'],
    ]);
  });

  it('cleans possessives and a leading "the", keeping "The Hague"', () => {
    const text = "Malaysia's police met officials from the United States at a court in The Hague.";
    const malaysia = only(text, 'Malaysia');
    expect([malaysia.start, malaysia.end]).toEqual([0, 8]);
    const states = only(text, 'United States');
    expect(text.slice(states.start, states.end)).toBe('United States');
    expect(only(text, 'The Hague').type).toBe('Location');
  });

  it('splits two places joined by a hyphen, and reads "Moscow-based" as a place', () => {
    expect(names('Malaysia-South Korea relations improved, said a Moscow-based firm.')).toEqual([
      ['Location', 'Malaysia'],
      ['Location', 'South Korea'],
      ['Location', 'Moscow'],
    ]);
  });

  it('handles diacritics and offsets after characters outside the BMP', () => {
    const text = '📎 Commissioner Věra Jourová flew from Kraków to Chișinău.';
    for (const candidate of recogniseNames(text)) {
      expect(text.slice(candidate.start, candidate.end)).toBe(candidate.value);
    }
    expect(names(text)).toEqual([
      ['Person', 'Věra Jourová'],
      ['Location', 'Kraków'],
      ['Location', 'Chișinău'],
    ]);
  });
});

describe('recogniseNames: e-mails', () => {
  it('reads display names in headers, greetings and signatures as people', () => {
    const text = [
      'From: Priya Raman <priya.raman@example.org>',
      'To: Fraud Operations <fraud-ops@example.org>',
      'Subject: Mule accounts',
      '',
      'Hi Tom,',
      '',
      'The payments came from Northwind Logistics Ltd and Harbourline Bank plc.',
      '',
      'Thanks,',
      'Priya',
    ].join('\n');
    expect(names(text)).toEqual([
      ['Person', 'Priya Raman'],
      ['Person', 'Tom'],
      ['Organization', 'Northwind Logistics Ltd'],
      ['Organization', 'Harbourline Bank plc'],
      ['Person', 'Priya'],
    ]);
  });
});

describe('recogniseNames: what is not a name', () => {
  it('leaves indicators and identifiers to the indicator scanner', () => {
    expect(
      names(
        'Ransom went to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa and DE89 3704 0044 0532 0130 00 after CVE-2021-44228 was exploited.',
      ),
    ).toEqual([]);
    expect(names('The group, tracked as APT38, bought G7 bonds.')).toEqual([
      ['Organization', 'APT38'],
      ['Organization', 'G7'],
    ]);
  });

  it('reads the full stop after "Ltd." or "Inc." as the end of a sentence', () => {
    expect(names('Funds went to Meridian Holdings Ltd. Sample hashes are listed below.')).toEqual([
      ['Organization', 'Meridian Holdings Ltd'],
    ]);
  });

  it('ignores common words that only start a sentence', () => {
    expect(names('However, police said on Monday that the attack had failed.')).toEqual([]);
    expect(names('Police said the suspects fled. Officials declined to comment.')).toEqual([]);
    expect(names('Analysts believe the attackers spent months inside.')).toEqual([]);
  });

  it('never proposes months, weekdays or nationalities', () => {
    expect(
      names('On Monday in January, South Korean and Dutch prosecutors met Malaysian officials.'),
    ).toEqual([]);
  });

  it('ignores headings in Title Case and lines in capitals', () => {
    expect(names('Regulators Move Against Crypto Lending Platform\n\nLEAVE A REPLY')).toEqual([]);
  });

  it('returns nothing for empty or name-free text', () => {
    expect(recogniseNames('')).toEqual([]);
    expect(recogniseNames('   \n\n  ')).toEqual([]);
    expect(recogniseNames('the quick brown fox jumps over the lazy dog. 42 — $1,000!')).toEqual([]);
  });

  it('does not take long runs of capitalised words for a name', () => {
    const text = `${'Alpha Bravo Charlie Delta Echo Foxtrot '.repeat(200)}ended.`;
    for (const candidate of recogniseNames(text)) {
      expect(candidate.end - candidate.start).toBeLessThanOrEqual(200);
    }
  });
});

describe('recogniseNames: contract', () => {
  const article = [
    'Malaysia steps up cyber defences after embassy row',
    '',
    'KUALA LUMPUR -- Malaysia has tightened security after the killing of Kim Jong Nam at Kuala Lumpur International Airport.',
    '"There could be attacks," CIMB said in a notice seen by Reuters. Ambassador Kang Chol was expelled on Saturday; Mr Kang denied any involvement.',
  ].join('\n');

  it('gives origin "name", text order, and offsets where the text reads as the name', () => {
    const found = recogniseNames(article);
    expect(found.length).toBeGreaterThan(5);
    let previousEnd = 0;
    for (const candidate of found) {
      expect(candidate.origin).toBe('name');
      expect(['Person', 'Organization', 'Location']).toContain(candidate.type);
      expect(candidate.start).toBeGreaterThanOrEqual(previousEnd);
      expect(article.slice(candidate.start, candidate.end)).toBe(candidate.value);
      previousEnd = candidate.end;
    }
  });

  it('is deterministic', () => {
    expect(recogniseNames(article)).toEqual(recogniseNames(article));
    expect(names(article)).toContainEqual(['Location', 'Kuala Lumpur International Airport']);
    expect(names(article)).toContainEqual(['Person', 'Kang']);
  });

  it('never throws on text that ends inside a name, a list or a sign-off', () => {
    expect(() => recogniseNames('R,C')).not.toThrow();
    expect(() => recogniseNames('Please block these today.\n\nRegards,\nSOC Desk')).not.toThrow();
    // A seeded fuzz over short capitalised fragments with the punctuation names meet.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const parts = [
      'Kim',
      'R',
      'C',
      'Bank',
      'of',
      'the',
      ',',
      '.',
      '\n',
      "'s",
      'Mr',
      'Malaysia',
      'in',
    ];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = 1 + (next() % 8);
      for (let i = 0; i < length; i++)
        text += parts[next() % parts.length] + (next() % 2 ? ' ' : '');
      expect(() => recogniseNames(text), text).not.toThrow();
    }
  });

  it('does not take a look-alike wallet address for a name', () => {
    const text = 'Send the funds to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 before Friday.';
    expect(recogniseNames(text)).toEqual([]);
  });

  it('names a place written in capitals the way the text writes it elsewhere', () => {
    const text = 'KUALA LUMPUR — Police in Kuala Lumpur said on Friday that the FBI had been told.';
    const places = recogniseNames(text).filter((c) => c.type === 'Location');
    expect(places.map((c) => [text.slice(c.start, c.end), c.value])).toEqual([
      ['KUALA LUMPUR', 'Kuala Lumpur'],
      ['Kuala Lumpur', 'Kuala Lumpur'],
    ]);
  });
});
