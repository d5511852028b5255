import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  LexicalTypeaheadMenuPlugin,
  MenuOption,
  type MenuRenderFn,
  type MenuTextMatch,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import type { TextNode } from 'lexical';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { entityTypeInfo, type EntityType } from '../../core';
import { Icon } from '../../ui';
import { $insertInlineAtCaret } from '../insertNodes';
import { $createEntityMentionNode } from '../nodes/EntityMentionNode';
import { useNoteReferences } from '../NoteReferencesContext';
import type { MentionTarget } from '../types';

/** How many existing entities the type-ahead lists. */
const MAX_SUGGESTIONS = 8;
/** Longest query after `@` (names with spaces included). */
const MAX_QUERY_LENGTH = 60;
/** Types offered by "Create “name” as …", the common ones for names typed in prose. */
const CREATE_TYPES: readonly EntityType[] = ['Person', 'Organization', 'Location'];

/**
 * `@` at the start of a word, then a name: letters, digits and single spaces (a double space or
 * punctuation ends the query, so the menu does not follow the investigator's whole sentence).
 */
const TRIGGER = new RegExp(
  `(^|\\s|\\()(@((?:[^\\s@.,;:!?()\\[\\]{}"'<>]|\\s(?!\\s)){0,${MAX_QUERY_LENGTH}}))$`,
);

export function matchMention(text: string): MenuTextMatch | null {
  const match = TRIGGER.exec(text);
  if (!match) return null;
  const lead = match[1] ?? '';
  const replaceable = match[2] ?? '';
  const query = match[3] ?? '';
  if (query.startsWith(' ')) return null;
  return {
    leadOffset: match.index + lead.length,
    matchingString: query,
    replaceableString: replaceable,
  };
}

class EntityOption extends MenuOption {
  constructor(readonly entity: MentionTarget) {
    super(`entity:${entity.id}`);
  }
}

class CreateOption extends MenuOption {
  constructor(
    readonly name: string,
    readonly type: EntityType,
  ) {
    super(`create:${type}`);
  }
}

type MentionOption = EntityOption | CreateOption;

/** Type `@` to mention an entity of the case, or create one inline. */
export function MentionsPlugin({
  onNotice,
}: {
  readonly onNotice?: ((message: string) => void) | undefined;
}) {
  const [editor] = useLexicalComposerContext();
  const resolver = useNoteReferences();
  const [query, setQuery] = useState<string | null>(null);
  const notice = useRef(onNotice);
  useEffect(() => {
    notice.current = onNotice;
  });

  const options = useMemo<MentionOption[]>(() => {
    if (query === null) return [];
    const found: MentionOption[] = resolver
      .searchEntities(query, MAX_SUGGESTIONS)
      .map((entity) => new EntityOption(entity));
    const name = query.trim();
    if (name !== '') {
      for (const type of CREATE_TYPES) found.push(new CreateOption(name, type));
    }
    return found;
  }, [resolver, query]);

  const onSelectOption = useCallback(
    (option: MentionOption, textNode: TextNode | null, closeMenu: () => void) => {
      if (option instanceof EntityOption) {
        const mention = $createEntityMentionNode(option.entity.id, option.entity.name);
        if (textNode) textNode.replace(mention);
        else $insertInlineAtCaret(mention);
        mention.selectNext(0, 0);
        closeMenu();
        return;
      }
      // Creating is asynchronous: take the query out now, put the mention in when it exists.
      textNode?.remove();
      closeMenu();
      void resolver.createEntity(option.name, option.type).then((result) => {
        if (!result.ok) {
          notice.current?.(result.error.message);
          return;
        }
        editor.update(() => {
          const mention = $createEntityMentionNode(result.value.id, result.value.name);
          $insertInlineAtCaret(mention);
          mention.selectNext(0, 0);
        });
      });
    },
    [editor, resolver],
  );

  const renderMenu = useCallback<MenuRenderFn<MentionOption>>(
    (anchor, { options: shown, selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
      anchor.current && shown.length > 0 ? (
        <MentionMenu
          anchor={anchor}
          options={shown}
          selectedIndex={selectedIndex}
          onChoose={selectOptionAndCleanUp}
          onHighlight={setHighlightedIndex}
        />
      ) : null,
    [],
  );

  return (
    <LexicalTypeaheadMenuPlugin<MentionOption>
      onQueryChange={setQuery}
      onSelectOption={onSelectOption}
      triggerFn={matchMention}
      options={options}
      menuRenderFn={renderMenu}
      anchorClassName="cf-note-typeahead"
    />
  );
}

function MentionMenu({
  anchor,
  options,
  selectedIndex,
  onChoose,
  onHighlight,
}: {
  readonly anchor: RefObject<HTMLElement | null>;
  readonly options: MentionOption[];
  readonly selectedIndex: number | null;
  readonly onChoose: (option: MentionOption) => void;
  readonly onHighlight: (index: number) => void;
}) {
  useEffect(() => {
    // Lexical makes the anchor the listbox (and names it on each positioning); say what it lists.
    anchor.current?.setAttribute('aria-label', 'Mention an entity');
  });
  const container = anchor.current;
  if (!container) return null;
  return createPortal(
    <ul className="cf-note-typeahead__list" role="presentation">
      {options.map((option, index) => {
        const create = option instanceof CreateOption;
        const type = create ? option.type : option.entity.type;
        const info = entityTypeInfo(type);
        return (
          <li
            key={option.key}
            id={`typeahead-item-${index}`}
            ref={(element) => option.setRefElement(element)}
            role="option"
            aria-selected={selectedIndex === index}
            tabIndex={-1}
            className={`cf-note-typeahead__option${create ? ' cf-note-typeahead__option--create' : ''}`}
            onMouseEnter={() => onHighlight(index)}
            // Keep the caret in the editor while choosing with the mouse.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              onHighlight(index);
              onChoose(option);
            }}
          >
            <Icon name={info.icon} size={14} colour={info.colour} />
            {create ? (
              <span>
                Create “{option.name}” as {info.label}
              </span>
            ) : (
              <>
                <span>{option.entity.name}</span>
                <span className="cf-note-typeahead__type">{info.label}</span>
              </>
            )}
          </li>
        );
      })}
    </ul>,
    container,
  );
}
