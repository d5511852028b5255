/** Public API of the notebook feature (README.md). Other features import only from here. */
import './notebook.css';

export { NotebookArea, type NotebookAreaProps } from './NotebookArea';
export { NoteBacklinks, type NoteBacklinksProps } from './NoteBacklinks';
export {
  QuoteInNoteDialog,
  type QuoteInNoteDialogProps,
  type QuoteSource,
} from './QuoteInNoteDialog';
export { flushOpenNotes } from './openNotes';
