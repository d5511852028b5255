import type { IndicatorKind } from '../core/extraction/scan';
import { ENTITY_TYPE_INFO, customTypeName, entityTypeInfo } from '../core/model/entity';
import { ENTITY_TYPES, type EntityType } from '../core/model/records';
import {
  MAX_SEARCH_QUERY_LENGTH,
  SEARCH_RECORD_KINDS,
  type SearchRecordKind,
} from '../core/ports/search';
import { daysInMonth, isPartialDate, partialDateBounds } from '../core/graph/chartFilters';
import { err, ok, type Result } from '../shared/result';
import { tokenize } from './tokenize';

/**
 * The case-wide search query language, parsed into a tree an index can evaluate.
 *
 * Syntax
 * - `kim jong` — words; terms side by side must all match (implicit AND; `AND` may be written).
 * - `kim*` — prefix (at least MIN_PREFIX_LENGTH letters before the star).
 * - `"kim jong"` — phrase: the words in this order, exactly (no prefix, no typo tolerance);
 *   `"kim"` — one word, exactly.
 * - `kim OR chol`, `kim | chol` — either (`OR` in capitals; lower-case `or` is a word).
 * - `-nam`, `NOT nam` — without; also before a phrase or a group: `-(kim OR nam)`.
 * - `( … )` — grouping.
 * - Filters: `type:person`, `type:source,note`, `source:"annual report"`, `entity:kim`,
 *   `before:2016`, `after:2016-03-01` (partial ISO dates). An unknown field (`foo:bar`) is text.
 *
 * Precedence: NOT binds tightest, then OR, then AND, as in web search engines, so
 * `kang chol OR cheol` reads as `kang AND (chol OR cheol)`: spelling variants of one word.
 *
 * Words are read with the indexing tokenizer (`tokenize`), so they are folded the same way
 * (no case, no accents) and indicators stay whole: `1.2.3.4`, a hash or a wallet is one exact
 * term, never typo-tolerant. A bare chunk that reads as several words (`kim-jong`, `foo:bar`)
 * is a phrase. Plain words of 4+ letters are typo-tolerant (see `fuzzyBudget`).
 *
 * Bad input never throws. Errors (Result): empty query, too long (checked before any work), too
 * many terms, parentheses nested too deep, an invalid date or an unknown type in a filter, and a
 * query with nothing searchable. Everything else is read sensibly and reported in `warnings`: an
 * unclosed quote runs to the end, an unclosed parenthesis is closed at the end, a stray `)` and
 * dangling operators (`OR` at either end, `OR OR`, a lone `-`, a trailing `NOT`) are ignored, and
 * characters with no letters or digits (`.*+?[](){}^$\`) are plain text the tokenizer skips. No
 * part of a query ever reaches a RegExp.
 */

export const MAX_QUERY_LENGTH = MAX_SEARCH_QUERY_LENGTH;
/** Words searched for, each word of a phrase counting once. */
export const MAX_QUERY_TERMS = 50;
export const MAX_GROUP_DEPTH = 10;
export const MIN_PREFIX_LENGTH = 2;

// The records case-wide search covers (SEARCH_RECORD_KINDS) are defined with the storage port
// in core/ports/search.ts.

// ---------------------------------------------------------------- the tree

/**
 * One word to look up in the index.
 * - `exact`: match the whole token as is (indicators and quoted words); then `prefix` is false
 *   and `fuzzy` is 0.
 * - `prefix`: any token starting with `text`.
 * - `fuzzy`: edit-distance budget for typos (0 = none).
 * - `indicator`: set when the term is an indicator (its canonical value is `text`).
 */
export interface SearchTerm {
  readonly kind: 'term';
  readonly text: string;
  readonly prefix: boolean;
  readonly fuzzy: number;
  readonly exact: boolean;
  readonly indicator?: IndicatorKind;
}

/** Two or more tokens (folded words or indicator values) that must appear consecutively, in order. */
export interface SearchPhrase {
  readonly kind: 'phrase';
  readonly tokens: readonly string[];
}

/** Every child matches. Children ≥ 2; a `not` child removes its matches from the others'. */
export interface SearchAnd {
  readonly kind: 'and';
  readonly children: readonly SearchNode[];
}

/** Any child matches. Children ≥ 2. */
export interface SearchOr {
  readonly kind: 'or';
  readonly children: readonly SearchNode[];
}

/** Records that do not match the child (within the records the rest of the query allows). */
export interface SearchNot {
  readonly kind: 'not';
  readonly child: SearchNode;
}

export type SearchNode = SearchTerm | SearchPhrase | SearchAnd | SearchOr | SearchNot;

/** A `source:` or `entity:` filter: as typed, and read with the tokenizer. */
export interface SearchTextFilter {
  readonly text: string;
  readonly tokens: readonly string[];
}

/** A partial ISO date with the first and last day it covers (YYYY-MM-DD). */
export interface SearchDateBound {
  readonly value: string;
  readonly first: string;
  readonly last: string;
}

/**
 * Filters apply to the whole query, wherever they were written.
 * - `recordKinds` / `entityTypes`: a record passes when its kind is listed, or it is an entity
 *   whose type is listed; both empty = no type filter. (A record has one kind: any-of.)
 * - `sources`: the record is, or cites/belongs to, a source whose title has all the filter's
 *   words; several filters: any of them (a record belongs to one source).
 * - `entities`: the record is or mentions an entity whose name or alias has all the filter's
 *   words; several filters: all of them (a record can mention many).
 * - `before`: the record's date is before `before.first`; `after`: after `after.last` (both
 *   exclusive: `after:2016` starts on 2017-01-01).
 */
export interface SearchFilters {
  readonly recordKinds: readonly SearchRecordKind[];
  readonly entityTypes: readonly EntityType[];
  readonly sources: readonly SearchTextFilter[];
  readonly entities: readonly SearchTextFilter[];
  readonly before?: SearchDateBound;
  readonly after?: SearchDateBound;
}

export interface SearchWarning {
  readonly code: string;
  readonly message: string;
}

export interface SearchQuery {
  /**
   * The text part; undefined when the query is filters only (every record they allow). A root
   * that is a `not` (or an `and` of only `not`s) means every record except those.
   */
  readonly root: SearchNode | undefined;
  readonly filters: SearchFilters;
  /** What was read differently from how it was written, for the UI to show. */
  readonly warnings: readonly SearchWarning[];
  /** Words searched for (each word of a phrase counted), at most MAX_QUERY_TERMS. */
  readonly termCount: number;
}

/** Typo tolerance of a plain word: 1 edit for 4–7 letters, 2 for 8 or more; none with digits. */
export function fuzzyBudget(word: string): number {
  if (!/^[\p{L}']+$/u.test(word)) return 0;
  let letters = 0;
  for (const char of word) if (char !== "'") letters++;
  if (letters < 4) return 0;
  return letters < 8 ? 1 : 2;
}

// ---------------------------------------------------------------- parse

export function parseSearchQuery(input: string): Result<SearchQuery> {
  if (input.length > MAX_QUERY_LENGTH) {
    return err(
      'search.query.tooLong',
      `The search is ${input.length.toLocaleString('en')} characters long; keep it under ${MAX_QUERY_LENGTH.toLocaleString('en')}.`,
    );
  }
  if (input.trim() === '') {
    return err('search.query.empty', 'Type something to search for.');
  }
  const warnings = new Warnings();
  const lexed = lex(input, warnings);
  if (!lexed.ok) return lexed;
  const parser = new Parser(lexed.value.lexemes, warnings);
  const parsed = parser.parseAnd();
  const filters = buildFilters(parsed.filters, warnings);
  if (parsed.node === null && isEmptyFilters(filters)) {
    return err(
      'search.query.nothingToSearch',
      'There is nothing to search for: type words, a "phrase", an indicator or a filter such as type:person.',
    );
  }
  return ok({
    root: parsed.node ?? undefined,
    filters,
    warnings: warnings.list,
    termCount: lexed.value.termCount,
  });
}

class Warnings {
  readonly list: SearchWarning[] = [];
  add(code: string, message: string): void {
    if (!this.list.some((w) => w.code === code && w.message === message)) {
      this.list.push({ code, message });
    }
  }
}

// ---------------------------------------------------------------- lexer

type FieldName = 'type' | 'source' | 'entity' | 'before' | 'after';
const FIELDS: ReadonlySet<string> = new Set<FieldName>([
  'type',
  'source',
  'entity',
  'before',
  'after',
]);

type PendingFilter =
  | {
      readonly field: 'type';
      readonly recordKinds: SearchRecordKind[];
      readonly entityTypes: EntityType[];
    }
  | { readonly field: 'source' | 'entity'; readonly value: SearchTextFilter }
  | { readonly field: 'before' | 'after'; readonly bound: SearchDateBound };

type Lexeme =
  | { readonly t: 'open' | 'close' | 'or' | 'and' | 'not' }
  /** A term or phrase; null when the chunk had nothing searchable (already warned). */
  | { readonly t: 'leaf'; readonly node: SearchNode | null }
  | { readonly t: 'filter'; readonly filter: PendingFilter | null };

const WHITESPACE = /\s/;
const OPERATOR_WORDS: ReadonlySet<string> = new Set(['OR', 'AND', 'NOT']);
const FIELD_PREFIX = /^([A-Za-z]+):$/;
const FIELD_CHUNK = /^([A-Za-z]+):([\s\S]*)$/;

function lex(input: string, warnings: Warnings): Result<{ lexemes: Lexeme[]; termCount: number }> {
  const lexemes: Lexeme[] = [];
  let termCount = 0;
  let depth = 0;
  let i = 0;
  const n = input.length;

  const addLeaf = (node: SearchNode | null): Result<true> => {
    termCount += node === null ? 0 : node.kind === 'phrase' ? node.tokens.length : 1;
    if (termCount > MAX_QUERY_TERMS) {
      return err(
        'search.query.tooManyTerms',
        `The search has more than ${MAX_QUERY_TERMS} words; remove some, or search for a shorter phrase.`,
      );
    }
    lexemes.push({ t: 'leaf', node });
    return ok(true);
  };

  /** From just after an opening quote to the closing one, or to the end with a warning. */
  const readQuoted = (): string => {
    const close = input.indexOf('"', i);
    if (close === -1) {
      warnings.add(
        'search.query.unclosedQuote',
        'A quotation mark was not closed; the phrase runs to the end of the search.',
      );
      const value = input.slice(i);
      i = n;
      return value;
    }
    const value = input.slice(i, close);
    i = close + 1;
    return value;
  };

  while (i < n) {
    const char = input[i]!;
    if (WHITESPACE.test(char)) {
      i++;
      continue;
    }
    if (char === '(') {
      depth++;
      if (depth > MAX_GROUP_DEPTH) {
        return err(
          'search.query.tooDeep',
          `Parentheses are nested more than ${MAX_GROUP_DEPTH} deep; simplify the search.`,
        );
      }
      lexemes.push({ t: 'open' });
      i++;
      continue;
    }
    if (char === ')') {
      if (depth === 0) {
        warnings.add('search.query.strayParenthesis', 'A ")" without a matching "(" was ignored.');
      } else {
        depth--;
        lexemes.push({ t: 'close' });
      }
      i++;
      continue;
    }
    if (char === '|') {
      while (input[i] === '|') i++;
      lexemes.push({ t: 'or' });
      continue;
    }
    if (char === '"') {
      i++;
      const added = addLeaf(textLeaf(readQuoted(), true, warnings));
      if (!added.ok) return added;
      continue;
    }
    // A run of dashes (`--`, `---`) is punctuation, read with the chunk below.
    if (char === '-' && input[i + 1] !== '-') {
      const next = input[i + 1];
      i++;
      if (next === undefined || WHITESPACE.test(next) || next === ')' || next === '|') {
        warnings.add('search.query.danglingOperator', 'A "-" with nothing after it was ignored.');
      } else {
        lexemes.push({ t: 'not' });
      }
      continue;
    }

    // A bare chunk: up to white space, a quote, `|`, or a `)` that closes a group (brackets
    // opened inside the chunk stay in it, so `evil(dot)com` is one chunk).
    const start = i;
    let inner = 0;
    let quotedField: string | undefined;
    while (i < n) {
      const c = input[i]!;
      if (WHITESPACE.test(c) || c === '|') break;
      if (c === '"') {
        const head = FIELD_PREFIX.exec(input.slice(start, i));
        if (head !== null && FIELDS.has(head[1]!.toLowerCase())) {
          i++;
          quotedField = readQuoted();
        }
        break;
      }
      if (c === '(') {
        // `NOT(kim)`, `OR(…)`: an operator written against its group.
        if (inner === 0 && OPERATOR_WORDS.has(input.slice(start, i))) break;
        inner++;
      }
      if (c === ')') {
        if (inner === 0) break;
        inner--;
      }
      i++;
    }
    const chunk = input.slice(start, i);

    if (quotedField !== undefined) {
      const name = chunk.slice(0, chunk.indexOf(':')).toLowerCase() as FieldName;
      const filter = readFilter(name, quotedField, warnings);
      if (!filter.ok) return filter;
      lexemes.push({ t: 'filter', filter: filter.value });
      continue;
    }
    if (chunk === 'OR' || chunk === 'AND' || chunk === 'NOT') {
      lexemes.push({ t: chunk === 'OR' ? 'or' : chunk === 'AND' ? 'and' : 'not' });
      continue;
    }
    const field = FIELD_CHUNK.exec(chunk);
    if (field !== null && FIELDS.has(field[1]!.toLowerCase())) {
      const name = field[1]!.toLowerCase() as FieldName;
      const filter = readFilter(name, field[2]!, warnings);
      if (!filter.ok) return filter;
      lexemes.push({ t: 'filter', filter: filter.value });
      continue;
    }
    const added = addLeaf(textLeaf(chunk, false, warnings));
    if (!added.ok) return added;
  }

  if (depth > 0) {
    warnings.add(
      'search.query.unclosedParenthesis',
      depth === 1
        ? 'A "(" was not closed; it is closed at the end of the search.'
        : `${depth} "(" were not closed; they are closed at the end of the search.`,
    );
  }
  return ok({ lexemes, termCount });
}

/** A quoted string or bare chunk as a term, a phrase, or null (nothing searchable, warned). */
function textLeaf(raw: string, quoted: boolean, warnings: Warnings): SearchNode | null {
  let body = raw;
  let prefix = false;
  if (!quoted) {
    const stars = /\*+$/.exec(raw);
    if (stars !== null) {
      body = raw.slice(0, stars.index);
      prefix = true;
    }
  }
  const tokens = tokenize(body);
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (tokens.length === 0) {
    warnings.add(
      'search.query.nothingSearchable',
      `${quoted ? `"${clip(raw)}"` : clip(raw)} has no letters or digits to search for and was ignored.`,
    );
    return null;
  }
  if (only === undefined) return { kind: 'phrase', tokens: tokens.map((t) => t.text) };
  if (only.kind === 'indicator') {
    return {
      kind: 'term',
      text: only.text,
      prefix: false,
      fuzzy: 0,
      exact: true,
      ...(only.indicator === undefined ? {} : { indicator: only.indicator }),
    };
  }
  if (quoted) return { kind: 'term', text: only.text, prefix: false, fuzzy: 0, exact: true };
  if (prefix) {
    if ([...only.text].length >= MIN_PREFIX_LENGTH) {
      return { kind: 'term', text: only.text, prefix: true, fuzzy: 0, exact: false };
    }
    warnings.add(
      'search.query.shortPrefix',
      `"${clip(raw)}": a prefix needs at least ${MIN_PREFIX_LENGTH} letters; searching for "${only.text}" as a word.`,
    );
  }
  return {
    kind: 'term',
    text: only.text,
    prefix: false,
    fuzzy: fuzzyBudget(only.text),
    exact: false,
  };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

// ---------------------------------------------------------------- filters

/** Lower-cased, spaces/dashes/underscores removed: how type names are compared. */
function typeKey(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

type TypeTarget = { readonly record: SearchRecordKind } | { readonly entity: EntityType };

const TYPE_NAMES: ReadonlyMap<string, TypeTarget> = (() => {
  const names = new Map<string, TypeTarget>();
  const add = (name: string, target: TypeTarget): void => {
    const key = typeKey(name);
    const plural = /(?:s|sh|ch|x)$/.test(key)
      ? `${key}es`
      : /[^aeiou]y$/.test(key)
        ? `${key.slice(0, -1)}ies`
        : `${key}s`;
    for (const form of [key, plural]) if (!names.has(form)) names.set(form, target);
  };
  for (const kind of SEARCH_RECORD_KINDS) add(kind, { record: kind });
  for (const type of ENTITY_TYPES) {
    add(type, { entity: type });
    add(ENTITY_TYPE_INFO[type].label, { entity: type });
  }
  const aliases: readonly [string, EntityType][] = [
    ['people', 'Person'],
    ['organization', 'Organization'],
    ['org', 'Organization'],
    ['company', 'Organization'],
    ['companies', 'Organization'],
    ['ip', 'IPAddress'],
    ['wallet', 'CryptoWallet'],
    ['iban', 'BankAccount'],
    ['cve', 'Vulnerability'],
  ];
  for (const [alias, type] of aliases) add(alias, { entity: type });
  return names;
})();

function readFilter(
  name: FieldName,
  rawValue: string,
  warnings: Warnings,
): Result<PendingFilter | null> {
  const value = rawValue.trim();
  if (value === '') {
    warnings.add(
      'search.query.emptyFilter',
      `${name}: needs a value right after the colon (for example ${FILTER_EXAMPLES[name]}); it was ignored.`,
    );
    return ok(null);
  }
  switch (name) {
    case 'type':
      return readTypeFilter(value);
    case 'source':
    case 'entity': {
      const tokens = tokenize(value).map((t) => t.text);
      if (tokens.length === 0) {
        warnings.add(
          'search.query.emptyFilter',
          `${name}:${clip(value)} has no letters or digits to look for; it was ignored.`,
        );
        return ok(null);
      }
      return ok({ field: name, value: { text: value, tokens } });
    }
    case 'before':
    case 'after': {
      const bound = readDate(value);
      if (bound === undefined) {
        return err(
          'search.query.badDate',
          `${name}:${clip(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, for example ${name}:2016-03.`,
        );
      }
      return ok({ field: name, bound });
    }
  }
}

const FILTER_EXAMPLES: Readonly<Record<FieldName, string>> = {
  type: 'type:person',
  source: 'source:"annual report"',
  entity: 'entity:kim',
  before: 'before:2016',
  after: 'after:2016-03',
};

function readTypeFilter(value: string): Result<PendingFilter> {
  const recordKinds: SearchRecordKind[] = [];
  const entityTypes: EntityType[] = [];
  for (const part of value.split(',')) {
    const name = part.trim();
    if (name === '') continue;
    if (name.toLowerCase().startsWith('custom:')) {
      const custom = `custom:${name.slice('custom:'.length)}`;
      if (customTypeName(custom) === undefined) return badType(name);
      entityTypes.push(custom as EntityType);
      continue;
    }
    const target = TYPE_NAMES.get(typeKey(name));
    if (target === undefined) return badType(name);
    if ('record' in target) recordKinds.push(target.record);
    else entityTypes.push(target.entity);
  }
  return ok({ field: 'type', recordKinds, entityTypes });
}

function badType(name: string): Result<never> {
  return err(
    'search.query.badType',
    `type:${clip(name)} is not something search knows. Use source, passage, note, entity or claim, ` +
      'an entity type such as person, organisation or ipaddress, or type:custom:Name for a custom type.',
  );
}

function readDate(value: string): SearchDateBound | undefined {
  if (!isPartialDate(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number);
  if (day !== undefined && day > daysInMonth(year!, month!)) return undefined;
  const bounds = partialDateBounds(value);
  return bounds === undefined ? undefined : { value, ...bounds };
}

function buildFilters(pending: readonly PendingFilter[], warnings: Warnings): SearchFilters {
  const recordKinds = new Set<SearchRecordKind>();
  const entityTypes = new Set<EntityType>();
  const sources: SearchTextFilter[] = [];
  const entities: SearchTextFilter[] = [];
  let before: SearchDateBound | undefined;
  let after: SearchDateBound | undefined;
  for (const filter of pending) {
    switch (filter.field) {
      case 'type':
        for (const kind of filter.recordKinds) recordKinds.add(kind);
        for (const type of filter.entityTypes) entityTypes.add(type);
        break;
      case 'source':
        sources.push(filter.value);
        break;
      case 'entity':
        entities.push(filter.value);
        break;
      case 'before':
        if (before !== undefined) {
          warnings.add(
            'search.query.repeatedDate',
            'before: was given more than once; the earliest date is used.',
          );
        }
        if (before === undefined || filter.bound.first < before.first) before = filter.bound;
        break;
      case 'after':
        if (after !== undefined) {
          warnings.add(
            'search.query.repeatedDate',
            'after: was given more than once; the latest date is used.',
          );
        }
        if (after === undefined || filter.bound.last > after.last) after = filter.bound;
        break;
    }
  }
  if (
    before !== undefined &&
    after !== undefined &&
    dayNumber(before.first) - dayNumber(after.last) <= 1
  ) {
    warnings.add(
      'search.query.emptyDateRange',
      `No date is both after ${after.value} and before ${before.value}, so no dated record can match.`,
    );
  }
  return {
    recordKinds: [...recordKinds],
    entityTypes: [...entityTypes],
    sources,
    entities,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

/** Days since 1970-01-01 of a YYYY-MM-DD day (any year 0–9999). */
function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const at = new Date(0);
  at.setUTCFullYear(year!, month! - 1, date ?? 1);
  return Math.round(at.getTime() / 86_400_000);
}

function isEmptyFilters(filters: SearchFilters): boolean {
  return (
    filters.recordKinds.length === 0 &&
    filters.entityTypes.length === 0 &&
    filters.sources.length === 0 &&
    filters.entities.length === 0 &&
    filters.before === undefined &&
    filters.after === undefined
  );
}

// ---------------------------------------------------------------- parser

interface Parsed {
  readonly node: SearchNode | null;
  readonly filters: readonly PendingFilter[];
}

const NOTHING: Parsed = { node: null, filters: [] };

/**
 * Recursive descent over the lexemes:
 *   and   := or ( AND? or )*
 *   or    := unary ( OR unary )*
 *   unary := NOT* primary
 *   primary := leaf | filter | '(' and ')'?
 * Depth is bounded by MAX_GROUP_DEPTH (the lexer refuses deeper nesting).
 */
class Parser {
  private p = 0;
  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly warnings: Warnings,
  ) {}

  private peek(): Lexeme | undefined {
    return this.lexemes[this.p];
  }

  private startsOperand(lexeme: Lexeme | undefined): boolean {
    return (
      lexeme !== undefined &&
      (lexeme.t === 'open' || lexeme.t === 'not' || lexeme.t === 'leaf' || lexeme.t === 'filter')
    );
  }

  parseAnd(): Parsed {
    const parts: Parsed[] = [];
    for (let next = this.peek(); next !== undefined && next.t !== 'close'; next = this.peek()) {
      if (next.t === 'and') {
        this.p++;
        if (parts.length === 0 || !this.startsOperand(this.peek())) this.dangling('AND');
        continue;
      }
      parts.push(this.parseOr());
    }
    return combine('and', parts);
  }

  private parseOr(): Parsed {
    const operands: Parsed[] = [];
    if (this.peek()?.t === 'or') {
      this.dangling('OR');
      while (this.peek()?.t === 'or') this.p++;
    }
    if (!this.startsOperand(this.peek())) return NOTHING;
    operands.push(this.parseUnary());
    while (this.peek()?.t === 'or') {
      this.p++;
      if (this.peek()?.t === 'or') {
        this.warnings.add('search.query.danglingOperator', 'A repeated OR was ignored.');
        while (this.peek()?.t === 'or') this.p++;
      }
      if (!this.startsOperand(this.peek())) {
        this.dangling('OR');
        break;
      }
      operands.push(this.parseUnary());
    }
    if (operands.length > 1 && operands.some((o) => o.filters.length > 0)) {
      this.warnings.add(
        'search.query.filterInOr',
        'Filters (type:, source:, entity:, before:, after:) apply to the whole search, not to one side of OR.',
      );
    }
    return combine('or', operands);
  }

  private parseUnary(): Parsed {
    let negations = 0;
    while (this.peek()?.t === 'not') {
      this.p++;
      negations++;
    }
    if (negations > 0 && !this.startsOperand(this.peek())) {
      this.dangling('NOT');
      return NOTHING;
    }
    const operand = this.parsePrimary();
    if (negations === 0) return operand;
    if (operand.filters.length > 0) {
      this.warnings.add(
        'search.query.negatedFilter',
        'Filters cannot be excluded with - or NOT; the excluded filter was ignored.',
      );
    }
    if (operand.node === null) return NOTHING;
    return { node: negations % 2 === 1 ? negate(operand.node) : operand.node, filters: [] };
  }

  private parsePrimary(): Parsed {
    const lexeme = this.lexemes[this.p++];
    if (lexeme === undefined) return NOTHING;
    if (lexeme.t === 'leaf') return { node: lexeme.node, filters: [] };
    if (lexeme.t === 'filter') {
      return { node: null, filters: lexeme.filter === null ? [] : [lexeme.filter] };
    }
    // 'open' (startsOperand admits nothing else here)
    const inner = this.parseAnd();
    if (this.peek()?.t === 'close') this.p++;
    if (inner.node === null && inner.filters.length === 0) {
      this.warnings.add('search.query.emptyGroup', 'Empty parentheses were ignored.');
    }
    return inner;
  }

  private dangling(operator: 'AND' | 'OR' | 'NOT'): void {
    const message =
      operator === 'NOT'
        ? 'A NOT with nothing after it was ignored.'
        : `An ${operator} needs something to search for on both sides; it was ignored.`;
    this.warnings.add('search.query.danglingOperator', message);
  }
}

function combine(kind: 'and' | 'or', parts: readonly Parsed[]): Parsed {
  const children: SearchNode[] = [];
  const filters: PendingFilter[] = [];
  for (const part of parts) {
    filters.push(...part.filters);
    if (part.node === null) continue;
    if (part.node.kind === kind) children.push(...part.node.children);
    else children.push(part.node);
  }
  const node: SearchNode | null =
    children.length === 0 ? null : children.length === 1 ? children[0]! : { kind, children };
  return { node, filters };
}

function negate(node: SearchNode): SearchNode {
  return node.kind === 'not' ? node.child : { kind: 'not', child: node };
}

// ---------------------------------------------------------------- describe

const RECORD_KIND_LABELS: Readonly<Record<SearchRecordKind, string>> = {
  source: 'sources',
  passage: 'passages',
  note: 'notes',
  entity: 'entities',
  claim: 'claims',
};

/**
 * A short explanation of how a query was read, for the "searching for …" line:
 * `kang and (chol or cheol) and not nam — similar spellings too; only Person entities; before 2016`.
 * Terms are shown folded as they are searched for: `“…”` exact, `kim…` a prefix.
 */
export function describeSearchQuery(query: SearchQuery): string {
  const text =
    query.root === undefined
      ? 'everything'
      : query.root.kind === 'not'
        ? `everything except ${describeNode(query.root.child, 'not')}`
        : describeNode(query.root, undefined);
  const { filters } = query;
  const parts: string[] = [];
  if (query.root !== undefined && hasFuzzyTerm(query.root)) parts.push('similar spellings too');
  const types = [
    ...filters.recordKinds.map((kind) => RECORD_KIND_LABELS[kind]),
    ...filters.entityTypes.map((type) => `${entityTypeInfo(type).label} entities`),
  ];
  if (types.length > 0) parts.push(`only ${types.join(', ')}`);
  if (filters.sources.length > 0) {
    parts.push(`in sources titled ${filters.sources.map((s) => `“${s.text}”`).join(' or ')}`);
  }
  if (filters.entities.length > 0) {
    parts.push(`mentioning ${filters.entities.map((e) => `“${e.text}”`).join(' and ')}`);
  }
  if (filters.after !== undefined) parts.push(`after ${filters.after.value}`);
  if (filters.before !== undefined) parts.push(`before ${filters.before.value}`);
  return parts.length === 0 ? text : `${text} — ${parts.join('; ')}`;
}

function hasFuzzyTerm(node: SearchNode): boolean {
  switch (node.kind) {
    case 'term':
      return node.fuzzy > 0;
    case 'phrase':
      return false;
    case 'not':
      return hasFuzzyTerm(node.child);
    case 'and':
    case 'or':
      return node.children.some(hasFuzzyTerm);
  }
}

function describeNode(node: SearchNode, parent: SearchNode['kind'] | undefined): string {
  switch (node.kind) {
    case 'term':
      if (node.exact) return node.indicator === undefined ? `“${node.text}”` : node.text;
      if (node.prefix) return `${node.text}…`;
      return node.text;
    case 'phrase':
      return `“${node.tokens.join(' ')}”`;
    case 'not':
      return `not ${describeNode(node.child, 'not')}`;
    case 'and':
    case 'or': {
      const joined = node.children
        .map((child) => describeNode(child, node.kind))
        .join(` ${node.kind} `);
      return parent === undefined ? joined : `(${joined})`;
    }
  }
}
