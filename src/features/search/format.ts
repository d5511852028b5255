import type { SearchRecordKind } from '../../core';
import type { SearchIndexStatus } from '../../search/types';

/** Group headings, in SEARCH_RECORD_KINDS order. */
export const KIND_LABELS: Readonly<Record<SearchRecordKind, string>> = {
  entity: 'Entities',
  claim: 'Claims',
  source: 'Sources',
  passage: 'Passages',
  note: 'Notes',
};

/** "sources" in "Show all 12 sources". */
export const KIND_NOUNS: Readonly<Record<SearchRecordKind, readonly [string, string]>> = {
  entity: ['entity', 'entities'],
  claim: ['claim', 'claims'],
  source: ['source', 'sources'],
  passage: ['passage', 'passages'],
  note: ['note', 'notes'],
};

export function count(n: number): string {
  return n.toLocaleString('en');
}

export function plural(n: number, [one, many]: readonly [string, string]): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * The index status line: what the index is doing, or undefined when it is ready (nothing to say).
 * Failures are shown separately, with the Rebuild button.
 */
export function statusLine(status: SearchIndexStatus): string | undefined {
  const progress = status.total > 0 ? ` ${count(status.done)} of ${count(status.total)}…` : '…';
  switch (status.state) {
    case 'loading':
      return `Opening the search index${progress}`;
    case 'building':
      return `Building the search index:${progress}`;
    case 'updating':
      return `Updating the search index:${progress}`;
    case 'ready':
    case 'failed':
      return undefined;
  }
}

/** The platform's shortcut for "Search this case", as shown in hints. */
export function searchShortcutLabel(): string {
  const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return isMac ? '⌘⇧F' : 'Ctrl+Shift+F';
}

export function searchShortcutAria(): string {
  const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return isMac ? 'Meta+Shift+F' : 'Control+Shift+F';
}
