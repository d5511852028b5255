export * from './types';
export * from './text';
export * from './options';
export * from './narrative';
export * from './build';
export { REPORT_CSS, renderReportHtml, type ReportHtmlOptions } from './html';
export { renderReportMarkdown } from './markdown';
export { renderReportDocx } from './docx';
export { generateReport, reportFileName, MAX_REPORT_FILE_STEM_LENGTH } from './generate';
