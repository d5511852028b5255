import { $createCodeNode, $isCodeNode } from '@lexical/code';
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import {
  INSERT_CHECK_LIST_COMMAND,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode';
import {
  $createHeadingNode,
  $createQuoteNode,
  $isHeadingNode,
  $isQuoteNode,
  type HeadingTagType,
} from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { INSERT_TABLE_COMMAND } from '@lexical/table';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Icon } from '../../ui';
import { LinkDialog } from './LinkDialog';

type BlockType =
  'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'code' | 'bullet' | 'number' | 'check';

const BLOCK_LABELS: ReadonlyArray<readonly [BlockType, string]> = [
  ['paragraph', 'Paragraph'],
  ['h1', 'Heading 1'],
  ['h2', 'Heading 2'],
  ['h3', 'Heading 3'],
  ['quote', 'Quote'],
  ['code', 'Code block'],
];

const TEXT_FORMATS: ReadonlyArray<readonly [TextFormatType, string, ReactNode]> = [
  ['bold', 'Bold', <b key="b">B</b>],
  ['italic', 'Italic', <i key="i">I</i>],
  ['underline', 'Underline', <u key="u">U</u>],
  ['strikethrough', 'Strikethrough', <s key="s">S</s>],
  ['code', 'Inline code', <code key="c">{'<>'}</code>],
];

interface ToolbarState {
  readonly blockType: BlockType;
  readonly formats: ReadonlySet<TextFormatType>;
  readonly link: string | null;
}

const EMPTY_STATE: ToolbarState = { blockType: 'paragraph', formats: new Set(), link: null };

/** Reads the toolbar's state from the selection: O(1) in the document's size. */
function $readToolbarState(): ToolbarState | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const block = $isRootOrShadowRoot(anchor) ? null : anchor.getTopLevelElement();
  let blockType: BlockType = 'paragraph';
  const list = $getNearestNodeOfType(anchor, ListNode);
  if (list) blockType = list.getListType();
  else if ($isHeadingNode(block)) {
    const tag = block.getTag();
    blockType = tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'h3';
  } else if ($isQuoteNode(block)) blockType = 'quote';
  else if ($isCodeNode(block)) blockType = 'code';
  const formats = new Set<TextFormatType>();
  for (const [format] of TEXT_FORMATS) if (selection.hasFormat(format)) formats.add(format);
  const parent = anchor.getParent();
  const linkNode = $isLinkNode(parent) ? parent : $isLinkNode(anchor) ? anchor : null;
  return { blockType, formats, link: linkNode ? linkNode.getURL() : null };
}

function sameState(a: ToolbarState, b: ToolbarState): boolean {
  if (a.blockType !== b.blockType || a.link !== b.link || a.formats.size !== b.formats.size) {
    return false;
  }
  for (const format of a.formats) if (!b.formats.has(format)) return false;
  return true;
}

function ToolButton({
  label,
  pressed,
  disabled,
  onClick,
  children,
}: {
  readonly label: string;
  readonly pressed?: boolean | undefined;
  readonly disabled?: boolean | undefined;
  readonly onClick: () => void;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="cf-note-toolbar__button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      // Keep the editor's selection: a mousedown on the button would otherwise take focus.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The note's formatting toolbar. */
export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_STATE);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [linkDialog, setLinkDialog] = useState<{ url: string; editing: boolean } | null>(null);

  const refresh = useCallback(() => {
    const next = $readToolbarState();
    if (next) setState((previous) => (sameState(previous, next) ? previous : next));
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            refresh();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (payload) => {
            setCanUndo(payload);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (payload) => {
            setCanRedo(payload);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  function setBlockType(type: BlockType) {
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (type === 'paragraph') $setBlocksType(selection, () => $createParagraphNode());
      else if (type === 'quote') $setBlocksType(selection, () => $createQuoteNode());
      else if (type === 'code') $setBlocksType(selection, () => $createCodeNode());
      else if (type === 'h1' || type === 'h2' || type === 'h3') {
        const tag: HeadingTagType = type;
        $setBlocksType(selection, () => $createHeadingNode(tag));
      }
    });
  }

  function toggleList(type: 'bullet' | 'number' | 'check') {
    if (state.blockType === type) {
      editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      return;
    }
    const command =
      type === 'bullet'
        ? INSERT_UNORDERED_LIST_COMMAND
        : type === 'number'
          ? INSERT_ORDERED_LIST_COMMAND
          : INSERT_CHECK_LIST_COMMAND;
    editor.dispatchCommand(command, undefined);
  }

  const isList =
    state.blockType === 'bullet' || state.blockType === 'number' || state.blockType === 'check';

  return (
    <div className="cf-note-toolbar" role="toolbar" aria-label="Formatting">
      <ToolButton
        label="Undo"
        disabled={!canUndo}
        onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
      >
        ↶
      </ToolButton>
      <ToolButton
        label="Redo"
        disabled={!canRedo}
        onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
      >
        ↷
      </ToolButton>
      <span className="cf-note-toolbar__separator" aria-hidden="true" />
      <select
        className="cf-select cf-select--small cf-note-toolbar__select"
        aria-label="Block type"
        value={isList ? '' : state.blockType}
        onChange={(event) => setBlockType(event.target.value as BlockType)}
      >
        {isList ? <option value="">List</option> : null}
        {BLOCK_LABELS.map(([type, label]) => (
          <option key={type} value={type}>
            {label}
          </option>
        ))}
      </select>
      <span className="cf-note-toolbar__separator" aria-hidden="true" />
      {TEXT_FORMATS.map(([format, label, glyph]) => (
        <ToolButton
          key={format}
          label={label}
          pressed={state.formats.has(format)}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {glyph}
        </ToolButton>
      ))}
      <ToolButton
        label="Link"
        pressed={state.link !== null}
        onClick={() =>
          setLinkDialog({ url: state.link ?? 'https://', editing: state.link !== null })
        }
      >
        <Icon name="url" size={15} />
      </ToolButton>
      <span className="cf-note-toolbar__separator" aria-hidden="true" />
      <ToolButton
        label="Bulleted list"
        pressed={state.blockType === 'bullet'}
        onClick={() => toggleList('bullet')}
      >
        •≡
      </ToolButton>
      <ToolButton
        label="Numbered list"
        pressed={state.blockType === 'number'}
        onClick={() => toggleList('number')}
      >
        1.
      </ToolButton>
      <ToolButton
        label="Check list"
        pressed={state.blockType === 'check'}
        onClick={() => toggleList('check')}
      >
        ☑
      </ToolButton>
      <span className="cf-note-toolbar__separator" aria-hidden="true" />
      <ToolButton
        label="Insert table"
        onClick={() =>
          editor.dispatchCommand(INSERT_TABLE_COMMAND, {
            rows: '3',
            columns: '3',
            includeHeaders: true,
          })
        }
      >
        ▦
      </ToolButton>
      <ToolButton
        label="Insert horizontal rule"
        onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}
      >
        ―
      </ToolButton>
      {linkDialog ? (
        <LinkDialog
          initialUrl={linkDialog.url}
          onClose={() => {
            setLinkDialog(null);
            editor.focus();
          }}
          onRemove={
            linkDialog.editing
              ? () => {
                  editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
                  setLinkDialog(null);
                }
              : undefined
          }
          onSubmit={(url) => {
            editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
            setLinkDialog(null);
          }}
        />
      ) : null}
    </div>
  );
}
