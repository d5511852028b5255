import { $insertNodeToNearestRoot } from '@lexical/utils';
import {
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  type LexicalNode,
} from 'lexical';

/** Puts a block node (quote, claim) at the caret, or at the end when the editor has no caret. */
export function $insertBlockAtCaret(node: LexicalNode): void {
  if (!$getSelection()) $getRoot().selectEnd();
  $insertNodeToNearestRoot(node);
}

/** Puts an inline node (mention) at the caret, or at the end when the editor has no caret. */
export function $insertInlineAtCaret(node: LexicalNode): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) $getRoot().selectEnd();
  $insertNodes([node]);
}
