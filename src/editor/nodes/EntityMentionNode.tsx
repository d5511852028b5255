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
  ENTITY_MENTION_NODE_TYPE,
  entityTypeInfo,
  type EntityId,
  type SerializedEntityMention,
} from '../../core';
import { Icon } from '../../ui';
import { useNoteReferences } from '../NoteReferencesContext';

export type SerializedEntityMentionNode = SerializedEntityMention;

/**
 * An @mention of an entity: an inline chip that shows the entity as it is now (renames follow)
 * and keeps the name it had when inserted, shown if the entity is deleted.
 * No importDOM: pasted HTML can never forge a mention.
 */
export class EntityMentionNode extends DecoratorNode<JSX.Element> {
  __entityId: EntityId;
  __label: string;

  static override getType(): string {
    return ENTITY_MENTION_NODE_TYPE;
  }

  static override clone(node: EntityMentionNode): EntityMentionNode {
    return new EntityMentionNode(node.__entityId, node.__label, node.__key);
  }

  static override importJSON(json: SerializedEntityMentionNode): EntityMentionNode {
    if (json.version !== 1) {
      throw new Error(
        `Unsupported ${ENTITY_MENTION_NODE_TYPE} node version: ${String(json.version)}`,
      );
    }
    if (typeof json.entityId !== 'string' || typeof json.label !== 'string') {
      throw new Error(`Malformed ${ENTITY_MENTION_NODE_TYPE} node`);
    }
    return $createEntityMentionNode(json.entityId, json.label);
  }

  constructor(entityId: EntityId, label: string, key?: NodeKey) {
    super(key);
    this.__entityId = entityId;
    this.__label = label;
  }

  override exportJSON(): SerializedEntityMentionNode {
    return {
      type: ENTITY_MENTION_NODE_TYPE,
      version: 1,
      entityId: this.getLatest().__entityId,
      label: this.getLatest().__label,
    };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const span = document.createElement('span');
    const className: unknown = config.theme['entityMention'];
    if (typeof className === 'string') span.className = className;
    return span;
  }

  override updateDOM(): false {
    return false;
  }

  /** Copying to another application gives the name as plain text. */
  override exportDOM(): DOMExportOutput {
    const span = document.createElement('span');
    span.textContent = this.__label;
    return { element: span };
  }

  getEntityId(): EntityId {
    return this.getLatest().__entityId;
  }

  getLabel(): string {
    return this.getLatest().__label;
  }

  override getTextContent(): string {
    return this.getLatest().__label;
  }

  override isInline(): true {
    return true;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  override decorate(): JSX.Element {
    return <EntityMentionChip entityId={this.__entityId} label={this.__label} />;
  }
}

export function $createEntityMentionNode(entityId: EntityId, label: string): EntityMentionNode {
  return $applyNodeReplacement(new EntityMentionNode(entityId, label));
}

export function $isEntityMentionNode(
  node: LexicalNode | null | undefined,
): node is EntityMentionNode {
  return node instanceof EntityMentionNode;
}

/** The chip: memoised, so an edit elsewhere in a long note re-renders no chip. */
const EntityMentionChip = memo(function EntityMentionChip({
  entityId,
  label,
}: {
  readonly entityId: EntityId;
  readonly label: string;
}) {
  const resolver = useNoteReferences();
  const entity = resolver.entity(entityId);
  if (entity === 'missing') {
    return (
      <span
        className="cf-note-mention cf-note-mention--missing"
        title="This entity no longer exists in the case"
      >
        <span className="cf-visually-hidden">Missing entity: </span>
        {label}
        <span className="cf-note-mention__flag" aria-hidden="true">
          missing
        </span>
      </span>
    );
  }
  if (entity === undefined) {
    return <span className="cf-note-mention cf-note-mention--loading">{label}</span>;
  }
  const info = entityTypeInfo(entity.type);
  return (
    <button
      type="button"
      className="cf-note-mention"
      style={{ borderColor: info.colour }}
      title={`${info.label}: ${entity.name} (open)`}
      onClick={() => resolver.openEntity(entity.id)}
    >
      <Icon name={info.icon} size={13} colour={info.colour} />
      {entity.name}
    </button>
  );
});
