import { ChevronDown, ChevronUp, TextSelect, X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { FindInSource } from './useFindInSource';

export interface FindBarProps {
  readonly find: FindInSource;
  /** Closes the bar and selects the current match in the text (Alt+Enter): the keyboard's way to select. */
  readonly onSelectMatch?: (() => void) | undefined;
}

/** "3 of 17", "10,000+" past the limit. */
export function findCount(find: FindInSource): string {
  if (!find.searched) return '';
  const total = find.matches.length;
  if (total === 0) return 'No matches';
  const shown = `${total.toLocaleString('en')}${find.truncated ? '+' : ''}`;
  return `${(find.currentIndex ?? 0) + 1} of ${shown}`;
}

/**
 * The reader's find bar: a search box, the match count, previous / next and close. Enter and
 * Shift+Enter (or F3 / Shift+F3, handled by the reader) step through the matches; Escape closes
 * the bar and returns focus where it was. The query uses the case-wide search syntax.
 */
export function FindBar({ find, onSelectMatch }: FindBarProps) {
  const input = useRef<HTMLInputElement>(null);
  const { focusRequest } = find;

  // Focus (with the query selected) when opened and at each Mod+F; on close, give focus back.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      if (opener?.isConnected && !opener.closest('.cf-find')) opener.focus();
    };
  }, []);
  useEffect(() => {
    if (focusRequest === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);

  const messageId = useId();

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.altKey) {
      if (find.current) onSelectMatch?.();
    } else if (event.shiftKey) find.previous();
    else find.next();
  }

  /** Escape anywhere in the bar (the field or its buttons) closes it. */
  function onBarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    // Not the search field's own Escape either (it would clear the query kept for reopening).
    event.preventDefault();
    event.stopPropagation();
    find.close();
  }

  const count = findCount(find);
  const canMove = find.matches.length > 0;
  return (
    <div
      className="cf-find"
      role="search"
      aria-label="Find in this source"
      onKeyDown={onBarKeyDown}
    >
      <div className="cf-find__row">
        <input
          ref={input}
          className="cf-find__input"
          type="search"
          aria-label="Find in this source"
          placeholder="Find in this source"
          value={find.query}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => find.setQuery(event.target.value)}
          onKeyDown={onInputKeyDown}
          aria-describedby={find.message ? messageId : undefined}
        />
        <span
          className="cf-find__count"
          role="status"
          aria-live="polite"
          aria-busy={find.busy && find.query.trim() !== '' ? true : undefined}
        >
          {find.busy && find.query.trim() !== '' && !count ? 'Searching…' : count}
        </span>
        <button
          type="button"
          className="cf-find__button"
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
          disabled={!canMove}
          onClick={find.previous}
        >
          <ChevronUp size={16} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="cf-find__button"
          aria-label="Next match"
          title="Next match (Enter)"
          disabled={!canMove}
          onClick={find.next}
        >
          <ChevronDown size={16} aria-hidden="true" />
        </button>
        {onSelectMatch ? (
          <button
            type="button"
            className="cf-find__button"
            aria-label="Select match"
            aria-keyshortcuts="Alt+Enter"
            title="Select this match in the text, to tag or claim it (Alt+Enter)"
            disabled={find.current === undefined}
            onClick={onSelectMatch}
          >
            <TextSelect size={16} aria-hidden="true" />
          </button>
        ) : null}
        <button
          type="button"
          className="cf-find__button"
          aria-label="Close find"
          title="Close (Escape)"
          onClick={find.close}
        >
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      {find.message ? (
        <p id={messageId} className={`cf-find__message cf-find__message--${find.message.tone}`}>
          {find.message.text}
        </p>
      ) : null}
    </div>
  );
}
