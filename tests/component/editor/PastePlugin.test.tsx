import { act, screen } from '@testing-library/react';
import {
  $getRoot,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  getNearestEditorFromDOMNode,
  PASTE_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_NOTE_PASTE_LENGTH } from '../../../src/core';
import { noteDocumentFromEditor } from '../../../src/editor';
import { renderEditor } from './harness';

function editorOf(): LexicalEditor {
  const editor = getNearestEditorFromDOMNode(screen.getByRole('textbox', { name: 'Note text' }));
  if (!editor) throw new Error('no editor');
  return editor;
}

/** A paste event as the browser sends it, with the given clipboard flavours. */
function pasteEvent(flavours: Record<string, string>): ClipboardEvent {
  const clipboardData = {
    types: Object.keys(flavours),
    files: [],
    items: [],
    getData: (type: string) => flavours[type] ?? '',
  };
  return Object.assign(new Event('paste', { cancelable: true }), {
    clipboardData,
  }) as unknown as ClipboardEvent;
}

async function paste(editor: LexicalEditor, flavours: Record<string, string>) {
  const event = pasteEvent(flavours);
  await act(async () => {
    editor.getRootElement()?.focus();
    editor.update(() => $getRoot().selectEnd(), { discrete: true });
    editor.dispatchCommand(PASTE_COMMAND, event);
    await Promise.resolve();
  });
  return event;
}

declare global {
  interface Window {
    pwned?: number;
  }
}

afterEach(() => {
  delete window.pwned;
  vi.restoreAllMocks();
});

describe('PastePlugin', () => {
  it('keeps the text of pasted HTML and drops scripts, handlers, remote images and bad links', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const open = vi.spyOn(XMLHttpRequest.prototype, 'open');
    const parse = vi.spyOn(DOMParser.prototype, 'parseFromString');
    const { onNotice } = renderEditor();
    const editor = editorOf();
    const html = [
      '<p onclick="window.pwned = 1">Safe <b>bold</b> words</p>',
      '<script>window.pwned = 2</script>',
      '<img src="http://tracker.example/pixel.gif" onerror="window.pwned = 3">',
      '<p><a href="javascript:window.pwned = 4">click me</a> and ',
      '<a href="data:text/html,<b>x</b>">data link</a></p>',
      '<iframe src="http://evil.example/"></iframe>',
    ].join('');
    await paste(editor, { 'text/html': html, 'text/plain': 'Safe bold words' });

    const json = JSON.stringify(noteDocumentFromEditor(editor));
    expect(onNotice).not.toHaveBeenCalled();
    expect(json).toContain('Safe ');
    expect(json).toContain('bold');
    expect(json).toContain('click me');
    expect(json).toContain('data link');
    for (const forbidden of [
      'pwned',
      'onclick',
      'onerror',
      'script',
      'tracker.example',
      'javascript:',
      'data:',
      'evil.example',
      '"type":"link"',
    ]) {
      expect(json).not.toContain(forbidden);
    }
    expect(window.pwned).toBeUndefined();
    // Handlers are gone before the browser parses the HTML (Chromium reports each as a CSP violation).
    expect(parse).toHaveBeenCalled();
    for (const [parsed] of parse.mock.calls) expect(parsed).not.toMatch(/onerror|onclick/);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(document.querySelector('img, script, iframe')).toBeNull();
    vi.unstubAllGlobals();
  });

  it('refuses a paste over the size limit with a notice and changes nothing', async () => {
    const { onNotice } = renderEditor();
    const editor = editorOf();
    const before = JSON.stringify(noteDocumentFromEditor(editor));
    const event = await paste(editor, { 'text/plain': 'x'.repeat(MAX_NOTE_PASTE_LENGTH + 1) });
    expect(event.defaultPrevented).toBe(true);
    expect(onNotice).toHaveBeenCalledWith(expect.stringMatching(/too long for a note/));
    expect(JSON.stringify(noteDocumentFromEditor(editor))).toBe(before);
  });

  it('treats HTML dragged in from another application like a paste', async () => {
    const parse = vi.spyOn(DOMParser.prototype, 'parseFromString');
    renderEditor();
    const editor = editorOf();
    const dataTransfer = pasteEvent({
      'text/html':
        '<p>Dropped <img src="http://tracker.example/x.gif" onerror="window.pwned = 5"></p>',
    }).clipboardData;
    const drop = Object.assign(new Event('beforeinput', { cancelable: true }), { dataTransfer });
    await act(async () => {
      editor.getRootElement()?.focus();
      editor.update(() => $getRoot().selectEnd(), { discrete: true });
      editor.update(() => {
        editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, drop as unknown as InputEvent);
      });
      await Promise.resolve();
    });
    const json = JSON.stringify(noteDocumentFromEditor(editor));
    expect(json).toContain('Dropped');
    expect(json).not.toMatch(/tracker|onerror|pwned/);
    for (const [parsed] of parse.mock.calls) expect(parsed).not.toMatch(/onerror/);
    expect(window.pwned).toBeUndefined();
  });
});
