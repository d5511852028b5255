import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  PASTE_COMMAND,
  PASTE_TAG,
} from 'lexical';
import { useEffect, useRef } from 'react';
import { MAX_NOTE_PASTE_LENGTH } from '../../core';
import { stripEventHandlers } from '../pasteHtml';

/** The clipboard flavours Lexical's rich-text paste reads. */
const FLAVOURS = ['text/html', 'text/plain', 'text/uri-list', 'application/x-lexical-editor'];

/** Human size of the paste cap, e.g. "2 MB". */
const LIMIT_TEXT = `${Math.round(MAX_NOTE_PASTE_LENGTH / (1024 * 1024))} MB`;

/** The clipboard as Lexical's import reads it, with event handlers taken out of the HTML. */
function withoutEventHandlers(data: DataTransfer): DataTransfer {
  const html = stripEventHandlers(data.getData('text/html'));
  const view = {
    types: data.types,
    files: data.files,
    items: data.items,
    getData: (type: string) => (type === 'text/html' ? html : data.getData(type)),
  };
  return view as unknown as DataTransfer;
}

/**
 * Refuses pastes (and drops from other applications) longer than MAX_NOTE_PASTE_LENGTH (the
 * editor would stall on them) with a message. Everything else goes to Lexical's own import, whose HTML parsing happens in an inert
 * document (no script runs, no image loads) and creates only registered nodes; event-handler
 * attributes are taken out of the HTML first so that parsing reports no CSP violations.
 */
export function PastePlugin({
  onNotice,
}: {
  readonly onNotice?: ((message: string) => void) | undefined;
}) {
  const [editor] = useLexicalComposerContext();
  const notice = useRef(onNotice);
  useEffect(() => {
    notice.current = onNotice;
  });

  useEffect(() => {
    /** True (and a notice shown) when the clipboard or drag data is over the cap. */
    function refuseOversize(data: DataTransfer): boolean {
      const longest = Math.max(0, ...FLAVOURS.map((type) => data.getData(type).length));
      if (longest <= MAX_NOTE_PASTE_LENGTH) return false;
      notice.current?.(
        `The pasted text is too long for a note (over ${LIMIT_TEXT}). Import it as a source instead.`,
      );
      return true;
    }
    return mergeRegister(
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          if (!data) return false;
          if (refuseOversize(data)) {
            event.preventDefault();
            return true;
          }
          if (data.getData('text/html') === '' || $getSelection() === null) return false;
          event.preventDefault();
          const cleaned = withoutEventHandlers(data);
          editor.update(
            () => {
              const selection = $getSelection();
              if (selection) $insertDataTransferForRichText(cleaned, selection, editor);
            },
            // Its own undo step, as Lexical's paste.
            { tag: PASTE_TAG },
          );
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      // Material dragged in from another application arrives as an insertFromDrop input event.
      editor.registerCommand(
        CONTROLLED_TEXT_INSERTION_COMMAND,
        (eventOrText) => {
          if (typeof eventOrText === 'string') return false;
          const data = eventOrText.dataTransfer;
          if (!data) return false;
          if (refuseOversize(data)) {
            eventOrText.preventDefault();
            return true;
          }
          const selection = $getSelection();
          if (data.getData('text/html') === '' || selection === null) return false;
          $insertDataTransferForRichText(withoutEventHandlers(data), selection, editor);
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    );
  }, [editor]);

  return null;
}
