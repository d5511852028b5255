import { createContext, useContext, type ReactNode } from 'react';
import type { NoteReferenceResolver } from './types';

const NoteReferencesContext = createContext<NoteReferenceResolver | null>(null);

/** Gives the evidence-aware nodes of a note their resolver (live entities, passages, claims). */
export function NoteReferencesProvider({
  resolver,
  children,
}: {
  readonly resolver: NoteReferenceResolver;
  readonly children: ReactNode;
}) {
  return (
    <NoteReferencesContext.Provider value={resolver}>{children}</NoteReferencesContext.Provider>
  );
}

/** The resolver of the note being edited; nodes render only inside a NoteReferencesProvider. */
export function useNoteReferences(): NoteReferenceResolver {
  const resolver = useContext(NoteReferencesContext);
  if (!resolver)
    throw new Error('useNoteReferences needs a NoteReferencesProvider around the editor.');
  return resolver;
}
