import type { Lexicon } from './lexicon';
import type { Token } from './tokens';

/** A run of capitalised words that may be a name, before it is classified. */
export interface Span {
  /** Token indices of the name's first and last words (inclusive). */
  first: number;
  last: number;
  /** A person's title stood before the name ("Mr", "President", "Inspector-General of Police"). */
  titled: boolean;
  /** Index of the head word before "of"/"for" ("Bank" in "Bank of Korea"), or -1. */
  ofHead: number;
  /** Starts a sentence or heading: its capital proves nothing, so it needs other evidence. */
  initial: boolean;
  /** Includes a leading "The" that belongs to the name ("The Hague"). */
  withThe: boolean;
}

const CONNECTORS = new Set(['of', 'for', 'on']);
/** "Federal Office for the Protection of the Constitution" has 8 words; names stop well before. */
const MAX_NAME_WORDS = 12;
const MAX_NAME_LENGTH = 200;
const MAX_RUN_WORDS = 24;
/** Legal forms often written in lower case after a company's name. */
const LOWER_CASE_LEGAL_SUFFIXES = new Set([
  'plc',
  'ltd',
  'llc',
  'inc',
  'bhd',
  'gmbh',
  'pte',
  'pty',
]);

/** Joined keys of tokens first..last. */
/** The words `first..last` as a lookup key; a range past the last token is cut at the end. */
export function keyOf(tokens: readonly Token[], first: number, last: number): string {
  const end = Math.min(last, tokens.length - 1);
  if (first > end) return '';
  let key = (tokens[first] as Token).key;
  for (let i = first + 1; i <= end; i += 1) key += ' ' + (tokens[i] as Token).key;
  return key;
}

/** A demonym or nationality adjective, also in the plural ("Malaysians", "North Koreans"). */
export function isDemonym(lex: Lexicon, key: string): boolean {
  return lex.demonyms.has(key) || (key.endsWith('s') && lex.demonyms.has(key.slice(0, -1)));
}

function at(tokens: readonly Token[], index: number): Token | undefined {
  return tokens[index];
}

/**
 * Finds the spans of capitalised words that may be names: runs of capitalised words (with
 * particles such as "van der" or "bin" inside), split before a title ("FBI Director Christopher
 * Wray"), joined over "of", "for" and "and" where the words before make that likely ("Bank of
 * Korea", "Center for Strategic and International Studies"), then stripped of titles and of
 * common words that only start a sentence.
 */
export function findSpans(tokens: readonly Token[], lex: Lexicon, lowerSeen: ReadonlySet<string>) {
  const isFunction = (t: Token) =>
    lex.functionWords.has(t.key) && !(t.upper && t.key === 'us') && !t.text.endsWith('.');
  const isDateWord = (index: number) => {
    const t = tokens[index] as Token;
    if (lex.dateWords.has(t.key)) return true;
    return (
      lex.dateAbbreviations.has(t.key) &&
      (at(tokens, index + 1)?.number === true || at(tokens, index - 1)?.number === true)
    );
  };
  const isNameWord = (index: number) => {
    const t = at(tokens, index);
    return t !== undefined && t.cap && !isFunction(t) && !isDateWord(index);
  };
  /** "Internet" or "CEO" may sit inside a name ("Internet Research Agency") but not start one. */
  const canStart = (index: number) =>
    isNameWord(index) && !lex.never.has((tokens[index] as Token).key);
  const isParticle = (index: number) => {
    const t = at(tokens, index);
    return t !== undefined && !t.cap && lex.particles.has(t.key);
  };
  /** Index of the name word reached through particles from `index`, or -1. */
  const throughParticles = (index: number) => {
    let k = index;
    // At most three ("van de", "de la", "bin", "van der"): a longer chain is no name.
    while (k - index < 3 && isParticle(k) && at(tokens, k + 1)?.gap === 'space') k += 1;
    return k > index && isNameWord(k) ? k : -1;
  };

  // 1. Runs of name words separated only by spaces.
  const runs: [number, number][] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    let first = i;
    if (!canStart(i)) {
      // A name may start with two particles: "van der Berg", "de la Cruz".
      const reached = isParticle(i) && isParticle(i + 1) ? throughParticles(i) : -1;
      if (reached < 0 || (tokens[i + 1] as Token).gap !== 'space') continue;
      first = i;
    }
    let last = first;
    for (;;) {
      const current = tokens[last] as Token;
      if (current.possessive || current.suffix !== undefined) break;
      const next = at(tokens, last + 1);
      if (next === undefined || next.gap !== 'space') break;
      if (isNameWord(last + 1)) {
        last += 1;
        continue;
      }
      if (LOWER_CASE_LEGAL_SUFFIXES.has(next.text)) {
        // "Harbourline Bank plc": the suffix ends the name.
        last += 1;
        break;
      }
      const reached = throughParticles(last + 1);
      if (reached < 0) break;
      last = reached;
    }
    if (!isNameWord(last) && !LOWER_CASE_LEGAL_SUFFIXES.has((tokens[last] as Token).text)) {
      // Started on particles that led nowhere.
      continue;
    }
    i = last;
    // A run this long is a heading or a list, not a name; skipping it keeps the work per run small.
    if (last - first >= MAX_RUN_WORDS) continue;
    runs.push(...splitBeforeTitles(tokens, lex, first, last));
  }

  // 2. Join runs over connectors, 3. strip titles and sentence-initial words.
  const spans: Span[] = [];
  for (let r = 0; r < runs.length; r += 1) {
    const [first, runLast] = runs[r] as [number, number];
    let last = runLast;
    let ofHead = -1;
    while (r + 1 < runs.length) {
      const [nextFirst, nextLast] = runs[r + 1] as [number, number];
      const join = joinKind(tokens, last, nextFirst);
      if (join === undefined || nextLast - first >= MAX_NAME_WORDS) break;
      const head = tokens[last] as Token;
      const nextLastKey = (tokens[nextLast] as Token).key;
      let ok: boolean;
      if (join === 'of') {
        ok =
          ofHead >= 0 ||
          lex.ofHeads.has(head.key) ||
          lex.titleNouns.has(head.key) ||
          lex.organizations.has(keyOf(tokens, first, nextLast)) ||
          lex.places.has(keyOf(tokens, first, nextLast));
      } else {
        const start = runStart(runs, r);
        const runKey = keyOf(tokens, start, last);
        const known = lex.places.has(runKey) || lex.organizations.has(runKey);
        ok =
          (ofHead >= 0 && !known && !lex.orgHeads.has(nextLastKey)) ||
          (ofHead < 0 &&
            lex.orgHeads.has(nextLastKey) &&
            !isCompleteOrganization(tokens, lex, start, last) &&
            !known &&
            !lex.givenNames.has((tokens[first] as Token).key));
      }
      if (!ok) break;
      if (join === 'of' && ofHead < 0) ofHead = last;
      last = nextLast;
      r += 1;
    }
    const span = trim(tokens, lex, lowerSeen, {
      first,
      last,
      titled: false,
      ofHead,
      initial: false,
      withThe: false,
    });
    // Longer runs are headings or lists in Title Case, not names (and the extraction worker's
    // chunk margins assume names of at most a few hundred characters).
    if (
      span &&
      span.last - span.first < MAX_NAME_WORDS &&
      (tokens[span.last] as Token).end - (tokens[span.first] as Token).start <= MAX_NAME_LENGTH
    ) {
      spans.push(span);
    }
  }
  return spans;
}

/**
 * Whether words first..last already name an organisation: a head word ("Group", "Bank") after a
 * distinctive word, as in "CIMB Group and Maybank", but not "Malaysian Communications and …".
 */
function isCompleteOrganization(
  tokens: readonly Token[],
  lex: Lexicon,
  first: number,
  last: number,
) {
  if (!lex.orgHeads.has((tokens[last] as Token).key)) return false;
  for (let i = first; i < last; i += 1) {
    const key = (tokens[i] as Token).key;
    if (!lex.orgHeads.has(key) && !isDemonym(lex, key) && !lex.common.has(key)) return true;
  }
  return false;
}

/** Where run r began before earlier joins: the run's own first token. */
function runStart(runs: readonly [number, number][], r: number): number {
  return (runs[r] as [number, number])[0];
}

/** "of"/"for"/"on" (optionally + "the") or "and" between two runs, all separated by spaces. */
function joinKind(
  tokens: readonly Token[],
  last: number,
  nextFirst: number,
): 'of' | 'and' | undefined {
  const between = nextFirst - last - 1;
  if (between < 1 || between > 2) return undefined;
  for (let i = last + 1; i <= nextFirst; i += 1)
    if ((tokens[i] as Token).gap !== 'space') return undefined;
  const a = (tokens[last + 1] as Token).key;
  if (between === 2) {
    return CONNECTORS.has(a) && (tokens[last + 2] as Token).key === 'the' ? 'of' : undefined;
  }
  if (CONNECTORS.has(a)) return 'of';
  if (a === 'and') return 'and';
  return undefined;
}

/**
 * Splits a run before a title that follows other words: "FBI Director Christopher Wray",
 * "Malaysian Prime Minister Najib Razak" (the title words before the noun go with it).
 */
function splitBeforeTitles(
  tokens: readonly Token[],
  lex: Lexicon,
  first: number,
  last: number,
): [number, number][] {
  const out: [number, number][] = [];
  let start = first;
  const lastKey = (tokens[last] as Token).key;
  // "Reconnaissance General Bureau" is one name: its last word is a head, not a person's name.
  if (lex.orgHeads.has(lastKey) || lex.placeHeads.has(lastKey)) return [[first, last]];
  for (let k = first + 1; k < last; k += 1) {
    if (!lex.titleNouns.has((tokens[k] as Token).key)) continue;
    let split = k;
    while (split > start) {
      const key = (tokens[split - 1] as Token).key;
      if (!lex.titles.has(key) && !lex.titleLeads.has(key)) break;
      split -= 1;
    }
    if (split > start) {
      out.push([start, split - 1]);
      start = split;
    }
  }
  out.push([start, last]);
  return out;
}

function trim(
  tokens: readonly Token[],
  lex: Lexicon,
  lowerSeen: ReadonlySet<string>,
  span: Span,
): Span | undefined {
  // Titles: "Mr", "Prime Minister", "Tan Sri", "Inspector-General of Police".
  let p = span.first;
  let sawTitleNoun = false;
  let sawHonorific = false;
  while (p <= span.last) {
    const token = tokens[p] as Token;
    const next = p + 1 <= span.last ? (tokens[p + 1] as Token) : undefined;
    const pair = next && next.gap === 'space' ? token.key + ' ' + next.key : '';
    if (pair && lex.titles.has(pair)) {
      sawTitleNoun ||= lex.titleNouns.has(pair) || lex.titleNouns.has((next as Token).key);
      sawHonorific ||= lex.honorifics.has(pair) || lex.honorifics.has((next as Token).key);
      p += 2;
    } else if (lex.titles.has(token.key) && !token.upper) {
      sawTitleNoun ||= lex.titleNouns.has(token.key);
      sawHonorific ||= lex.honorifics.has(token.key);
      p += 1;
    } else break;
  }
  if (sawTitleNoun && p <= span.last && p > span.first) {
    let q = p;
    if (span.ofHead >= 0 && span.ofHead < q) {
      // "Secretary of State Mike Pompeo": the department is part of the title.
      while (q <= span.last) {
        const key = (tokens[q] as Token).key;
        if (!(CONNECTORS.has(key) || key === 'the' || lex.titles.has(key) || lex.orgHeads.has(key)))
          break;
        q += 1;
      }
    }
    const lastKey = (tokens[span.last] as Token).key;
    const rest = keyOf(tokens, Math.min(q, span.last), span.last);
    // After "Mr" anything is a name ("Mr Park"); after "General" it may not be ("General Motors").
    const headed =
      (lex.orgHeads.has(lastKey) || lex.placeHeads.has(lastKey)) &&
      (!sawHonorific || q < span.last);
    if (q <= span.last && !headed && !lex.organizations.has(rest) && isNameStart(tokens, lex, q)) {
      span.first = q;
      span.titled = true;
      if (span.ofHead < q) span.ofHead = -1;
      return span;
    }
    if (q > span.last) return undefined;
  } else if (sawTitleNoun && p > span.last) {
    // A title alone is not a name.
    return undefined;
  }

  // Sentence-initial common words: "Police", "However", "Analysts", "Dutch" — unless they
  // belong to a name with a head word ("Police Department", "Dutch Central Bank").
  let first = span.first;
  const lastKey = (tokens[span.last] as Token).key;
  const headed = lex.orgHeads.has(lastKey) || lex.placeHeads.has(lastKey);
  while (first < span.last && (tokens[first] as Token).sentenceStart && !headed) {
    const token = tokens[first] as Token;
    if (startsKnownName(tokens, lex, first, span.last)) break;
    const common =
      lex.common.has(token.key) ||
      lowerSeen.has(token.key) ||
      isDemonym(lex, token.key) ||
      lex.titles.has(token.key);
    if (!common) break;
    first += 1;
  }
  // A nationality before a person's name: "Russian Alexei Navalny".
  if (
    first < span.last &&
    isDemonym(lex, (tokens[first] as Token).key) &&
    !startsKnownName(tokens, lex, first, span.last) &&
    (lex.givenNames.has((tokens[first + 1] as Token).key) ||
      lex.familyNames.has((tokens[first + 1] as Token).key))
  ) {
    first += 1;
  }
  const trimmed = span;
  trimmed.first = first;
  if (trimmed.ofHead < first) trimmed.ofHead = -1;
  trimmed.initial = (tokens[first] as Token).sentenceStart;

  // Nationalities and compass points alone are not names ("South Korean", "the North").
  let allDemonyms = true;
  for (let i = trimmed.first; i <= trimmed.last; i += 1) {
    if (!isDemonym(lex, (tokens[i] as Token).key)) {
      allDemonyms = false;
      break;
    }
  }
  if (allDemonyms && !lex.places.has(keyOf(tokens, trimmed.first, trimmed.last))) return undefined;

  // "The Hague": the article belongs to a few names.
  const before = tokens[trimmed.first - 1];
  if (
    before?.key === 'the' &&
    (tokens[trimmed.first] as Token).gap === 'space' &&
    lex.places.has('the ' + keyOf(tokens, trimmed.first, trimmed.last))
  ) {
    trimmed.withThe = true;
    trimmed.initial = false;
  }
  return trimmed;
}

/** Whether tokens from `first` begin a known place or organisation ("New York", "Saudi Arabia"). */
function startsKnownName(
  tokens: readonly Token[],
  lex: Lexicon,
  first: number,
  last: number,
): boolean {
  let key = (tokens[first] as Token).key;
  for (let i = first + 1; i <= Math.min(last, first + 4); i += 1) {
    key += ' ' + (tokens[i] as Token).key;
    if (lex.places.has(key) || lex.organizations.has(key)) return true;
  }
  return false;
}

/** What follows a title must look like a name, not a department ("Minister of Finance"). */
function isNameStart(tokens: readonly Token[], lex: Lexicon, index: number): boolean {
  const token = tokens[index] as Token;
  return token.cap && !lex.orgHeads.has(token.key) && !lex.functionWords.has(token.key);
}
