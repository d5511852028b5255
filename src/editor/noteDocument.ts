import {
  $createParagraphNode,
  $getRoot,
  $parseSerializedNode,
  type LexicalEditor,
  type SerializedLexicalNode,
} from 'lexical';
import {
  NOTE_FORMAT,
  NOTE_FORMAT_VERSION,
  type NoteDocument,
  type NoteEditorStateJson,
} from '../core';

/** The editor's content as a NoteDocument (the versioned envelope stored in a note). */
export function noteDocumentFromEditor(editor: LexicalEditor): NoteDocument {
  // Lexical's serialized nodes are plain JSON objects: the NoteJsonNode shape core reads.
  const editorState = editor.getEditorState().toJSON() as unknown as NoteEditorStateJson;
  return { format: NOTE_FORMAT, version: NOTE_FORMAT_VERSION, editorState };
}

/**
 * Replaces the root's content with a NoteDocument's (inside an editor update). Throws when the
 * document holds a node type this editor does not know or a node version it cannot read.
 * An empty document gets one paragraph so that there is somewhere to type.
 */
export function $loadNoteDocument(document: NoteDocument): void {
  const root = $getRoot();
  const children = (document.editorState.root.children ?? []).map((child) =>
    $parseSerializedNode(child as unknown as SerializedLexicalNode),
  );
  root.clear();
  if (children.length === 0) children.push($createParagraphNode());
  root.append(...children);
}
