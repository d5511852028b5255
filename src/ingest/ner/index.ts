import type { SuggestionCandidate } from '../../core';
import { bestType, isCommonWord, NAME_TYPES, scoreSpan } from './classify';
import type { NameType, Scored, Scores } from './classify';
import { lexicon } from './lexicon';
import type { Lexicon } from './lexicon';
import { findSpans, keyOf } from './spans';
import { tokenise } from './tokens';
import type { Token } from './tokens';

/** Legal and generic endings dropped to find an organisation's short name ("Lazarus Group"). */
const ORG_SUFFIXES = new Set(
  `inc, ltd, llc, plc, corp, co, corporation, company, group, holdings, holding, bhd, berhad, sdn,
ag, gmbh, sa, nv, bv, lab, labs, limited, groep, gruppe, groupe, grupo, llp, pte, pty`
    .split(',')
    .map((word) => word.trim()),
);

/** Points from a mention's own words and neighbours that make it worth proposing on its own. */
const CONFIDENT = 3;

/**
 * Finds names of people, organisations and places in news-style English text, offline and fast
 * (MB/s): runs of capitalised words, classified by their own words (titles, given names,
 * "Inc"/"Ministry"/"Airport" heads, country and city lists), by the words around them ("leader
 * Kim Jong-un", "in Jakarta", ", 52,", ", the ambassador,") and by the other mentions in the same
 * text (a later "Kim" or "Petrov" is the person named in full before). Deterministic: the same
 * text always gives the same candidates, in text order. Runs in the extraction worker.
 */
export function recogniseNames(text: string): SuggestionCandidate[] {
  const lex = lexicon();
  const tokens = tokenise(text);
  const lowerSeen = new Set<string>();
  for (const token of tokens) {
    if (!token.cap && !token.number && !token.technical) lowerSeen.add(token.key);
  }

  const scored = findSpans(tokens, lex, lowerSeen).map((span) =>
    scoreSpan(text, tokens, lex, lowerSeen, span),
  );
  shareListTypes(tokens, scored);
  const context = documentEvidence(tokens, lex, scored);

  const candidates: SuggestionCandidate[] = [];
  for (const item of scored) {
    const type = decide(tokens, lex, lowerSeen, context, item);
    if (type === undefined) continue;
    const { span } = item;
    const first = tokens[span.withThe ? span.first - 1 : span.first] as Token;
    const start = first.start;
    const end = (tokens[span.last] as Token).end;
    const written = text.slice(start, end);
    candidates.push({
      origin: 'name',
      type,
      value: /\s\s|[^\S ]/.test(written) ? written.replace(/\s+/g, ' ') : written,
      start,
      end,
    });
  }
  return preferMixedCase(candidates);
}

/**
 * A name written in capitals ("KUALA LUMPUR —" in a dateline) takes the form the same text
 * writes it in elsewhere ("Kuala Lumpur"), so the entity is not named in capitals. Acronyms
 * (no lower-case form anywhere) stay as they are.
 */
function preferMixedCase(candidates: SuggestionCandidate[]): SuggestionCandidate[] {
  const mixed = new Map<string, string>();
  for (const c of candidates) {
    const key = `${c.type}|${c.value.toLowerCase()}`;
    if (c.value !== c.value.toUpperCase() && !mixed.has(key)) mixed.set(key, c.value);
  }
  if (mixed.size === 0) return candidates;
  return candidates.map((c) => {
    if (c.value !== c.value.toUpperCase()) return c;
    const form = mixed.get(`${c.type}|${c.value.toLowerCase()}`);
    return form === undefined ? c : { ...c, value: form };
  });
}

interface DocumentEvidence {
  /** Points per type from every mention of the same name with evidence of its own. */
  readonly votes: Map<string, Scores>;
  /** Words of people's full names, so a later "Kim" or "Mr Kabir" is a person. */
  readonly personWords: Set<string>;
  /** Short names and acronyms of the organisations named ("CIMB", "Lazarus", "NCA"). */
  readonly orgAliases: Set<string>;
}

function documentEvidence(
  tokens: readonly Token[],
  lex: Lexicon,
  scored: readonly Scored[],
): DocumentEvidence {
  const votes = new Map<string, Scores>();
  const personWords = new Set<string>();
  const orgAliases = new Set<string>();
  for (const item of scored) {
    const type = bestType(item.scores);
    const score = item.scores[type];
    if (score <= 0 || item.shouted) continue;
    const { first, last } = item.span;
    if (type === 'Person' && item.size > 1 && isClearBest(item.scores)) {
      for (let i = first; i <= last; i += 1) {
        const token = tokens[i] as Token;
        if (!lex.particles.has(token.key) || token.cap) personWords.add(token.key);
      }
    }
    if (score < 2) continue;
    let vote = votes.get(item.key);
    if (!vote) {
      vote = { Person: 0, Organization: 0, Location: 0 };
      votes.set(item.key, vote);
    }
    vote[type] += Math.min(score, 6);
    if (type === 'Organization' && score >= CONFIDENT) {
      let end = last;
      while (end > first && ORG_SUFFIXES.has((tokens[end] as Token).key)) end -= 1;
      if (end < last) orgAliases.add(keyOf(tokens, first, end));
      const firstToken = tokens[first] as Token;
      if (item.size > 1 && firstToken.upper) orgAliases.add(firstToken.key);
      if (item.size > 2) {
        let initials = '';
        for (let i = first; i <= last; i += 1) {
          const token = tokens[i] as Token;
          if (token.cap) initials += token.key[0];
        }
        orgAliases.add(initials);
      }
    }
  }
  return { votes, personWords, orgAliases };
}

/** The best type's score is above every other type's. */
function isClearBest(scores: Scores): boolean {
  const type = bestType(scores);
  return NAME_TYPES.every((other) => other === type || scores[other] < scores[type]);
}

/**
 * Names listed together are usually of one kind ("in Kensington and Chelsea", "Poland, Italy and
 * Spain"): a name without evidence of its own takes its neighbour's type.
 */
function shareListTypes(tokens: readonly Token[], scored: readonly Scored[]): void {
  let previousType = bestType(scored[0]?.scores ?? NO_SCORES);
  let previousScore = scored[0]?.scores[previousType] ?? 0;
  for (let i = 0; i + 1 < scored.length; i += 1) {
    const a = scored[i] as Scored;
    const b = scored[i + 1] as Scored;
    const typeB = bestType(b.scores);
    const scoreB = b.scores[typeB];
    if (listed(tokens, a.span.last, b.span.first)) {
      if (previousScore >= 2 && scoreB < 2) b.scores[previousType] += 2;
      else if (scoreB >= 2 && previousScore < 2) a.scores[typeB] += 2;
    }
    previousType = typeB;
    previousScore = scoreB;
  }
}

const NO_SCORES: Scores = { Person: 0, Organization: 0, Location: 0 };

/** "A, B", "A and B", "A or B" between tokens `last` and `first`. */
function listed(tokens: readonly Token[], last: number, first: number): boolean {
  const between = first - last - 1;
  const next = tokens[first] as Token;
  if (between === 0) return next.gap === 'comma';
  if (between !== 1) return false;
  const word = tokens[last + 1] as Token;
  return (
    (word.key === 'and' || word.key === 'or') &&
    !word.cap &&
    word.gap !== 'other' &&
    next.gap === 'space'
  );
}

/** The span's type after weighing the rest of the text, or undefined when it is no name. */
function decide(
  tokens: readonly Token[],
  lex: Lexicon,
  lowerSeen: ReadonlySet<string>,
  context: DocumentEvidence,
  item: Scored,
): NameType | undefined {
  const { span, key, size } = item;
  if (lex.products.has(key)) return undefined;
  const ownType = bestType(item.scores);
  const ownScore = item.scores[ownType];
  const isPlace = lex.places.has(key);
  const known = isPlace || lex.organizations.has(key);

  // Evidence from the rest of the text: other mentions of the same name, people's names
  // ("Kim" after "Kim Jong Nam"), organisations' short forms ("CIMB" after "CIMB Group").
  let person = item.scores.Person;
  let organization = item.scores.Organization;
  let location = item.scores.Location;
  const vote = context.votes.get(key);
  if (vote) {
    const own = (type: NameType) => (ownType === type && ownScore >= 2 ? Math.min(ownScore, 6) : 0);
    person += Math.min(4, vote.Person - own('Person'));
    organization += Math.min(4, vote.Organization - own('Organization'));
    location += Math.min(4, vote.Location - own('Location'));
  }
  if (size <= 3 && !isPlace && allPersonWords(tokens, lex, context, item)) person += 4;
  if (context.orgAliases.has(key)) organization += 4;

  let type: NameType = 'Person';
  let score = person;
  if (organization > score) {
    type = 'Organization';
    score = organization;
  }
  if (location > score) {
    type = 'Location';
    score = location;
  }

  if (item.shouted) return score >= 6 && known ? type : undefined;
  if (size === 1 && !known && score < 4) {
    // A lone generic word: "Police", "Ministry", "Parliament", "President".
    if (
      lex.orgHeads.has(key) ||
      lex.placeHeads.has(key) ||
      lex.titles.has(key) ||
      lex.common.has(key)
    ) {
      return undefined;
    }
  }
  if (span.initial) {
    if (size === 1 && isCommonWord(lex, lowerSeen, key)) return score >= 4 ? type : undefined;
    return score >= 2 ? type : undefined;
  }
  if (score > 0) return type;
  // No evidence but a capital mid-sentence: a name of some kind, unless its words are ordinary
  // ones ("Sponsored Content", "Asian Century", a "Cybersecurity" written lower case elsewhere).
  for (let i = span.first; i <= span.last; i += 1) {
    const token = tokens[i] as Token;
    if (size === 1 ? lowerSeen.has(token.key) : isCommonWord(lex, lowerSeen, token.key)) {
      return undefined;
    }
    // "DE89" before "3704 0044": part of an account number.
    if (size === 1 && /\d/.test(token.text)) return undefined;
  }
  return 'Organization';
}

/** Every word of the span is a word of a person's name found elsewhere in the text. */
function allPersonWords(
  tokens: readonly Token[],
  lex: Lexicon,
  context: DocumentEvidence,
  item: Scored,
): boolean {
  for (let i = item.span.first; i <= item.span.last; i += 1) {
    const token = tokens[i] as Token;
    const particle = lex.particles.has(token.key) && !token.cap;
    if (!particle && !context.personWords.has(token.key)) return false;
  }
  return true;
}
