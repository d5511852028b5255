export * from './channels';
export type { CasefileBridge } from './bridge';
