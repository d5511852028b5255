import { useState, type ReactNode } from 'react';
import { WindowedRows } from './WindowedRows';

export interface WindowedTableProps<T> {
  /** The table's accessible name. */
  readonly label: string;
  readonly className: string;
  /** The `<colgroup>` and `<thead>` (e.g. a SortableTableHead); the header row is row 1. */
  readonly head: ReactNode;
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  readonly estimatedRowHeight: number;
  /** The cells of one item's row. */
  readonly renderCells: (item: T) => ReactNode;
  /** Shown under the table inside its scroll area (e.g. "nothing matches"). */
  readonly children?: ReactNode;
}

/**
 * A table in its own scroll area whose rows are windowed (WindowedRows), with the row count and
 * row indexes (header row included) that assistive technology needs when not every row is there.
 */
export function WindowedTable<T>({
  label,
  className,
  head,
  items,
  getKey,
  estimatedRowHeight,
  renderCells,
  children,
}: WindowedTableProps<T>) {
  // State, not a ref: the windowed rows must re-render once the scroll container exists.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setScroller} className="cf-table-scroll">
      <table className={className} aria-label={label} aria-rowcount={items.length + 1}>
        {head}
        <WindowedRows
          items={items}
          getKey={getKey}
          scroller={scroller}
          estimatedRowHeight={estimatedRowHeight}
          renderRow={(item, row) => (
            <tr
              key={getKey(item)}
              ref={row.measure}
              data-index={row.index}
              aria-rowindex={row.index + 2}
            >
              {renderCells(item)}
            </tr>
          )}
        />
      </table>
      {children}
    </div>
  );
}
