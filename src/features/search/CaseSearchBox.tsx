import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { registerSearchField } from './focusCaseSearch';
import { searchShortcutAria, searchShortcutLabel } from './format';

export interface CaseSearchBoxProps {
  /** Enter: open the search area with this query. */
  readonly onSearch: (query: string) => void;
}

/**
 * The small "Search this case" box in the workspace header (Mod+Shift+F focuses it). Enter opens
 * the Search area with the query; Escape clears the box and leaves it.
 */
export function CaseSearchBox({ onSearch }: CaseSearchBoxProps) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');

  useEffect(() => registerSearchField(() => input.current?.focus()), []);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (text.trim() === '') return;
      onSearch(text);
      setText('');
    } else if (event.key === 'Escape') {
      setText('');
      input.current?.blur();
    }
  }

  return (
    <div className="cf-case-search" role="search">
      <input
        ref={input}
        type="search"
        className="cf-search cf-case-search__input"
        aria-label="Search this case"
        aria-keyshortcuts={searchShortcutAria()}
        placeholder={`Search this case (${searchShortcutLabel()})`}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
