import { createContext, useContext, type ReactNode } from 'react';
import { createInlineImporter, type InteropImporter } from './importer';

/** Where no worker is given (component tests): files are parsed on this thread. */
const INLINE_IMPORTER = createInlineImporter();

const ImporterContext = createContext<InteropImporter>(INLINE_IMPORTER);

/** Hands the import parsers (a worker in the app, src/app/interopClient.ts) to the import dialog. */
export function InteropImporterProvider({
  importer,
  children,
}: {
  /** Undefined: parse on this thread. */
  readonly importer: InteropImporter | undefined;
  readonly children: ReactNode;
}) {
  return (
    <ImporterContext.Provider value={importer ?? INLINE_IMPORTER}>
      {children}
    </ImporterContext.Provider>
  );
}

export function useInteropImporter(): InteropImporter {
  return useContext(ImporterContext);
}
