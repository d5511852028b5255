import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
} from 'lexical';
import { useEffect, useRef } from 'react';
import type { PassageId } from '../../core';
import { $insertBlockAtCaret } from '../insertNodes';
import { $createEvidenceQuoteNode } from '../nodes/EvidenceQuoteNode';
import { useNoteReferences } from '../NoteReferencesContext';
import { PASSAGE_DRAG_TYPE } from '../types';

function carriesPassage(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes(PASSAGE_DRAG_TYPE) ?? false;
}

/** The DOM caret under the pointer (Chromium: caretRangeFromPoint; others: caretPositionFromPoint). */
function caretRangeAt(x: number, y: number): Range | null {
  if (typeof document.caretRangeFromPoint === 'function') return document.caretRangeFromPoint(x, y);
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    if (!position) return null;
    const range = document.createRange();
    range.setStart(position.offsetNode, position.offset);
    return range;
  }
  return null;
}

/** A passage dragged from the reader (PASSAGE_DRAG_TYPE) becomes a quote where it is dropped. */
export function DropPassagePlugin({
  onNotice,
}: {
  readonly onNotice?: ((message: string) => void) | undefined;
}) {
  const [editor] = useLexicalComposerContext();
  const resolver = useNoteReferences();
  const latest = useRef({ resolver, onNotice });
  useEffect(() => {
    latest.current = { resolver, onNotice };
  });

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!carriesPassage(event) || !editor.isEditable()) return false;
            event.preventDefault();
            if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const passageId = event.dataTransfer?.getData(PASSAGE_DRAG_TYPE);
            if (!passageId || !editor.isEditable()) return false;
            event.preventDefault();
            const range = caretRangeAt(event.clientX, event.clientY);
            if (range && editor.getRootElement()?.contains(range.startContainer)) {
              try {
                const selection = $createRangeSelection();
                selection.applyDOMRange(range);
                $setSelection(selection);
              } catch {
                // Dropped on something without a text position (a card): insert at the caret.
              }
            }
            void latest.current.resolver.quoteFor(passageId as PassageId).then((result) => {
              if (!result.ok) {
                latest.current.onNotice?.(result.error.message);
                return;
              }
              editor.update(() => $insertBlockAtCaret($createEvidenceQuoteNode(result.value)));
            });
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );

  return null;
}
