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
  CLAIM_NODE_TYPE,
  CLAIM_STATUS_LABELS,
  gradeBand,
  type ClaimId,
  type SerializedClaimEmbed,
} from '../../core';
import { useNoteReferences } from '../NoteReferencesContext';

export type SerializedClaimNode = SerializedClaimEmbed;

/**
 * An embedded claim: a block card showing the claim as it is now (grade, status), keeping the
 * sentence it had when inserted for when the claim is deleted. No importDOM.
 */
export class ClaimNode extends DecoratorNode<JSX.Element> {
  __claimId: ClaimId;
  __label: string;

  static override getType(): string {
    return CLAIM_NODE_TYPE;
  }

  static override clone(node: ClaimNode): ClaimNode {
    return new ClaimNode(node.__claimId, node.__label, node.__key);
  }

  static override importJSON(json: SerializedClaimNode): ClaimNode {
    if (json.version !== 1) {
      throw new Error(`Unsupported ${CLAIM_NODE_TYPE} node version: ${String(json.version)}`);
    }
    if (typeof json.claimId !== 'string' || typeof json.label !== 'string') {
      throw new Error(`Malformed ${CLAIM_NODE_TYPE} node`);
    }
    return $createClaimNode(json.claimId, json.label);
  }

  constructor(claimId: ClaimId, label: string, key?: NodeKey) {
    super(key);
    this.__claimId = claimId;
    this.__label = label;
  }

  override exportJSON(): SerializedClaimNode {
    const latest = this.getLatest();
    return { type: CLAIM_NODE_TYPE, version: 1, claimId: latest.__claimId, label: latest.__label };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = document.createElement('div');
    const className: unknown = config.theme['claimEmbed'];
    if (typeof className === 'string') div.className = className;
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override exportDOM(): DOMExportOutput {
    const p = document.createElement('p');
    p.textContent = this.__label;
    return { element: p };
  }

  getClaimId(): ClaimId {
    return this.getLatest().__claimId;
  }

  getLabel(): string {
    return this.getLatest().__label;
  }

  override getTextContent(): string {
    return this.getLatest().__label;
  }

  override isInline(): false {
    return false;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override decorate(): JSX.Element {
    return <ClaimCard claimId={this.__claimId} label={this.__label} />;
  }
}

export function $createClaimNode(claimId: ClaimId, label: string): ClaimNode {
  return $applyNodeReplacement(new ClaimNode(claimId, label));
}

export function $isClaimNode(node: LexicalNode | null | undefined): node is ClaimNode {
  return node instanceof ClaimNode;
}

const ClaimCard = memo(function ClaimCard({
  claimId,
  label,
}: {
  readonly claimId: ClaimId;
  readonly label: string;
}) {
  const resolver = useNoteReferences();
  const claim = resolver.claim(claimId);
  if (claim === 'missing') {
    return (
      <div className="cf-note-claim cf-note-claim--missing">
        <p className="cf-note-claim__warning" role="note">
          This claim was deleted. It read:
        </p>
        <p className="cf-note-claim__sentence">{label}</p>
      </div>
    );
  }
  if (claim === undefined) {
    return (
      <div className="cf-note-claim">
        <p className="cf-note-claim__sentence">{label}</p>
      </div>
    );
  }
  return (
    <div className={`cf-note-claim cf-note-claim--${claim.status}`}>
      <p className="cf-note-claim__sentence">
        <span className="cf-note-claim__subject">{claim.subject}</span>
        {' – '}
        <span className="cf-note-claim__predicate">{claim.predicate}</span>
        {' – '}
        <span className="cf-note-claim__object">{claim.object}</span>
      </p>
      <p className="cf-note-claim__facts">
        {claim.grade ? (
          <span
            className={`cf-note-grade cf-note-grade--${gradeBand(claim.grade)}`}
            title={`Grade ${claim.grade}: source reliability ${claim.grade.charAt(0)}, information credibility ${claim.grade.slice(1)}`}
          >
            {claim.grade}
          </span>
        ) : (
          <span className="cf-note-claim__assertion">Analyst assertion</span>
        )}
        <span className="cf-note-claim__status">{CLAIM_STATUS_LABELS[claim.status]}</span>
        <button
          type="button"
          className="cf-button cf-button--ghost cf-note-card__open"
          onClick={() => resolver.openClaim(claim.id)}
        >
          Open claim
        </button>
      </p>
    </div>
  );
});
