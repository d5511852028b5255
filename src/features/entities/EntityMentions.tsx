import { useMemo, useState } from 'react';
import {
  DEFAULT_CONTEXT_LENGTH,
  type CaseId,
  type EntityId,
  type EntityType,
  type MentionInContext,
  type PassageId,
  type SourceId,
} from '../../core';
import { Banner, Button } from '../../ui';
import { useStorage, useStorageQuery } from '../storage';
import { EntityPicker, type EntityPickChoice } from './EntityPicker';
import { plural } from './format';

/** Mentions rendered before "Show all": a long list of quotes is read a page at a time anyway. */
const FIRST_MENTIONS = 200;

interface SourceGroup {
  readonly sourceId: SourceId;
  readonly title: string;
  readonly mentions: MentionInContext[];
}

function groupBySource(mentions: readonly MentionInContext[]): SourceGroup[] {
  const groups = new Map<SourceId, SourceGroup>();
  for (const mention of mentions) {
    const id = mention.passage.sourceId;
    let group = groups.get(id);
    if (!group) {
      group = { sourceId: id, title: mention.sourceTitle, mentions: [] };
      groups.set(id, group);
    }
    group.mentions.push(mention);
  }
  return [...groups.values()];
}

/**
 * The stored context (core's quote selector) is cut at a fixed length, often mid-word: show it
 * from the first whole word and up to the last one, with an ellipsis only where it was cut (a
 * shorter context reaches the start or end of the text).
 */
export function trimContext(
  before: string,
  after: string,
): { readonly before: string; readonly after: string } {
  const cut = DEFAULT_CONTEXT_LENGTH - 1;
  let shownBefore = before;
  if (before.length >= cut) {
    const firstBreak = before.search(/\s/);
    shownBefore = `…${firstBreak >= 0 && firstBreak < before.length - 1 ? before.slice(firstBreak + 1) : before}`;
  }
  let shownAfter = after;
  if (after.length >= cut) {
    const lastBreak = Math.max(after.lastIndexOf(' '), after.lastIndexOf('\n'));
    shownAfter = `${lastBreak > 0 ? after.slice(0, lastBreak) : after}…`;
  }
  return { before: shownBefore, after: shownAfter };
}

export interface EntityMentionsProps {
  readonly caseId: CaseId;
  readonly entityId: EntityId;
  readonly entityType: EntityType;
  readonly readOnly: boolean;
  readonly onOpenPassage: (sourceId: SourceId, passageId: PassageId) => void;
}

/**
 * Every mention of the entity in context, grouped by source (with its title and page): the quote
 * highlighted between the words around it. Each opens the source at the passage, and can be
 * moved to another entity (split).
 */
export function EntityMentions({
  caseId,
  entityId,
  entityType,
  readOnly,
  onOpenPassage,
}: EntityMentionsProps) {
  const { storage, changed } = useStorage();
  const mentions = useStorageQuery((s) => s.entities.mentions(entityId), [entityId]);
  const [showAll, setShowAll] = useState(false);
  const [moving, setMoving] = useState<MentionInContext | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = useMemo(() => (mentions.status === 'ready' ? mentions.value : []), [mentions]);
  const groups = useMemo(
    () => groupBySource(showAll ? list : list.slice(0, FIRST_MENTIONS)),
    [list, showAll],
  );

  async function move(choice: EntityPickChoice): Promise<string | null> {
    if (!moving) return null;
    const result = await storage.entities.splitMention(moving.passage.id, choice);
    if (!result.ok) return result.error.message;
    setMoving(null);
    setNotice(`Moved “${moving.passage.quote.exact}” to another entity.`);
    changed();
    return null;
  }

  return (
    <section className="cf-entity-section" aria-label="Mentions">
      <h3>
        Mentions
        {mentions.status === 'ready' ? (
          <span className="cf-muted cf-count"> {list.length.toLocaleString()}</span>
        ) : null}
      </h3>
      {notice ? <Banner tone="info">{notice}</Banner> : null}
      {mentions.status === 'loading' ? <p role="status">Reading mentions…</p> : null}
      {mentions.status === 'failed' ? (
        <p role="alert" className="cf-field__error">
          Could not read the mentions: {mentions.message}
        </p>
      ) : null}
      {mentions.status === 'ready' && list.length === 0 ? (
        <p className="cf-muted">
          No mentions yet: select text in a source and tag it as this entity, or accept a
          suggestion.
        </p>
      ) : null}
      {groups.map((group) => (
        <div key={group.sourceId} className="cf-mention-group">
          <h4 className="cf-mention-group__title">
            {group.title}
            <span className="cf-muted">
              {' '}
              · {plural(group.mentions.length, 'mention', 'mentions')}
            </span>
          </h4>
          <ul className="cf-mention-list">
            {group.mentions.map((mention) => (
              <li key={mention.passage.id} className="cf-mention">
                <button
                  type="button"
                  className="cf-mention__quote"
                  title="Open the source at this passage"
                  onClick={() => onOpenPassage(mention.passage.sourceId, mention.passage.id)}
                >
                  {mention.page !== undefined ? (
                    <span className="cf-mention__page">p. {mention.page}</span>
                  ) : null}
                  <MentionContext mention={mention} />
                </button>
                <div className="cf-mention__actions">
                  {mention.passage.orphaned ? (
                    <span
                      className="cf-mention__orphaned"
                      title="The quote is no longer found in the source text; kept, not dropped."
                    >
                      Orphaned
                    </span>
                  ) : null}
                  <Button
                    variant="ghost"
                    className="cf-mention__move"
                    disabled={readOnly}
                    onClick={() => {
                      setNotice(null);
                      setMoving(mention);
                    }}
                  >
                    Move to another entity…
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {!showAll && list.length > FIRST_MENTIONS ? (
        <Button onClick={() => setShowAll(true)}>
          Show all {list.length.toLocaleString()} mentions
        </Button>
      ) : null}
      {moving ? (
        <EntityPicker
          caseId={caseId}
          title={`Move “${moving.passage.quote.exact.slice(0, 60)}” to…`}
          initialName={moving.passage.quote.exact}
          exclude={[entityId]}
          initialType={entityType}
          onPick={move}
          onCancel={() => setMoving(null)}
        />
      ) : null}
    </section>
  );
}

function MentionContext({ mention }: { readonly mention: MentionInContext }) {
  const { before, after } = trimContext(mention.before, mention.after);
  return (
    <span className="cf-mention__context">
      {before}
      <mark>{mention.passage.quote.exact}</mark>
      {after}
    </span>
  );
}
