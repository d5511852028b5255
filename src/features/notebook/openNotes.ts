import type { NoteEditorHandle } from '../../editor';

/** Every mounted note editor, so the app can save them all before it closes. */
const openEditors = new Set<NoteEditorHandle>();

/** Registers a mounted editor; call the returned function when it unmounts. */
export function registerOpenNote(handle: NoteEditorHandle): () => void {
  openEditors.add(handle);
  return () => {
    openEditors.delete(handle);
  };
}

/**
 * Saves the pending edits of every open note and resolves once they are stored. The app calls it
 * before quitting or hiding (the editor also flushes itself on unmount and on page hide); a
 * failed save is shown by its editor, so it does not stop the others.
 */
export async function flushOpenNotes(): Promise<void> {
  await Promise.allSettled([...openEditors].map((handle) => handle.flush()));
}
