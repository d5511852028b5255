export { NoteEditor } from './NoteEditor';
export {
  PASSAGE_DRAG_TYPE,
  type ClaimTarget,
  type MentionTarget,
  type NoteEditorHandle,
  type NoteEditorProps,
  type NoteReferenceResolver,
  type NoteSaveStatus,
  type QuoteTarget,
} from './types';
export { NoteReferencesProvider, useNoteReferences } from './NoteReferencesContext';
export { NOTE_NODES } from './noteNodes';
export { noteDocumentFromEditor, $loadNoteDocument } from './noteDocument';
export { noteJournalKey } from './plugins/AutosavePlugin';
export {
  EntityMentionNode,
  $createEntityMentionNode,
  $isEntityMentionNode,
  type SerializedEntityMentionNode,
} from './nodes/EntityMentionNode';
export {
  EvidenceQuoteNode,
  $createEvidenceQuoteNode,
  $isEvidenceQuoteNode,
  type SerializedEvidenceQuoteNode,
} from './nodes/EvidenceQuoteNode';
export {
  ClaimNode,
  $createClaimNode,
  $isClaimNode,
  type SerializedClaimNode,
} from './nodes/ClaimNode';
