export { Banner } from './Banner';
export { Button } from './Button';
export { Dialog } from './Dialog';
export { SelectField, TextArea, TextField } from './Field';
export { MarkingBadge } from './MarkingBadge';
export { WindowedRows, type RowProps } from './WindowedRows';
export { WindowedTable } from './WindowedTable';
export { ConfirmDialog } from './ConfirmDialog';
export { Icon, type IconProps } from './Icon';
export {
  SortableTableHead,
  TableCount,
  type SortableColumn,
  type TableSort,
} from './SortableTable';
