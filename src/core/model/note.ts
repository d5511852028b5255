/**
 * Case notes: the versioned JSON a note's content is stored in, and what the rest of the app
 * needs to know about it without Lexical (references for backlinks, plain text for search).
 *
 * A note's content is Lexical's serialized editor state wrapped in an envelope that names the
 * format and its version. Lexical itself lives in src/editor; this module only reads and writes
 * plain JSON, so it runs in Node, workers and the CLI.
 */
import { err, ok, type Result } from '../../shared/result';
import type { ClaimId, EntityId, PassageId, SourceId } from './ids';

/** Name written into every note document. */
export const NOTE_FORMAT = 'casefile-note';

/**
 * Current note document version.
 * History: 1 = a bare Lexical editor state `{ root }` (what notes held up to schema v4);
 * 2 = the `{ format, version, editorState }` envelope with Casefile's custom nodes.
 */
export const NOTE_FORMAT_VERSION = 2;

/** Longest note title. */
export const MAX_NOTE_TITLE_LENGTH = 200;
/** Title of a note created without one. */
export const DEFAULT_NOTE_TITLE = 'Untitled note';
/**
 * Largest stored note document (JSON text, UTF-16 code units). A 200-page note with 500 mentions
 * is about 3 MB of JSON; the cap leaves room while keeping saves and reads bounded.
 */
export const MAX_NOTE_DOCUMENT_LENGTH = 32 * 1024 * 1024;
/** Deepest nesting of nodes accepted in a note document (lists in lists in tables…). */
export const MAX_NOTE_DEPTH = 64;
/**
 * Largest clipboard paste the editor takes (characters of HTML or text). Bigger pastes are
 * refused with a message suggesting to import the material as a source instead.
 */
export const MAX_NOTE_PASTE_LENGTH = 2 * 1024 * 1024;

/** Lexical node types of Casefile's evidence-aware nodes (the `type` in their JSON). */
export const ENTITY_MENTION_NODE_TYPE = 'entity-mention';
export const EVIDENCE_QUOTE_NODE_TYPE = 'evidence-quote';
export const CLAIM_NODE_TYPE = 'claim-embed';

/** Any serialized Lexical node: a type, a version, maybe children, other fields by type. */
export interface NoteJsonNode {
  readonly type: string;
  readonly version: number;
  readonly children?: readonly NoteJsonNode[];
  readonly [field: string]: unknown;
}

/** Lexical's serialized editor state. */
export interface NoteEditorStateJson {
  readonly root: NoteJsonNode;
}

/** What a note's `editorState` field holds (as JSON text), version 2. */
export interface NoteDocument {
  readonly format: typeof NOTE_FORMAT;
  readonly version: typeof NOTE_FORMAT_VERSION;
  readonly editorState: NoteEditorStateJson;
}

/** JSON of an @mention: the entity, and its name when inserted (shown if the entity is gone). */
export interface SerializedEntityMention extends NoteJsonNode {
  readonly type: typeof ENTITY_MENTION_NODE_TYPE;
  readonly version: 1;
  readonly entityId: EntityId;
  readonly label: string;
}

/**
 * JSON of a quoted passage: the passage and a snapshot of what it showed when inserted, so a
 * quote whose passage was deleted still says what it quoted.
 */
export interface SerializedEvidenceQuote extends NoteJsonNode {
  readonly type: typeof EVIDENCE_QUOTE_NODE_TYPE;
  readonly version: 1;
  readonly passageId: PassageId;
  readonly sourceId: SourceId;
  readonly quote: string;
  readonly sourceTitle: string;
}

/** JSON of an embedded claim: the claim and its sentence when inserted. */
export interface SerializedClaimEmbed extends NoteJsonNode {
  readonly type: typeof CLAIM_NODE_TYPE;
  readonly version: 1;
  readonly claimId: ClaimId;
  readonly label: string;
}

/** What a note refers to, each list without duplicates in document order. */
export interface NoteReferences {
  readonly entityIds: readonly EntityId[];
  readonly passageIds: readonly PassageId[];
  readonly claimIds: readonly ClaimId[];
}

/** Edits to a note's metadata; content is saved separately (NoteRepository.saveContent). */
export interface NewNoteInput {
  readonly title?: string;
  /** Initial content; an empty note when absent. */
  readonly document?: NoteDocument;
}

// ---------------------------------------------------------------------------------------------
// Functions over note documents. Everything here is pure and works on plain JSON.

/** Node types whose JSON sits inside a paragraph (inline), not as a block of its own. */
const INLINE_NODE_TYPES: ReadonlySet<string> = new Set([
  'text',
  'linebreak',
  'tab',
  'link',
  'autolink',
  'hashtag',
  'code-highlight',
  'mark',
  ENTITY_MENTION_NODE_TYPE,
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function paragraphJson(children: readonly NoteJsonNode[]): NoteJsonNode {
  return {
    children: [...children],
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    type: 'paragraph',
    version: 1,
  };
}

/** A note with nothing in it: one empty paragraph, as Lexical's editor starts. */
export function emptyNoteDocument(): NoteDocument {
  return {
    format: NOTE_FORMAT,
    version: NOTE_FORMAT_VERSION,
    editorState: {
      root: {
        children: [paragraphJson([])],
        direction: null,
        format: '',
        indent: 0,
        type: 'root',
        version: 1,
      },
    },
  };
}

const DAMAGED = 'This note’s content is damaged and cannot be opened';

function malformed(detail: string): Result<never> {
  return err('note.malformed', `${DAMAGED}: ${detail}.`);
}

function tooLarge(length: number): Result<never> {
  const megabytes = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return err(
    'note.tooLarge',
    `This note is too large (${megabytes(length)} MB of content; the limit is ` +
      `${megabytes(MAX_NOTE_DOCUMENT_LENGTH)} MB). Split it into several notes.`,
  );
}

/** Human-readable place of a node, e.g. `root › children[2] › children[0]`. */
function describePath(path: readonly number[]): string {
  return ['root', ...path.map((index) => `children[${index}]`)].join(' › ');
}

/** What is wrong with a custom node's own fields, or undefined when they are usable. */
function customNodeProblem(node: Record<string, unknown>): string | undefined {
  switch (node['type']) {
    case ENTITY_MENTION_NODE_TYPE:
      if (!isId(node['entityId'])) return 'an entity mention has no entity id';
      if (typeof node['label'] !== 'string') return 'an entity mention has no label';
      return undefined;
    case EVIDENCE_QUOTE_NODE_TYPE:
      if (!isId(node['passageId'])) return 'a quote has no passage id';
      if (!isId(node['sourceId'])) return 'a quote has no source id';
      if (typeof node['quote'] !== 'string') return 'a quote has no quoted text';
      if (typeof node['sourceTitle'] !== 'string') return 'a quote has no source title';
      return undefined;
    case CLAIM_NODE_TYPE:
      if (!isId(node['claimId'])) return 'an embedded claim has no claim id';
      if (typeof node['label'] !== 'string') return 'an embedded claim has no label';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Checks a serialized Lexical tree: every node an object with a string `type` and a numeric
 * `version`, `children` an array when present, `root` only at the top, at most MAX_NOTE_DEPTH
 * levels, Casefile's nodes with usable fields. Iterative, so a hostile depth cannot overflow.
 */
function treeProblem(root: unknown): string | undefined {
  const stack: { node: unknown; path: number[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const where = describePath(path);
    if (path.length > MAX_NOTE_DEPTH) {
      return `its nodes are nested more than ${MAX_NOTE_DEPTH} levels deep (at ${where})`;
    }
    if (!isPlainObject(node)) return `${where} is not a node`;
    const type = node['type'];
    if (typeof type !== 'string' || type === '') return `${where} has no type`;
    const version = node['version'];
    if (typeof version !== 'number' || !Number.isFinite(version)) {
      return `${where} (${type}) has no version number`;
    }
    if (path.length === 0 && type !== 'root') return `the top node is “${type}”, not “root”`;
    if (path.length > 0 && type === 'root') return `${where} is a second root`;
    const problem = customNodeProblem(node);
    if (problem !== undefined) return `${problem} (at ${where})`;
    const children = node['children'];
    if (children === undefined) continue;
    if (!Array.isArray(children)) return `${where} (${type}) has children that are not a list`;
    // Pushed in reverse so nodes are checked in document order (the first problem is reported).
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push({ node: children[index], path: [...path, index] });
    }
  }
  return undefined;
}

/** The editor state of an envelope or bare state, or what is wrong with it. */
function editorStateOf(value: Record<string, unknown>): Result<NoteEditorStateJson> {
  const state = value['editorState'];
  if (!isPlainObject(state)) return malformed('it has no editor state');
  if (!('root' in state)) return malformed('its editor state has no root node');
  const problem = treeProblem(state['root']);
  if (problem !== undefined) return malformed(problem);
  return ok(state as unknown as NoteEditorStateJson);
}

/** Checks a parsed value and brings older versions up to NOTE_FORMAT_VERSION. */
function documentFrom(value: unknown): Result<NoteDocument> {
  if (!isPlainObject(value)) return malformed('it is not a note document');
  if (!('format' in value)) {
    // Version 1: a bare Lexical state `{ root }`, as notes were stored up to schema v4.
    if (!('root' in value)) return malformed('it is neither a note document nor an editor state');
    const state = editorStateOf({ editorState: value });
    if (!state.ok) return state;
    return ok({ format: NOTE_FORMAT, version: NOTE_FORMAT_VERSION, editorState: state.value });
  }
  if (value['format'] !== NOTE_FORMAT) {
    return malformed(`its format is “${String(value['format'])}”, not “${NOTE_FORMAT}”`);
  }
  const version = value['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return malformed('it has no valid version number');
  }
  if (version > NOTE_FORMAT_VERSION) {
    return err(
      'note.formatTooNew',
      `This note was written by a newer version of Casefile (note format ${version}; this app ` +
        `understands up to ${NOTE_FORMAT_VERSION}). Update Casefile to open it.`,
    );
  }
  if (version !== NOTE_FORMAT_VERSION) {
    return malformed(`note format ${version} never had an envelope`);
  }
  const state = editorStateOf(value);
  if (!state.ok) return state;
  return ok({ format: NOTE_FORMAT, version: NOTE_FORMAT_VERSION, editorState: state.value });
}

/**
 * Reads a note's stored content. Older formats are migrated (format 1, a bare Lexical state,
 * is wrapped in the envelope); a newer format is refused (`note.formatTooNew`), content over
 * MAX_NOTE_DOCUMENT_LENGTH is refused before parsing (`note.tooLarge`), anything else that is
 * not a sound document is `note.malformed` with what is wrong.
 */
export function parseNoteDocument(json: string): Result<NoteDocument> {
  if (typeof json !== 'string') return malformed('it is not text');
  if (json.length > MAX_NOTE_DOCUMENT_LENGTH) return tooLarge(json.length);
  // Never written by the app: what a note reads as when its stored content is missing.
  if (json.trim() === '') return malformed('its stored content is missing');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // Includes a RangeError from absurdly deep nesting.
    return malformed('it is not valid JSON');
  }
  return documentFrom(value);
}

/** The JSON text stored for a document; refused when over the size cap or not a sound document. */
export function serializeNoteDocument(doc: NoteDocument): Result<string> {
  let json: string;
  try {
    json = JSON.stringify(doc);
  } catch {
    return malformed('it cannot be written as JSON');
  }
  if (typeof json !== 'string') return malformed('it is not a note document');
  if (json.length > MAX_NOTE_DOCUMENT_LENGTH) return tooLarge(json.length);
  if (!isPlainObject(doc) || doc.format !== NOTE_FORMAT || doc.version !== NOTE_FORMAT_VERSION) {
    return malformed(`it is not a note document of format ${NOTE_FORMAT_VERSION}`);
  }
  const state = editorStateOf(doc);
  if (!state.ok) return state;
  return ok(json);
}

/**
 * Entities mentioned, passages quoted and claims embedded, each once, in document order.
 * Custom nodes without a usable id are skipped (the editor shows them as broken, not here).
 */
export function noteReferences(doc: NoteDocument): NoteReferences {
  const entityIds = new Set<string>();
  const passageIds = new Set<string>();
  const claimIds = new Set<string>();
  const stack: unknown[] = [doc.editorState.root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isPlainObject(node)) continue;
    const type = node['type'];
    if (type === ENTITY_MENTION_NODE_TYPE && isId(node['entityId'])) {
      entityIds.add(node['entityId']);
    } else if (type === EVIDENCE_QUOTE_NODE_TYPE && isId(node['passageId'])) {
      passageIds.add(node['passageId']);
    } else if (type === CLAIM_NODE_TYPE && isId(node['claimId'])) {
      claimIds.add(node['claimId']);
    }
    const children = node['children'];
    if (Array.isArray(children)) {
      for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]);
    }
  }
  return {
    entityIds: [...entityIds] as EntityId[],
    passageIds: [...passageIds] as PassageId[],
    claimIds: [...claimIds] as ClaimId[],
  };
}

/** The text a node shows inline (text, a mention's label…), '' for nodes without text. */
function inlineText(node: Record<string, unknown>): string {
  switch (node['type']) {
    case 'text':
    case 'code-highlight':
    case 'hashtag':
      return typeof node['text'] === 'string' ? node['text'] : '';
    case 'linebreak':
      return '\n';
    case 'tab':
      return '\t';
    case ENTITY_MENTION_NODE_TYPE:
      return typeof node['label'] === 'string' ? node['label'] : '';
    default:
      return '';
  }
}

/** Lines of a node: inline runs joined, each block (paragraph, quote, list item…) its own line. */
function collectLines(node: Record<string, unknown>, lines: string[], depth: number): void {
  const type = node['type'];
  if (type === EVIDENCE_QUOTE_NODE_TYPE) {
    lines.push(typeof node['quote'] === 'string' ? node['quote'] : '');
    return;
  }
  if (type === CLAIM_NODE_TYPE) {
    lines.push(typeof node['label'] === 'string' ? node['label'] : '');
    return;
  }
  const children = node['children'];
  if (!Array.isArray(children) || depth > MAX_NOTE_DEPTH) {
    if (type !== 'root') lines.push(inlineText(node));
    return;
  }
  let line: string | undefined;
  for (const child of children) {
    if (!isPlainObject(child)) continue;
    const childType = child['type'];
    if (typeof childType === 'string' && INLINE_NODE_TYPES.has(childType)) {
      line =
        (line ?? '') + (Array.isArray(child['children']) ? inlineRun(child) : inlineText(child));
    } else {
      if (line !== undefined) lines.push(line);
      line = undefined;
      collectLines(child, lines, depth + 1);
    }
  }
  if (line !== undefined) lines.push(line);
  else if (children.length === 0 && type !== 'root') lines.push('');
}

/** Text of an inline element (a link): its inline children, concatenated. */
function inlineRun(node: Record<string, unknown>): string {
  const children = node['children'];
  if (!Array.isArray(children)) return inlineText(node);
  let text = '';
  for (const child of children) {
    if (isPlainObject(child)) {
      text += Array.isArray(child['children']) ? inlineRun(child) : inlineText(child);
    }
  }
  return text;
}

/**
 * The note as plain text (search, previews, benchmarks): one line per paragraph or other block,
 * a mention as its label, a quote as its quoted text, an embedded claim as its label.
 */
export function noteText(doc: NoteDocument): string {
  const lines: string[] = [];
  collectLines(doc.editorState.root, lines, 0);
  return lines.join('\n');
}

/** A note title: trimmed, white space collapsed, not empty, at most MAX_NOTE_TITLE_LENGTH. */
export function validateNoteTitle(title: unknown): Result<string> {
  const trimmed = typeof title === 'string' ? title.trim().replace(/\s+/g, ' ') : '';
  if (trimmed === '') return err('note.title.empty', 'A note needs a title.');
  if (trimmed.length > MAX_NOTE_TITLE_LENGTH) {
    return err(
      'note.title.tooLong',
      `A note title can be at most ${MAX_NOTE_TITLE_LENGTH} characters (this one has ${trimmed.length}).`,
    );
  }
  return ok(trimmed);
}

/** Title of a duplicate: "<title> (copy)", the original shortened if the result would be too long. */
export function duplicateNoteTitle(title: string): string {
  const suffix = ' (copy)';
  const room = MAX_NOTE_TITLE_LENGTH - suffix.length;
  const base = title.length > room ? title.slice(0, room).trimEnd() : title;
  return `${base}${suffix}`;
}

/** Text folded for search: no case, no accents ("Émile" finds "emile"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .normalize('NFC');
}

/** Whether a note title contains the query, case and accents ignored; a blank query matches all. */
export function noteTitleMatches(title: string, query: string): boolean {
  const wanted = foldForSearch(query.trim());
  return wanted === '' || foldForSearch(title).includes(wanted);
}

/**
 * The document with `nodes` added at the end (e.g. a quote sent to a note that is not open).
 * Inline nodes (text, mentions) are wrapped in a paragraph, since a root holds only blocks.
 */
export function appendToNoteDocument(
  doc: NoteDocument,
  nodes: readonly NoteJsonNode[],
): NoteDocument {
  const blocks: NoteJsonNode[] = [];
  let inline: NoteJsonNode[] = [];
  for (const node of nodes) {
    if (INLINE_NODE_TYPES.has(node.type)) {
      inline.push(node);
      continue;
    }
    if (inline.length > 0) blocks.push(paragraphJson(inline));
    inline = [];
    blocks.push(node);
  }
  if (inline.length > 0) blocks.push(paragraphJson(inline));
  const root = doc.editorState.root;
  return {
    ...doc,
    editorState: {
      ...doc.editorState,
      root: { ...root, children: [...(root.children ?? []), ...blocks] },
    },
  };
}

/** JSON of an @mention of an entity, labelled with its current name. */
export function entityMentionJson(entityId: EntityId, label: string): SerializedEntityMention {
  return { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId, label };
}

/** JSON of a quoted passage with a snapshot of its text and source title. */
export function evidenceQuoteJson(input: {
  readonly passageId: PassageId;
  readonly sourceId: SourceId;
  readonly quote: string;
  readonly sourceTitle: string;
}): SerializedEvidenceQuote {
  return {
    type: EVIDENCE_QUOTE_NODE_TYPE,
    version: 1,
    passageId: input.passageId,
    sourceId: input.sourceId,
    quote: input.quote,
    sourceTitle: input.sourceTitle,
  };
}

/** JSON of an embedded claim, labelled with its sentence. */
export function claimEmbedJson(claimId: ClaimId, label: string): SerializedClaimEmbed {
  return { type: CLAIM_NODE_TYPE, version: 1, claimId, label };
}
