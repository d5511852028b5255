export { CaseFormDialog } from './CaseFormDialog';
export { CaseListPage } from './CaseListPage';
export { CASE_AREAS, CaseWorkspace, type CaseArea } from './CaseWorkspace';
export { DeleteCaseDialog } from './DeleteCaseDialog';
