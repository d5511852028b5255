import { useDeferredValue, useMemo, useState } from 'react';
import type { SourceSummary } from '../../core';
import {
  SortableTableHead,
  TableCount,
  WindowedTable,
  type SortableColumn,
  type TableSort,
} from '../../ui';

type SortKey = 'title' | 'kind' | 'published' | 'reliability' | 'hash' | 'passages';

const COLUMNS: readonly SortableColumn<SortKey>[] = [
  { key: 'title', label: 'Title' },
  { key: 'kind', label: 'Kind', className: 'cf-col-kind' },
  { key: 'published', label: 'Published', className: 'cf-col-published' },
  { key: 'reliability', label: 'Reliability', className: 'cf-col-reliability' },
  { key: 'hash', label: 'SHA-256', className: 'cf-col-hash' },
  { key: 'passages', label: 'Passages', className: 'cf-col-passages' },
];

/** How each kind of source is named to people. */
export const KIND_LABEL: Readonly<Record<SourceSummary['kind'], string>> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'Web page',
  pdf: 'PDF',
  docx: 'Word',
  eml: 'E-mail',
  attachment: 'Attachment',
};

/** Natural order for text ("update 2" before "update 10"), in the reader's locale. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortValue(source: SourceSummary, key: SortKey): string | number {
  switch (key) {
    case 'title':
      return source.title;
    case 'kind':
      return KIND_LABEL[source.kind];
    case 'published':
      return source.provenance.publishedAt ?? '';
    case 'reliability':
      return source.reliability;
    case 'hash':
      return source.sha256;
    case 'passages':
      return source.passageCount;
  }
}

function matches(source: SourceSummary, needle: string): boolean {
  if (needle === '') return true;
  const p = source.provenance;
  return [source.title, source.kind, source.sha256, p.fileName, p.author, p.publisher, p.url].some(
    (field) => field?.toLocaleLowerCase().includes(needle),
  );
}

export interface SourceTableProps {
  readonly sources: readonly SourceSummary[];
  readonly onOpen: (source: SourceSummary) => void;
}

/** Every source of the case: sortable by any column, filterable, windowed for long lists. */
export function SourceTable({ sources, onOpen }: SourceTableProps) {
  const [sort, setSort] = useState<TableSort<SortKey>>({ key: 'title', descending: false });
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim().toLocaleLowerCase());

  const shown = useMemo(() => {
    const kept = sources.filter((s) => matches(s, needle));
    const direction = sort.descending ? -1 : 1;
    return kept.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : collator.compare(String(x), String(y));
      return order * direction || collator.compare(a.title, b.title);
    });
  }, [sources, needle, sort]);

  return (
    <div className="cf-sources">
      <div className="cf-page__actions">
        <input
          type="search"
          className="cf-search"
          aria-label="Filter sources"
          placeholder="Filter by title, author, publisher, file name or hash"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <TableCount shown={shown.length} total={sources.length} noun={['source', 'sources']} />
      </div>
      <WindowedTable
        label="Sources"
        className="cf-table cf-table--fixed"
        head={<SortableTableHead columns={COLUMNS} sort={sort} onSort={setSort} />}
        items={shown}
        getKey={(s) => s.id}
        estimatedRowHeight={44}
        renderCells={(source) => (
          <>
            <th scope="row">
              <button type="button" className="cf-link" onClick={() => onOpen(source)}>
                {source.title}
              </button>
              {source.parentId ? <span className="cf-muted"> (attachment)</span> : null}
            </th>
            <td>{KIND_LABEL[source.kind]}</td>
            <td>{source.provenance.publishedAt?.slice(0, 10) ?? '—'}</td>
            <td>{source.reliability}</td>
            <td>
              <code title={source.sha256}>{source.sha256.slice(0, 12)}</code>
            </td>
            <td>{source.passageCount}</td>
          </>
        )}
      />
    </div>
  );
}
