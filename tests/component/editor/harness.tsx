import { render } from '@testing-library/react';
import { createRef } from 'react';
import { vi } from 'vitest';
import {
  CLAIM_NODE_TYPE,
  ENTITY_MENTION_NODE_TYPE,
  EVIDENCE_QUOTE_NODE_TYPE,
  NOTE_FORMAT,
  NOTE_FORMAT_VERSION,
  type ClaimId,
  type EntityId,
  type EntityType,
  type NoteDocument,
  type NoteJsonNode,
  type PassageId,
  type SerializedEvidenceQuote,
  type SourceId,
} from '../../../src/core';
import {
  NoteEditor,
  type ClaimTarget,
  type MentionTarget,
  type NoteEditorHandle,
  type NoteEditorProps,
  type NoteReferenceResolver,
  type QuoteTarget,
} from '../../../src/editor';
import { ok, type Result } from '../../../src/shared/result';

// jsdom has no layout; Lexical and its type-ahead measure the caret. Zero-sized stand-ins suffice.
if (!('getBoundingClientRect' in Range.prototype)) {
  Object.assign(Range.prototype, {
    getBoundingClientRect: () => new DOMRect(0, 0, 0, 0),
    getClientRects: () => [] as unknown as DOMRectList,
  });
}
// Nor drag and clipboard events, which Lexical's paste checks the event's class against.
globalThis.DragEvent ??= class DragEvent extends MouseEvent {
  readonly dataTransfer: DataTransfer | null = null;
};
globalThis.ClipboardEvent ??= class ClipboardEvent extends Event {
  readonly clipboardData: DataTransfer | null = null;
};
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

export const ids = {
  ada: 'entity-ada' as EntityId,
  gone: 'entity-gone' as EntityId,
  passage: 'passage-1' as PassageId,
  deletedPassage: 'passage-deleted' as PassageId,
  orphanPassage: 'passage-orphan' as PassageId,
  source: 'source-1' as SourceId,
  claim: 'claim-1' as ClaimId,
  goneClaim: 'claim-gone' as ClaimId,
};

/** An in-memory resolver: entities by id, with spies on every action. */
export function fakeResolver(
  entities: MentionTarget[] = [{ id: ids.ada, name: 'Ada Lovelace', type: 'Person' }],
) {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const passages = new Map<PassageId, QuoteTarget>([
    [
      ids.passage,
      {
        passageId: ids.passage,
        sourceId: ids.source,
        quote: 'The engine might compose music.',
        sourceTitle: 'Notes on the Analytical Engine',
        page: 7,
        reliability: 'B',
        orphaned: false,
      },
    ],
    [
      ids.orphanPassage,
      {
        passageId: ids.orphanPassage,
        sourceId: ids.source,
        quote: 'Changed words.',
        sourceTitle: 'Notes on the Analytical Engine',
        reliability: 'B',
        orphaned: true,
      },
    ],
  ]);
  const claims = new Map<ClaimId, ClaimTarget>([
    [
      ids.claim,
      {
        id: ids.claim,
        subject: 'Ada Lovelace',
        predicate: 'worked with',
        object: 'Charles Babbage',
        grade: 'B2',
        status: 'corroborated',
      },
    ],
  ]);
  let created = 0;
  const resolver = {
    entity: (id: EntityId) => byId.get(id) ?? 'missing',
    passage: (id: PassageId) => passages.get(id) ?? 'missing',
    claim: (id: ClaimId) => claims.get(id) ?? 'missing',
    searchEntities: (query: string, limit: number) =>
      [...byId.values()]
        .filter((entity) => entity.name.toLowerCase().includes(query.toLowerCase()))
        .slice(0, limit),
    createEntity: vi.fn((name: string, type: EntityType): Promise<Result<MentionTarget>> => {
      const entity = { id: `entity-new-${++created}` as EntityId, name, type };
      byId.set(entity.id, entity);
      return Promise.resolve(ok(entity));
    }),
    quoteFor: vi.fn((passageId: PassageId): Promise<Result<SerializedEvidenceQuote>> =>
      Promise.resolve(ok(quoteJson(passageId, 'Dropped words.'))),
    ),
    openEntity: vi.fn(),
    openPassage: vi.fn(),
    openClaim: vi.fn(),
  } satisfies NoteReferenceResolver;
  return { resolver, byId };
}

export function text(value: string): NoteJsonNode {
  return {
    type: 'text',
    version: 1,
    text: value,
    detail: 0,
    format: 0,
    mode: 'normal',
    style: '',
  };
}

export function paragraph(...children: NoteJsonNode[]): NoteJsonNode {
  return {
    type: 'paragraph',
    version: 1,
    children,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
  };
}

export function mentionJson(entityId: EntityId, label: string): NoteJsonNode {
  return { type: ENTITY_MENTION_NODE_TYPE, version: 1, entityId, label };
}

export function quoteJson(passageId: PassageId, quote: string): SerializedEvidenceQuote {
  return {
    type: EVIDENCE_QUOTE_NODE_TYPE,
    version: 1,
    passageId,
    sourceId: ids.source,
    quote,
    sourceTitle: 'Notes on the Analytical Engine',
  };
}

export function claimJson(claimId: ClaimId, label: string): NoteJsonNode {
  return { type: CLAIM_NODE_TYPE, version: 1, claimId, label };
}

export function documentOf(...children: NoteJsonNode[]): NoteDocument {
  return {
    format: NOTE_FORMAT,
    version: NOTE_FORMAT_VERSION,
    editorState: {
      root: {
        type: 'root',
        version: 1,
        children,
        direction: null,
        format: '',
        indent: 0,
      },
    },
  };
}

/** Renders a NoteEditor with spies for onSave, onStatusChange and onNotice. */
export function renderEditor(overrides: Partial<NoteEditorProps> = {}) {
  const handle = createRef<NoteEditorHandle>();
  const onSave = vi.fn((_document: NoteDocument) =>
    Promise.resolve(ok({ updatedAt: '2026-01-01T00:00:01.000Z' })),
  );
  const onStatusChange = vi.fn();
  const onNotice = vi.fn();
  const props: NoteEditorProps = {
    noteId: 'note-1',
    storedUpdatedAt: '2026-01-01T00:00:00.000Z',
    initialDocument: documentOf(paragraph(text('Hello'))),
    readOnly: false,
    resolver: fakeResolver().resolver,
    onSave,
    onStatusChange,
    onNotice,
    ...overrides,
  };
  const view = render(<NoteEditor ref={handle} {...props} />);
  return { ...view, handle, props, onSave, onStatusChange, onNotice };
}
