import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import { $createParagraphNode, $getRoot } from 'lexical';
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type ForwardedRef,
} from 'react';
import type { ClaimId, NoteDocument } from '../core';
import { isAllowedLinkUrl } from './links';
import { $insertBlockAtCaret, $insertInlineAtCaret } from './insertNodes';
import { NOTE_MARKDOWN_TRANSFORMERS } from './markdown';
import { $createClaimNode } from './nodes/ClaimNode';
import { $createEntityMentionNode } from './nodes/EntityMentionNode';
import { $createEvidenceQuoteNode } from './nodes/EvidenceQuoteNode';
import { $loadNoteDocument } from './noteDocument';
import { NOTE_NODES } from './noteNodes';
import { NoteReferencesProvider } from './NoteReferencesContext';
import { AutosavePlugin, takeNoteJournal, type AutosaveController } from './plugins/AutosavePlugin';
import { DropPassagePlugin } from './plugins/DropPassagePlugin';
import { InertLinksPlugin } from './plugins/InertLinksPlugin';
import { MentionsPlugin } from './plugins/MentionsPlugin';
import { PastePlugin } from './plugins/PastePlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';
import { NOTE_EDITOR_THEME } from './theme';
import type { NoteEditorHandle, NoteEditorProps } from './types';
import './editor.css';

/** How the note opened: its document (maybe from a recovery journal) and whether it loaded. */
interface Opening {
  readonly document: NoteDocument;
  readonly fromJournal: boolean;
  loadError: string | null;
}

/**
 * The case-note editor: Lexical rich text with Casefile's evidence-aware nodes, toolbar,
 * Markdown shortcuts, @mentions, sanitised paste, passage drops and autosave.
 */
export const NoteEditor = forwardRef<NoteEditorHandle, NoteEditorProps>(
  function NoteEditor(props, ref) {
    const { noteId, storedUpdatedAt, initialDocument, readOnly, resolver, onNotice } = props;
    const [opening] = useState<Opening>(() => {
      const journal = readOnly ? null : takeNoteJournal(noteId, storedUpdatedAt);
      return {
        document: journal ?? initialDocument,
        fromJournal: journal !== null,
        loadError: null,
      };
    });
    const [initialConfig] = useState<InitialConfigType>(() => ({
      namespace: 'casefile-note',
      nodes: [...NOTE_NODES],
      theme: NOTE_EDITOR_THEME,
      editable: !readOnly,
      onError: (error: Error) => {
        onNotice?.(`The editor hit an error: ${error.message}`);
      },
      editorState: () => {
        try {
          $loadNoteDocument(opening.document);
        } catch (error) {
          opening.loadError = error instanceof Error ? error.message : String(error);
          $getRoot().clear().append($createParagraphNode());
        }
      },
    }));
    const autosave = useRef<AutosaveController | null>(null);

    return (
      <NoteReferencesProvider resolver={resolver}>
        <LexicalComposer initialConfig={initialConfig}>
          <NoteEditorBody {...props} opening={opening} autosave={autosave} handleRef={ref} />
        </LexicalComposer>
      </NoteReferencesProvider>
    );
  },
);

function NoteEditorBody({
  noteId,
  storedUpdatedAt,
  readOnly,
  onSave,
  onStatusChange,
  onNotice,
  opening,
  autosave,
  handleRef,
}: NoteEditorProps & {
  readonly opening: Opening;
  readonly autosave: React.RefObject<AutosaveController | null>;
  readonly handleRef: ForwardedRef<NoteEditorHandle>;
}) {
  const [editor] = useLexicalComposerContext();
  // A note that failed to load is shown read-only and never saved, so nothing overwrites it.
  const locked = readOnly || opening.loadError !== null;

  useEffect(() => {
    editor.setEditable(!locked);
  }, [editor, locked]);

  useImperativeHandle(
    handleRef,
    () => ({
      insertQuote(quote) {
        editor.update(() => $insertBlockAtCaret($createEvidenceQuoteNode(quote)));
      },
      insertClaim(claimId: ClaimId, label: string) {
        editor.update(() => $insertBlockAtCaret($createClaimNode(claimId, label)));
      },
      insertMention(target) {
        editor.update(() => $insertInlineAtCaret($createEntityMentionNode(target.id, target.name)));
      },
      async flush() {
        await autosave.current?.flush();
      },
      focus() {
        editor.focus();
      },
    }),
    [editor, autosave],
  );

  return (
    <div className={`cf-note-editor${locked ? ' cf-note-editor--read-only' : ''}`}>
      {opening.loadError !== null ? (
        <p className="cf-note-editor__error" role="alert">
          This note could not be opened ({opening.loadError}). It is shown read-only and will not be
          changed.
        </p>
      ) : null}
      {locked ? null : <ToolbarPlugin />}
      <div className="cf-note-editor__scroller">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="cf-note-editor__content"
              aria-label="Note text"
              spellCheck={false}
              aria-placeholder="Write your note. Type @ to mention an entity."
              placeholder={
                <div className="cf-note-editor__placeholder">
                  Write your note. Type @ to mention an entity.
                </div>
              }
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <CheckListPlugin />
      <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
      <HorizontalRulePlugin />
      <LinkPlugin validateUrl={isAllowedLinkUrl} />
      <InertLinksPlugin />
      <MarkdownShortcutPlugin transformers={NOTE_MARKDOWN_TRANSFORMERS} />
      {locked ? null : <MentionsPlugin onNotice={onNotice} />}
      <PastePlugin onNotice={onNotice} />
      <DropPassagePlugin onNotice={onNotice} />
      {locked ? null : (
        <AutosavePlugin
          noteId={noteId}
          storedUpdatedAt={storedUpdatedAt}
          onSave={onSave}
          onStatusChange={onStatusChange}
          saveAtOnce={opening.fromJournal}
          controllerRef={autosave}
        />
      )}
    </div>
  );
}
