export interface SortableColumn<K extends string> {
  readonly key: K;
  readonly label: string;
  /** For the column's `<col>`: fixed-layout tables size their columns there. */
  readonly className?: string;
  /** Counts and dates read best largest/newest first, so their first click sorts descending. */
  readonly firstDescending?: boolean;
}

export interface TableSort<K extends string> {
  readonly key: K;
  readonly descending: boolean;
}

export interface SortableTableHeadProps<K extends string> {
  readonly columns: readonly SortableColumn<K>[];
  readonly sort: TableSort<K>;
  readonly onSort: (sort: TableSort<K>) => void;
}

/**
 * The `<colgroup>` and `<thead>` of a windowed table whose columns sort on click: the header row
 * is row 1 (`aria-rowindex`), the active column carries `aria-sort`, and clicking it again
 * reverses the order.
 */
export function SortableTableHead<K extends string>({
  columns,
  sort,
  onSort,
}: SortableTableHeadProps<K>) {
  return (
    <>
      <colgroup>
        {columns.map((c) => (
          <col key={c.key} className={c.className} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {columns.map((column) => {
            const active = sort.key === column.key;
            return (
              <th
                key={column.key}
                scope="col"
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="cf-sort"
                  onClick={() =>
                    onSort({
                      key: column.key,
                      descending: active ? !sort.descending : (column.firstDescending ?? false),
                    })
                  }
                >
                  {column.label}
                  <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
    </>
  );
}

export interface TableCountProps {
  /** Rows left after filtering. */
  readonly shown: number;
  readonly total: number;
  /** What the rows are, e.g. `['source', 'sources']`. */
  readonly noun: readonly [singular: string, plural: string];
}

/** "12 sources", or "3 of 12 sources" while a filter hides some; announced as a status. */
export function TableCount({ shown, total, noun: [singular, plural] }: TableCountProps) {
  return (
    <span role="status" className="cf-muted">
      {shown === total
        ? `${total.toLocaleString()} ${total === 1 ? singular : plural}`
        : `${shown.toLocaleString()} of ${total.toLocaleString()} ${plural}`}
    </span>
  );
}
