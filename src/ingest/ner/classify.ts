import { SURNAME_ENDINGS } from './lexicon';
import type { Lexicon } from './lexicon';
import { isDemonym, keyOf } from './spans';
import type { Span } from './spans';
import type { Token } from './tokens';

export type NameType = 'Person' | 'Organization' | 'Location';

/** Evidence for each type, in points: 0 means none. */
export interface Scores {
  Person: number;
  Organization: number;
  Location: number;
}

/** Order used to break ties, so the output never depends on anything but the text. */
export const NAME_TYPES: readonly NameType[] = ['Person', 'Organization', 'Location'];

/** A span with what its own words and neighbours say about it. */
export interface Scored {
  readonly span: Span;
  readonly key: string;
  readonly size: number;
  readonly scores: Scores;
  /** Capitals only and more than one word ("CK TAN"): a shouted byline, not trusted. */
  readonly shouted: boolean;
}

const KOREAN_GIVEN_NAME = /^\p{Lu}\p{Ll}{0,5}-\p{Ll}{1,5}$/u;
/** A capital inside a word, as brands write them ("AmBank", "NovaYield"), not "McDonald". */
const CAMEL_CASE = /^(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)\p{Lu}\p{Ll}+\p{Lu}/u;
/** Nouns after a name that only a company has: "Gazprombank shares", "Huawei employees". */
const COMPANY_NOUNS = new Set([
  'shares',
  'stock',
  'stocks',
  'subsidiary',
  'subsidiaries',
  'shareholders',
  'employees',
  'executives',
  'customers',
  'staff',
  'stake',
]);
/** E-mail headers whose value is a person's display name. */
const E_MAIL_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'reply-to',
  'attn',
  'attention',
]);
const GREETINGS = new Set(['hi', 'hello', 'hey', 'dear', 'morning', 'afternoon', 'evening']);
/** The line before a signature. */
const SIGN_OFFS = new Set(['thanks', 'regards', 'cheers', 'best', 'sincerely', 'yours', 'wishes']);
const APPOSITION_STARTS = new Set([
  'the',
  'a',
  'an',
  'its',
  'his',
  'her',
  'their',
  'our',
  'one',
  'another',
  'former',
  'now',
  'then',
  'also',
  'both',
  'currently',
  'previously',
]);

const SURNAME_ENDING = new RegExp(`(?:${SURNAME_ENDINGS.join('|')})$`);

function hasSurnameEnding(key: string): boolean {
  return key.length >= 5 && SURNAME_ENDING.test(key);
}

function singular(key: string): string {
  return key.endsWith('s') ? key.slice(0, -1) : key;
}

/** Scores one span from its own words and the words around it in the sentence. */
export function scoreSpan(
  text: string,
  tokens: readonly Token[],
  lex: Lexicon,
  lowerSeen: ReadonlySet<string>,
  span: Span,
): Scored {
  const scores: Scores = { Person: 0, Organization: 0, Location: 0 };
  const first = tokens[span.first] as Token;
  const last = tokens[span.last] as Token;
  const size = span.last - span.first + 1;
  const key = keyOf(tokens, span.first, span.last);
  let shouted = size > 1;
  for (let i = span.first; i <= span.last && shouted; i += 1) {
    const t = tokens[i] as Token;
    if (!t.upper && !lex.particles.has(t.key)) shouted = false;
  }

  // The name itself.
  const isPlace = lex.places.has(key);
  if (span.titled) scores.Person += 7;
  if (isPlace || span.withThe) scores.Location += 6;
  if (lex.organizations.has(key)) scores.Organization += 6;
  const head = span.ofHead >= 0 ? (tokens[span.ofHead] as Token) : last;
  if (size > 1 || span.ofHead >= 0) {
    const headKey = head.key;
    if (lex.orgHeads.has(headKey) || lex.orgHeads.has(singular(headKey))) {
      scores.Organization += 5;
    } else if (lex.placeHeads.has(headKey) || lex.placeHeads.has(singular(headKey))) {
      scores.Location += 5;
    }
    if (span.ofHead !== span.first && lex.firstOrgHeads.has(first.key)) {
      scores.Organization += 4;
    }
  }
  if (size === 1 && CAMEL_CASE.test(first.text)) scores.Organization += 2;
  if (first.text.endsWith("'s") || first.text.endsWith('’s')) {
    // Names that keep their 's ("Lloyd's", "Moody's") are firms; "People's" never stands alone.
    if (size === 1) scores.Organization += 3;
  }
  // "DE89 3704 …" is the start of an IBAN, not an acronym.
  const code = /\d/.test(first.text) && tokens[span.last + 1]?.number === true;
  if (size === 1 && first.upper && !first.shouted && !code && !isPlace && first.key.length <= 6) {
    scores.Organization += 3;
  }
  if (size > 1 && !isPlace) {
    const lastIsPlace =
      lex.places.has(last.key) || lex.places.has(keyOf(tokens, span.last - 1, span.last));
    if (lastIsPlace) {
      // "Northern Malaysia" is a place; "CyberSecurity Malaysia" an organisation.
      if (lex.placeModifiers.has(first.key)) scores.Location += 4;
      else scores.Organization += 3;
    }
  }
  const dash = first.key.indexOf('-');
  const given =
    lex.givenNames.has(first.key) || (dash > 0 && lex.givenNames.has(first.key.slice(0, dash)));
  if (size > 1 && given) scores.Person += 4;
  else if (size === 1 && given) scores.Person += 2;
  if (size > 1 && size <= 4 && lex.familyNames.has(first.key)) scores.Person += 3;
  else if (size === 1 && lex.familyNames.has(first.key)) scores.Person += 1;
  for (let i = span.first; i <= span.last; i += 1) {
    const t = tokens[i] as Token;
    if (i > span.first && KOREAN_GIVEN_NAME.test(t.text)) {
      scores.Person += 3;
      break;
    }
    if (hasSurnameEnding(t.key) && !lex.places.has(t.key)) {
      scores.Person += 2;
      break;
    }
  }
  if (lex.particles.has(first.key) && !first.cap) scores.Person += 2;

  // The words after it.
  const after = tokens[span.last + 1];
  const after2 = tokens[span.last + 2];
  if (last.suffix === 'based') scores.Location += 3;
  if (after && !last.possessive) {
    if (after.gap === 'comma' && after.number && (!after2 || after2.gap !== 'space')) {
      scores.Person += 4; // "Jan van der Berg, 52,"
    } else if ((after.key === 'who' || after.key === 'whose') && !after.cap) {
      scores.Person += 3;
    } else if (after.gap === 'space' && !after.cap && lex.speechVerbs.has(after.key)) {
      // Organisations speak too ("CIMB said"): only a hint, for names of several words.
      if (size > 1) scores.Person += 0.5;
    } else if (after.gap === 'space' && !after.cap && lex.placeNouns.has(after.key)) {
      scores.Location += 3; // "the Krasnoyarsk region", "Incheon airport"
    } else if (after.gap === 'space' && !after.cap && COMPANY_NOUNS.has(after.key)) {
      scores.Organization += 2; // "Gazprombank shares fell"
    } else if (after.gap === 'comma' && (APPOSITION_STARTS.has(after.key) || after.possessive)) {
      addApposition(tokens, lex, span.last + 1, scores);
    } else if (after.gap === 'comma' && after.cap) {
      // "Vladivostok, Russia": a place followed by its country.
      for (let n = 0; n < 3; n += 1) {
        const end = tokens[span.last + 2 + n];
        if (end !== undefined && end.gap !== 'space') break;
        if (lex.places.has(keyOf(tokens, span.last + 1, span.last + 1 + n))) {
          const beyond = tokens[span.last + 2 + n];
          if (!beyond || beyond.gap !== 'space' || !beyond.cap) scores.Location += 3;
          break;
        }
      }
    }
  }
  if (last.possessive && after && after.gap === 'space')
    addPossessed(tokens, lex, span.last + 1, scores);

  // The words before it.
  let b = span.first - 1;
  if (span.withThe) b -= 1;
  const before = tokens[b];
  if (before && size <= 4 && isNameShaped(tokens, lex, lowerSeen, span)) {
    const between = text.slice(before.end, first.start);
    if (before.sentenceStart && E_MAIL_HEADERS.has(before.key) && /^[ \t]*:[ \t]*$/.test(between)) {
      scores.Person += 3; // "From: Priya Raman <priya@…>"
    } else if (before.sentenceStart && GREETINGS.has(before.key) && /^[ \t]+$/.test(between)) {
      scores.Person += 3; // "Hi Tom,", "Dear Anna"
    } else if (SIGN_OFFS.has(before.key) && /^[ \t]*[,.!]?[ \t]*\r?\n[ \t]*$/.test(between)) {
      scores.Person += 3; // "Thanks,\nPriya"
    }
  }
  if (before && !before.cap && (tokens[b + 1] as Token).gap !== 'other') {
    const gap = (tokens[b + 1] as Token).gap;
    let prep = before;
    let prepIndex = b;
    if (
      before.key === 'the' &&
      gap === 'space' &&
      tokens[b - 1] &&
      (tokens[b] as Token).gap === 'space'
    ) {
      prep = tokens[b - 1] as Token;
      prepIndex = b - 1;
    }
    const beforePrep = tokens[prepIndex - 1];
    if (lex.personRoles.has(before.key) && !span.withThe) scores.Person += 3;
    else if (gap === 'space' && lex.speechVerbs.has(before.key)) scores.Person += 1;
    else if (gap === 'space' && lex.orgNouns.has(before.key)) scores.Organization += 3;
    if (gap === 'space' && !prep.cap) {
      const roleBefore =
        beforePrep !== undefined && !beforePrep.cap && lex.personRoles.has(beforePrep.key);
      if ((prep.key === 'of' || prep.key === 'at') && roleBefore) {
        scores.Organization += 2; // "a former executive of Anadolu Sigorta", "a banker at Coutts"
      } else if (lex.strongPlacePrepositions.has(prep.key)) {
        scores.Location += prep.key === 'in' && tokens[prepIndex - 1]?.key === 'based' ? 3 : 2;
      } else if (lex.weakPlacePrepositions.has(prep.key)) scores.Location += 1;
      else if (prep.key === 'for') scores.Organization += 1;
      else if (prep.key === 'of' && lex.placeNouns.has(tokens[prepIndex - 1]?.key ?? '')) {
        scores.Location += 3; // "the city of Aleppo"
      }
      if (lex.placeNouns.has(before.key) && before.key !== prep.key) scores.Location += 2;
    }
  }
  if (
    size > 1 &&
    !span.initial &&
    scores.Person === 0 &&
    scores.Organization === 0 &&
    scores.Location === 0 &&
    isNameShaped(tokens, lex, lowerSeen, span)
  ) {
    // Capitalised words mid-sentence with nothing else known: most often a person's name.
    scores.Person += 0.5;
  }
  return { span, key, size, scores, shouted };
}

/** Words that end an apposition's noun phrase: what follows no longer describes the name. */
const APPOSITION_ENDS = new Set(
  'of, for, in, at, on, with, from, to, by, who, which, that, whose, and, or, said, says, was, is, has, had, close, near, based'.split(
    ', ',
  ),
);

/**
 * ", the North Korean ambassador," / ", a Moscow-based security firm," / ", the capital": the
 * noun phrase's last known noun says what the name is ("the national cyber agency": an agency).
 */
function addApposition(tokens: readonly Token[], lex: Lexicon, from: number, scores: Scores): void {
  let found: NameType | undefined;
  for (let i = from; i < from + 8; i += 1) {
    const t = tokens[i];
    if (t === undefined || (i > from && t.gap !== 'space')) break;
    if (t.cap || t.possessive) continue;
    if (APPOSITION_ENDS.has(t.key)) break;
    for (const key of [t.key, singular(t.key)]) {
      if (lex.personRoles.has(key)) found = 'Person';
      else if (lex.orgNouns.has(key)) found = 'Organization';
      else if (lex.placeNouns.has(key)) found = 'Location';
      else continue;
      break;
    }
  }
  if (found) scores[found] += 3;
}

/** "Kovalenko's lawyer", "CIMB's chief executive", "China's foreign ministry". */
function addPossessed(tokens: readonly Token[], lex: Lexicon, from: number, scores: Scores): void {
  for (let i = from; i < from + 3; i += 1) {
    const t = tokens[i];
    if (t === undefined || t.cap || (i > from && t.gap !== 'space')) return;
    if (lex.possessedByPerson.has(t.key)) {
      scores.Person += 3;
      return;
    }
    if (lex.possessedByPlace.has(t.key)) {
      scores.Location += 3;
      return;
    }
    if (lex.possessedByOrg.has(t.key)) {
      scores.Organization += 2;
      return;
    }
  }
}

/** The type with the most points (ties go to the earlier of NAME_TYPES). */
export function bestType(scores: Scores): NameType {
  let type: NameType = 'Person';
  if (scores.Organization > scores[type]) type = 'Organization';
  if (scores.Location > scores[type]) type = 'Location';
  return type;
}

/** At most four capitalised words, none an acronym, a number or an ordinary word. */
export function isNameShaped(
  tokens: readonly Token[],
  lex: Lexicon,
  lowerSeen: ReadonlySet<string>,
  span: Span,
): boolean {
  if (span.last - span.first > 3) return false;
  for (let i = span.first; i <= span.last; i += 1) {
    const token = tokens[i] as Token;
    if (token.upper || token.number) return false;
    if (token.cap && isCommonWord(lex, lowerSeen, token.key)) return false;
  }
  return true;
}

/** Whether a span's words could only be ordinary words at a sentence start. */
export function isCommonWord(lex: Lexicon, lowerSeen: ReadonlySet<string>, key: string): boolean {
  return lex.common.has(key) || lowerSeen.has(key) || isDemonym(lex, key);
}
