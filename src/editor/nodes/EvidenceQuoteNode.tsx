import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import { memo, type JSX } from 'react';
import {
  EVIDENCE_QUOTE_NODE_TYPE,
  type PassageId,
  type SerializedEvidenceQuote,
  type SourceId,
} from '../../core';
import { useNoteReferences } from '../NoteReferencesContext';

export type SerializedEvidenceQuoteNode = SerializedEvidenceQuote;

interface QuoteFields {
  readonly passageId: PassageId;
  readonly sourceId: SourceId;
  readonly quote: string;
  readonly sourceTitle: string;
}

/**
 * A quoted passage: a block card linked to the passage it came from. It keeps a snapshot of the
 * quote and the source title so that it still says what it quoted if the passage is deleted.
 * No importDOM: pasted HTML can never forge a quote.
 */
export class EvidenceQuoteNode extends DecoratorNode<JSX.Element> {
  __passageId: PassageId;
  __sourceId: SourceId;
  __quote: string;
  __sourceTitle: string;

  static override getType(): string {
    return EVIDENCE_QUOTE_NODE_TYPE;
  }

  static override clone(node: EvidenceQuoteNode): EvidenceQuoteNode {
    return new EvidenceQuoteNode(node.fields(), node.__key);
  }

  static override importJSON(json: SerializedEvidenceQuoteNode): EvidenceQuoteNode {
    if (json.version !== 1) {
      throw new Error(
        `Unsupported ${EVIDENCE_QUOTE_NODE_TYPE} node version: ${String(json.version)}`,
      );
    }
    const { passageId, sourceId, quote, sourceTitle } = json;
    if (
      typeof passageId !== 'string' ||
      typeof sourceId !== 'string' ||
      typeof quote !== 'string' ||
      typeof sourceTitle !== 'string'
    ) {
      throw new Error(`Malformed ${EVIDENCE_QUOTE_NODE_TYPE} node`);
    }
    return $createEvidenceQuoteNode({ passageId, sourceId, quote, sourceTitle });
  }

  constructor(fields: QuoteFields, key?: NodeKey) {
    super(key);
    this.__passageId = fields.passageId;
    this.__sourceId = fields.sourceId;
    this.__quote = fields.quote;
    this.__sourceTitle = fields.sourceTitle;
  }

  private fields(): QuoteFields {
    return {
      passageId: this.__passageId,
      sourceId: this.__sourceId,
      quote: this.__quote,
      sourceTitle: this.__sourceTitle,
    };
  }

  override exportJSON(): SerializedEvidenceQuoteNode {
    const latest = this.getLatest();
    return { type: EVIDENCE_QUOTE_NODE_TYPE, version: 1, ...latest.fields() };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = document.createElement('div');
    const className: unknown = config.theme['evidenceQuote'];
    if (typeof className === 'string') div.className = className;
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  /** Copying to another application gives a plain blockquote (which pastes back as one). */
  override exportDOM(): DOMExportOutput {
    const blockquote = document.createElement('blockquote');
    blockquote.textContent = `“${this.__quote}” — ${this.__sourceTitle}`;
    return { element: blockquote };
  }

  getPassageId(): PassageId {
    return this.getLatest().__passageId;
  }

  getSourceId(): SourceId {
    return this.getLatest().__sourceId;
  }

  getQuote(): string {
    return this.getLatest().__quote;
  }

  override getTextContent(): string {
    return this.getLatest().__quote;
  }

  override isInline(): false {
    return false;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override decorate(): JSX.Element {
    return (
      <EvidenceQuoteCard
        passageId={this.__passageId}
        sourceId={this.__sourceId}
        quote={this.__quote}
        sourceTitle={this.__sourceTitle}
      />
    );
  }
}

export function $createEvidenceQuoteNode(fields: QuoteFields): EvidenceQuoteNode {
  return $applyNodeReplacement(new EvidenceQuoteNode(fields));
}

export function $isEvidenceQuoteNode(
  node: LexicalNode | null | undefined,
): node is EvidenceQuoteNode {
  return node instanceof EvidenceQuoteNode;
}

/** The card, memoised: it re-renders only when its own props or the resolver change. */
const EvidenceQuoteCard = memo(function EvidenceQuoteCard(props: QuoteFields) {
  const resolver = useNoteReferences();
  const passage = resolver.passage(props.passageId);
  if (passage === 'missing') {
    return (
      <figure className="cf-note-quote cf-note-quote--missing">
        <p className="cf-note-quote__warning" role="note">
          The quoted passage was deleted; this is the text as it was quoted.
        </p>
        <blockquote className="cf-note-quote__text">{props.quote}</blockquote>
        <figcaption className="cf-note-quote__source">{props.sourceTitle}</figcaption>
      </figure>
    );
  }
  const live = passage ?? undefined;
  return (
    <figure className={`cf-note-quote${live?.orphaned ? ' cf-note-quote--orphaned' : ''}`}>
      {live?.orphaned ? (
        <p className="cf-note-quote__warning" role="note">
          The passage no longer matches its source: the source text changed since it was quoted.
        </p>
      ) : null}
      <blockquote className="cf-note-quote__text">{live?.quote ?? props.quote}</blockquote>
      <figcaption className="cf-note-quote__source">
        <span className="cf-note-quote__title">{live?.sourceTitle ?? props.sourceTitle}</span>
        {live?.page !== undefined ? (
          <span className="cf-note-quote__page">page {live.page}</span>
        ) : null}
        {live ? (
          <span
            className="cf-note-quote__reliability"
            title={`Source reliability ${live.reliability} (Admiralty scale)`}
          >
            Reliability {live.reliability}
          </span>
        ) : null}
        {live ? (
          <button
            type="button"
            className="cf-button cf-button--ghost cf-note-card__open"
            onClick={() => resolver.openPassage(live.sourceId, live.passageId)}
          >
            Open in source
          </button>
        ) : null}
      </figcaption>
    </figure>
  );
});
