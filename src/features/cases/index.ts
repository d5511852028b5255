import './cases.css';
export { CaseFormDialog } from './CaseFormDialog';
export { CaseListPage } from './CaseListPage';
export { CASE_AREAS, CaseWorkspace, type CaseArea, type CaseTarget } from './CaseWorkspace';
export { DeleteCaseDialog } from './DeleteCaseDialog';
