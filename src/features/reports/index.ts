/** Public API of the reports feature (README.md). Other features import only from here. */
import './reports.css';

export { ReportsArea, type ReportsAreaProps } from './ReportsArea';
export { requestReportExport } from './reportExport';
