import { createDeferredAction } from '../../ui';

/**
 * "Export report…" (Alt+R, src/app/commands) puts focus on the export bar of the Reports area,
 * so a report can be saved from the keyboard without tabbing through every option. The area
 * registers the bar once the report can be saved; a request made before then waits for it.
 */
const reportExport = createDeferredAction();

export const registerReportExport = reportExport.register;
export const requestReportExport = reportExport.request;
