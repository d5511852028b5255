import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';

/** Above this many rows only the visible ones are rendered, so long tables stay instant. */
export const WINDOW_ROWS_ABOVE = 150;

export interface RowProps {
  /** Attach to the <tr> so windowed rows can be measured. */
  readonly measure?: (element: HTMLTableRowElement | null) => void;
  readonly index: number;
}

export interface WindowedRowsProps<T> {
  readonly items: readonly T[];
  readonly getKey: (item: T, index: number) => string;
  /** The scrolling element around the table (held in state so the rows render once it exists). */
  readonly scroller: HTMLElement | null;
  readonly estimatedRowHeight: number;
  readonly renderRow: (item: T, row: RowProps) => ReactNode;
}

/**
 * A <tbody> that renders every row for short tables, and only the rows in view (with spacer rows
 * keeping the scroll height true) for long ones. Rows carry aria-rowindex so assistive technology
 * still knows where they are in the whole table.
 */
export function WindowedRows<T>(props: WindowedRowsProps<T>) {
  if (props.items.length <= WINDOW_ROWS_ABOVE) {
    return <tbody>{props.items.map((item, index) => props.renderRow(item, { index }))}</tbody>;
  }
  return <VirtualRows {...props} />;
}

function VirtualRows<T>({
  items,
  getKey,
  scroller,
  estimatedRowHeight,
  renderRow,
}: WindowedRowsProps<T>) {
  // Casefile does not run the React Compiler; this notice only says it would skip this hook.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller,
    estimateSize: () => estimatedRowHeight,
    overscan: 10,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : getKey(item, index);
    },
  });
  const visible = virtualizer.getVirtualItems();
  const top = visible[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (visible[visible.length - 1]?.end ?? 0);
  return (
    <tbody>
      {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
      {visible.map((row) => {
        const item = items[row.index];
        return item === undefined
          ? null
          : renderRow(item, { index: row.index, measure: virtualizer.measureElement });
      })}
      {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
    </tbody>
  );
}
