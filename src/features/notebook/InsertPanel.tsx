import { GripVertical, Unlink } from 'lucide-react';
import { useMemo, useState, type DragEvent } from 'react';
import { foldForSearch } from '../../core';
import { PASSAGE_DRAG_TYPE, type ClaimTarget, type QuoteTarget } from '../../editor';
import { claimLabel } from './caseReferences';
import { shortQuote } from './format';

/** Longest list drawn; a search narrows the rest down. */
const SHOWN = 150;

type Tab = 'passages' | 'claims';

export interface InsertPanelProps {
  readonly passages: readonly QuoteTarget[];
  readonly claims: readonly ClaimTarget[];
  readonly onInsertPassage: (passage: QuoteTarget) => void;
  readonly onInsertClaim: (claim: ClaimTarget) => void;
}

/**
 * What can go into the note: the case's passages (drag one into the text, or Insert at the
 * cursor) and its claims (Insert embeds a live claim card).
 */
export function InsertPanel({
  passages,
  claims,
  onInsertPassage,
  onInsertClaim,
}: InsertPanelProps) {
  const [tab, setTab] = useState<Tab>('passages');
  const [query, setQuery] = useState('');
  const wanted = foldForSearch(query.trim());

  const foundPassages = useMemo(
    () =>
      wanted === ''
        ? passages
        : passages.filter(
            (p) =>
              foldForSearch(p.quote).includes(wanted) ||
              foldForSearch(p.sourceTitle).includes(wanted),
          ),
    [passages, wanted],
  );
  const foundClaims = useMemo(
    () =>
      wanted === '' ? claims : claims.filter((c) => foldForSearch(claimLabel(c)).includes(wanted)),
    [claims, wanted],
  );
  const count = tab === 'passages' ? foundPassages.length : foundClaims.length;

  return (
    <aside className="cf-notebook__insert" aria-label="Insert">
      <div role="tablist" aria-label="Insert from" className="cf-side-tabs">
        {(['passages', 'claims'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`insert-tab-${id}`}
            aria-controls={`insert-panel-${id}`}
            aria-selected={tab === id}
            onClick={() => setTab(id)}
          >
            {id === 'passages' ? 'Passages' : 'Claims'}
            <span className="cf-count">
              {(id === 'passages' ? passages.length : claims.length).toLocaleString()}
            </span>
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`insert-panel-${tab}`}
        aria-labelledby={`insert-tab-${tab}`}
        className="cf-notebook__insert-body"
      >
        <input
          type="search"
          className="cf-search"
          aria-label={tab === 'passages' ? 'Search passages' : 'Search claims'}
          placeholder={tab === 'passages' ? 'Search passages' : 'Search claims'}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {tab === 'passages' ? (
          <>
            <p className="cf-muted cf-notebook__insert-hint">
              {passages.length === 0
                ? 'No passages yet: highlight text in a source to quote it here.'
                : 'Drag a passage into the note, or Insert it at the cursor.'}
            </p>
            <ul className="cf-notebook__insert-list" aria-label="Passages">
              {foundPassages.slice(0, SHOWN).map((passage) => (
                <PassageRow key={passage.passageId} passage={passage} onInsert={onInsertPassage} />
              ))}
            </ul>
          </>
        ) : (
          <>
            {claims.length === 0 ? (
              <p className="cf-muted cf-notebook__insert-hint">No claims in this case yet.</p>
            ) : null}
            <ul className="cf-notebook__insert-list" aria-label="Claims">
              {foundClaims.slice(0, SHOWN).map((claim) => (
                <li key={claim.id} className="cf-notebook__insert-item">
                  <span className="cf-notebook__claim">{claimLabel(claim)}</span>
                  <span className="cf-muted cf-notebook__insert-meta">
                    {claim.grade ?? 'Analyst assertion'} · {claim.status}
                  </span>
                  <button
                    type="button"
                    className="cf-button cf-button--secondary cf-notebook__insert-button"
                    onClick={() => onInsertClaim(claim)}
                  >
                    Insert
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {count > SHOWN ? (
          <p className="cf-muted" role="status">
            Showing {SHOWN} of {count.toLocaleString()}: search to narrow the list.
          </p>
        ) : null}
        {count === 0 && wanted !== '' ? (
          <p className="cf-muted" role="status">
            Nothing matches “{query.trim()}”.
          </p>
        ) : null}
      </div>
    </aside>
  );
}

function PassageRow({
  passage,
  onInsert,
}: {
  readonly passage: QuoteTarget;
  readonly onInsert: (passage: QuoteTarget) => void;
}) {
  function onDragStart(event: DragEvent<HTMLLIElement>) {
    event.dataTransfer.setData(PASSAGE_DRAG_TYPE, passage.passageId);
    // Other apps get the words themselves.
    event.dataTransfer.setData('text/plain', passage.quote);
    event.dataTransfer.effectAllowed = 'copy';
  }
  return (
    <li
      className="cf-notebook__insert-item cf-notebook__insert-item--draggable"
      draggable
      onDragStart={onDragStart}
      data-passage-id={passage.passageId}
    >
      <GripVertical size={14} aria-hidden="true" className="cf-notebook__grip" />
      <blockquote className="cf-notebook__quote">{shortQuote(passage.quote)}</blockquote>
      <span className="cf-muted cf-notebook__insert-meta">
        {passage.sourceTitle}
        {passage.page !== undefined ? ` · p. ${passage.page}` : ''} · reliability{' '}
        {passage.reliability}
        {passage.orphaned ? (
          <>
            {' · '}
            <Unlink size={12} aria-hidden="true" /> no longer found in the source
          </>
        ) : null}
      </span>
      <button
        type="button"
        className="cf-button cf-button--secondary cf-notebook__insert-button"
        onClick={() => onInsert(passage)}
      >
        Insert
      </button>
    </li>
  );
}
