/**
 * The narrative section: a note's Lexical JSON walked into report blocks, without Lexical.
 * Casefile's own nodes (mentions, quotes, embedded claims) are resolved by the builder through
 * NarrativeResolver, so this module only knows the shape of the tree. Anything unexpected
 * (node types from a newer editor, malformed fields) is rendered as its text, never thrown on.
 */
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  MAX_NOTE_DEPTH,
  type NoteDocument,
} from '../model/note';
import type { ReportBlock, ReportInline } from './types';

/** What the builder supplies for Casefile's custom nodes. */
export interface NarrativeResolver {
  /** An @mention of `entityId`; `label` is the name it had when inserted. */
  mention(entityId: string, label: string): ReportInline;
  /** A quoted passage, with the snapshot the note kept of it. */
  quote(node: {
    readonly passageId: string;
    readonly sourceId: string;
    readonly quote: string;
    readonly sourceTitle: string;
  }): ReportBlock;
  /** An embedded claim; `label` is its sentence when inserted. */
  claim(claimId: string, label: string): ReportBlock;
}

type Json = Record<string, unknown>;

const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

/** Inline node types that carry text themselves (no children). */
const LEAF_INLINE_TYPES: ReadonlySet<string> = new Set(['text', 'linebreak', 'tab']);
/** Inline node types whose children are inline (a link's words, a hashtag, a mark). */
const CONTAINER_INLINE_TYPES: ReadonlySet<string> = new Set([
  'link',
  'autolink',
  'hashtag',
  'mark',
  'code-highlight',
]);

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childrenOf(node: Json): Json[] {
  const children = node['children'];
  return Array.isArray(children) ? children.filter(isJson) : [];
}

function stringField(node: Json, field: string): string {
  const value = node[field];
  return typeof value === 'string' ? value : '';
}

function isInline(node: Json): boolean {
  const type = node['type'];
  if (typeof type !== 'string') return false;
  return (
    LEAF_INLINE_TYPES.has(type) ||
    CONTAINER_INLINE_TYPES.has(type) ||
    type === ENTITY_MENTION_NODE_TYPE
  );
}

function isCustomBlock(node: Json): boolean {
  return node['type'] === EVIDENCE_QUOTE_NODE_TYPE || node['type'] === CLAIM_NODE_TYPE;
}

function textInline(text: string, format: unknown): ReportInline {
  const bits = typeof format === 'number' && Number.isInteger(format) ? format : 0;
  return {
    kind: 'text',
    text,
    ...(bits & TEXT_FORMAT.bold ? { bold: true } : {}),
    ...(bits & TEXT_FORMAT.italic ? { italic: true } : {}),
    ...(bits & TEXT_FORMAT.underline ? { underline: true } : {}),
    ...(bits & TEXT_FORMAT.strikethrough ? { strikethrough: true } : {}),
    ...(bits & TEXT_FORMAT.code ? { code: true } : {}),
  };
}

/** Plain text of a subtree (a link's words, a code block, an unknown node). */
function plainText(node: Json, depth: number): string {
  const type = node['type'];
  if (type === 'linebreak') return '\n';
  if (type === 'tab') return '\t';
  if (type === ENTITY_MENTION_NODE_TYPE) return stringField(node, 'label');
  if (typeof node['text'] === 'string') return node['text'];
  if (depth > MAX_NOTE_DEPTH) return '';
  return childrenOf(node)
    .map((child) => plainText(child, depth + 1))
    .join('');
}

/** Walks one note into blocks; the resolver is called in document order (footnote numbering relies on it). */
class NarrativeWalker {
  constructor(private readonly resolver: NarrativeResolver) {}

  blocks(nodes: readonly Json[], depth: number): ReportBlock[] {
    const out: ReportBlock[] = [];
    // Inline nodes found directly among blocks (or in an unknown container) become a paragraph.
    let loose: ReportInline[] = [];
    const flush = (): void => {
      if (loose.length > 0) out.push({ kind: 'paragraph', inlines: loose });
      loose = [];
    };
    for (const node of nodes) {
      if (isInline(node)) {
        loose.push(...this.inlines([node], depth));
        continue;
      }
      flush();
      out.push(...this.block(node, depth));
    }
    flush();
    return out;
  }

  private block(node: Json, depth: number): ReportBlock[] {
    if (depth > MAX_NOTE_DEPTH) return [];
    const type = node['type'];
    switch (type) {
      case EVIDENCE_QUOTE_NODE_TYPE:
        return [
          this.resolver.quote({
            passageId: stringField(node, 'passageId'),
            sourceId: stringField(node, 'sourceId'),
            quote: stringField(node, 'quote'),
            sourceTitle: stringField(node, 'sourceTitle'),
          }),
        ];
      case CLAIM_NODE_TYPE:
        return [this.resolver.claim(stringField(node, 'claimId'), stringField(node, 'label'))];
      case 'paragraph':
        return this.inlineBlocks(node, depth, (inlines) => ({ kind: 'paragraph', inlines }));
      case 'heading': {
        const tag = stringField(node, 'tag');
        const level = tag === 'h1' ? 1 : tag === 'h2' ? 2 : 3;
        return this.inlineBlocks(node, depth, (inlines) => ({ kind: 'heading', level, inlines }));
      }
      case 'quote':
        return this.inlineBlocks(node, depth, (inlines) => ({ kind: 'quote', inlines }));
      case 'list':
        return [this.list(node, depth)];
      case 'code': {
        const text = plainText(node, depth);
        return text === '' ? [] : [{ kind: 'code', text }];
      }
      case 'table':
        return [this.table(node, depth)];
      case 'horizontalrule':
        return [];
      default:
        return this.unknown(node, depth);
    }
  }

  /**
   * A block of inline content. A quote or embedded claim misplaced inside it (hand-edited JSON)
   * splits it, so nothing is lost; empty blocks are dropped.
   */
  private inlineBlocks(
    node: Json,
    depth: number,
    make: (inlines: ReportInline[]) => ReportBlock,
  ): ReportBlock[] {
    const out: ReportBlock[] = [];
    let run: Json[] = [];
    const flush = (): void => {
      const inlines = this.inlines(run, depth + 1);
      if (inlines.length > 0) out.push(make(inlines));
      run = [];
    };
    for (const child of childrenOf(node)) {
      if (isCustomBlock(child)) {
        flush();
        out.push(...this.block(child, depth + 1));
      } else {
        run.push(child);
      }
    }
    flush();
    return out;
  }

  inlines(nodes: readonly Json[], depth: number): ReportInline[] {
    const out: ReportInline[] = [];
    if (depth > MAX_NOTE_DEPTH) return out;
    for (const node of nodes) {
      const type = node['type'];
      if (type === 'text') {
        const text = stringField(node, 'text');
        if (text !== '') out.push(textInline(text, node['format']));
      } else if (type === 'linebreak') {
        out.push({ kind: 'lineBreak' });
      } else if (type === 'tab') {
        out.push({ kind: 'text', text: '\t' });
      } else if (type === 'link' || type === 'autolink') {
        const text = plainText(node, depth);
        const url = stringField(node, 'url');
        if (url === '') {
          if (text !== '') out.push({ kind: 'text', text });
        } else {
          out.push({ kind: 'link', text: text === '' ? url : text, url });
        }
      } else if (type === ENTITY_MENTION_NODE_TYPE) {
        out.push(this.resolver.mention(stringField(node, 'entityId'), stringField(node, 'label')));
      } else if (isCustomBlock(node)) {
        // Only reachable from a table cell or list item; kept as its words.
        const text = stringField(node, node['type'] === CLAIM_NODE_TYPE ? 'label' : 'quote');
        if (text !== '') out.push({ kind: 'text', text });
      } else if (Array.isArray(node['children'])) {
        out.push(...this.inlines(childrenOf(node), depth + 1));
      } else if (typeof node['text'] === 'string' && node['text'] !== '') {
        out.push({ kind: 'text', text: node['text'] });
      }
    }
    return out;
  }

  private list(node: Json, depth: number): ReportBlock {
    const ordered = node['listType'] === 'number' || node['tag'] === 'ol';
    const items: ReportBlock[][] = [];
    for (const child of childrenOf(node)) {
      const blocks =
        child['type'] === 'listitem'
          ? this.listItem(child, depth + 1)
          : this.block(child, depth + 1);
      if (blocks.length === 0) continue;
      // Lexical nests a list as an item holding only that list: it belongs to the item before.
      const previous = items[items.length - 1];
      if (previous !== undefined && blocks.every((block) => block.kind === 'list')) {
        previous.push(...blocks);
      } else {
        items.push(blocks);
      }
    }
    return { kind: 'list', ordered, items };
  }

  private listItem(node: Json, depth: number): ReportBlock[] {
    const out: ReportBlock[] = [];
    let run: Json[] = [];
    const flush = (): void => {
      const inlines = this.inlines(run, depth + 1);
      if (inlines.length > 0) out.push({ kind: 'paragraph', inlines });
      run = [];
    };
    for (const child of childrenOf(node)) {
      if (isInline(child)) {
        run.push(child);
      } else {
        flush();
        out.push(...this.block(child, depth + 1));
      }
    }
    flush();
    return out;
  }

  private table(node: Json, depth: number): ReportBlock {
    const rows: ReportInline[][][] = [];
    for (const row of childrenOf(node)) {
      if (depth + 1 > MAX_NOTE_DEPTH) break;
      const cells: ReportInline[][] = [];
      for (const cell of childrenOf(row)) cells.push(this.cell(cell, depth + 2));
      rows.push(cells);
    }
    return { kind: 'table', rows };
  }

  /** A cell's paragraphs as one run of inlines, separated by line breaks. */
  private cell(node: Json, depth: number): ReportInline[] {
    const out: ReportInline[] = [];
    const children = childrenOf(node);
    if (children.every(isInline)) return this.inlines(children, depth + 1);
    for (const child of children) {
      const inlines = isInline(child)
        ? this.inlines([child], depth + 1)
        : this.inlines(childrenOf(child), depth + 2);
      if (inlines.length === 0) continue;
      if (out.length > 0) out.push({ kind: 'lineBreak' });
      out.push(...inlines);
    }
    return out;
  }

  /** A node type this builder does not know: its content, as blocks or as a paragraph. */
  private unknown(node: Json, depth: number): ReportBlock[] {
    const children = childrenOf(node);
    if (children.length === 0) {
      const text = typeof node['text'] === 'string' ? node['text'] : '';
      return text === '' ? [] : [{ kind: 'paragraph', inlines: [{ kind: 'text', text }] }];
    }
    return this.blocks(children, depth + 1);
  }
}

/** The note as report blocks, in document order. */
export function narrativeBlocks(doc: NoteDocument, resolver: NarrativeResolver): ReportBlock[] {
  const root: unknown = doc.editorState?.root;
  if (!isJson(root)) return [];
  return new NarrativeWalker(resolver).blocks(childrenOf(root), 1);
}
