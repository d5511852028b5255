import { act, screen, waitFor } from '@testing-library/react';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  getNearestEditorFromDOMNode,
  type LexicalEditor,
} from 'lexical';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NoteDocument } from '../../../src/core';
import { noteJournalKey, type NoteSaveStatus } from '../../../src/editor';
import { err, ok, type Result } from '../../../src/shared/result';
import { documentOf, paragraph, renderEditor, text } from './harness';

const STORED_AT = '2026-01-01T00:00:00.000Z';

function editorOf(): LexicalEditor {
  const editor = getNearestEditorFromDOMNode(screen.getByRole('textbox', { name: 'Note text' }));
  if (!editor) throw new Error('no editor');
  return editor;
}

async function write(editor: LexicalEditor, value: string) {
  // Let the updates of mounting (node transforms registering, tagged history-merge) commit first,
  // so that this edit is one of its own, as typing is.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await act(async () => {
    editor.update(() => {
      $getRoot()
        .clear()
        .append($createParagraphNode().append($createTextNode(value)));
    });
    await Promise.resolve();
  });
}

function textOf(document: NoteDocument): string {
  return JSON.stringify(document.editorState);
}

/** A save that resolves only when the test says so. */
function deferredSave() {
  const pending: Array<(result: Result<unknown>) => void> = [];
  const onSave = vi.fn(
    (_document: NoteDocument) =>
      new Promise<Result<unknown>>((resolve) => {
        pending.push(resolve);
      }),
  );
  return { onSave, settle: (result: Result<unknown>) => pending.shift()?.(result) };
}

function states(onStatusChange: ReturnType<typeof vi.fn>): string[] {
  return onStatusChange.mock.calls.map(([status]) => (status as NoteSaveStatus).state);
}

afterEach(() => {
  localStorage.clear();
});

describe('AutosavePlugin', () => {
  it('reports saved only after onSave resolved', async () => {
    const { onSave, settle } = deferredSave();
    const { onStatusChange } = renderEditor({ onSave });
    const editor = editorOf();
    await write(editor, 'First draft');
    expect(states(onStatusChange)).toEqual(['unsaved']);

    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(textOf(onSave.mock.calls[0]![0])).toContain('First draft');
    expect(states(onStatusChange)).toEqual(['unsaved', 'saving']);

    await act(async () => {
      settle(ok({ updatedAt: '2026-01-01T00:00:05.000Z' }));
      await Promise.resolve();
    });
    await waitFor(() => expect(states(onStatusChange)).toEqual(['unsaved', 'saving', 'saved']));
  });

  it('reports a failed save with its message and keeps the edits pending', async () => {
    const { onSave, settle } = deferredSave();
    const { onStatusChange, handle } = renderEditor({ onSave });
    const editor = editorOf();
    await write(editor, 'Draft');
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    await act(async () => {
      settle(err('storage.readOnly', 'The database is read-only.'));
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(onStatusChange).toHaveBeenLastCalledWith({
        state: 'failed',
        message: 'The database is read-only.',
      }),
    );
    // Still pending: a flush tries again.
    const flushed = handle.current!.flush();
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(2));
    settle(ok({}));
    await act(() => flushed);
    expect(onStatusChange).toHaveBeenLastCalledWith({ state: 'saved' });
  });

  it('ignores selection-only changes', async () => {
    const { onSave, onStatusChange } = renderEditor();
    const editor = editorOf();
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await act(async () => {
      editor.update(() => $getRoot().selectEnd());
      await Promise.resolve();
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)));
    expect(onStatusChange).not.toHaveBeenCalled();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('flush() saves at once, and resolves at once when nothing is pending', async () => {
    const { onSave, handle } = renderEditor();
    await act(() => handle.current!.flush());
    expect(onSave).not.toHaveBeenCalled();
    await write(editorOf(), 'Typed right before closing');
    await act(() => handle.current!.flush());
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(textOf(onSave.mock.calls[0]![0])).toContain('Typed right before closing');
  });

  it('writes a recovery journal on pagehide and applies it when the note opens again', async () => {
    const { onSave } = deferredSave();
    const first = renderEditor({ onSave, storedUpdatedAt: STORED_AT });
    await write(editorOf(), 'Typed, then the window closed');
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    const journal = JSON.parse(localStorage.getItem(noteJournalKey('note-1')) ?? 'null') as {
      writtenAt: string;
      document: NoteDocument;
    };
    expect(journal.writtenAt > STORED_AT).toBe(true);
    expect(textOf(journal.document)).toContain('Typed, then the window closed');
    first.unmount();

    // The save never committed: the stored note is unchanged, so the journal applies.
    const second = renderEditor({
      storedUpdatedAt: STORED_AT,
      initialDocument: documentOf(paragraph(text('Stored text'))),
    });
    expect(screen.getByRole('textbox', { name: 'Note text' })).toHaveTextContent(
      'Typed, then the window closed',
    );
    await waitFor(() => expect(second.onSave).toHaveBeenCalledTimes(1));
    expect(textOf(second.onSave.mock.calls[0]![0])).toContain('Typed, then the window closed');
    // Removed once saved.
    await waitFor(() => expect(localStorage.getItem(noteJournalKey('note-1'))).toBeNull());
  });

  it('drops a journal written before the stored note last changed', () => {
    localStorage.setItem(
      noteJournalKey('note-1'),
      JSON.stringify({
        writtenAt: '2025-12-31T00:00:00.000Z',
        document: documentOf(paragraph(text('Old journal'))),
      }),
    );
    const { onSave } = renderEditor({
      storedUpdatedAt: STORED_AT,
      initialDocument: documentOf(paragraph(text('Newer stored text'))),
    });
    expect(screen.getByRole('textbox', { name: 'Note text' })).toHaveTextContent(
      'Newer stored text',
    );
    expect(localStorage.getItem(noteJournalKey('note-1'))).toBeNull();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('drops a damaged journal instead of applying it', () => {
    localStorage.setItem(
      noteJournalKey('note-1'),
      JSON.stringify({
        writtenAt: '2026-06-01T00:00:00.000Z',
        document: { format: 'casefile-note', version: 2 },
      }),
    );
    const { onSave } = renderEditor({
      storedUpdatedAt: STORED_AT,
      initialDocument: documentOf(paragraph(text('Stored text'))),
    });
    expect(screen.getByRole('textbox', { name: 'Note text' })).toHaveTextContent('Stored text');
    expect(localStorage.getItem(noteJournalKey('note-1'))).toBeNull();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('keeps edits typed while a save was still running when the window went away', async () => {
    // The save started before the close commits afterwards, with an updatedAt from when it
    // started: the journal, written later, still holds newer edits and must win.
    const { onSave } = deferredSave();
    const first = renderEditor({ onSave, storedUpdatedAt: STORED_AT });
    await write(editorOf(), 'Saved part');
    const saveStartedAt = new Date().toISOString();
    await act(() => {
      void first.handle.current!.flush();
      return Promise.resolve();
    });
    await write(editorOf(), ' and the part typed during the save');
    await new Promise((resolve) => setTimeout(resolve, 2));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    first.unmount();

    const second = renderEditor({
      storedUpdatedAt: saveStartedAt,
      initialDocument: documentOf(paragraph(text('Saved part'))),
    });
    expect(screen.getByRole('textbox', { name: 'Note text' })).toHaveTextContent(
      'the part typed during the save',
    );
    await waitFor(() => expect(second.onSave).toHaveBeenCalledTimes(1));
  });
});
