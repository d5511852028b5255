import type { CaseId } from '../../core';
import type { CaseArea } from '../../features/cases';
import { requestReportExport } from '../../features/reports';
import { focusCaseSearch } from '../../features/search';
import {
  hasReaderSelection,
  requestSourceImport,
  runSelectionAction,
} from '../../features/sources';
import type { Command } from './registry';

/** What commands act on: the app's navigation and dialogs, not React internals. */
export interface AppCommandContext {
  readonly readOnly: boolean;
  readonly openCaseId: CaseId | undefined;
  goToCaseList(): void;
  goToArea(area: CaseArea): void;
  newCase(): void;
  editOpenCase(): void;
  deleteOpenCase(): void;
  exportOpenCase(): void;
  /** STIX bundles and CSV files of entities or claims, into the open case. */
  importIntoOpenCase(): void;
  /** Identity and address book (`#/keys`). */
  openKeys(): void;
  /** Local backups (`#/backups`). */
  openBackups(): void;
  /** Help: every command and shortcut (`#/help`). */
  openHelp(): void;
  /** The integrity check: of the open case, else of every case. */
  checkIntegrity(): void;
  exportBundleOfOpenCase(): void;
  importBundle(): void;
  /** Imports the shipped sample case (src/features/sample), or offers the copy already there. */
  openSampleCase(): void;
  openPalette(): void;
  print(): void;
}

const hasOpenCase = (c: AppCommandContext) => c.openCaseId !== undefined;
const canEditOpenCase = (c: AppCommandContext) => hasOpenCase(c) && !c.readOnly;
/** Text selected in the reader of a writable case (the selection toolbar is showing). */
const canTagSelection = (c: AppCommandContext) => canEditOpenCase(c) && hasReaderSelection();

export const APP_COMMANDS: readonly Command<AppCommandContext>[] = [
  {
    id: 'palette.open',
    title: 'Show all commands',
    section: 'General',
    shortcut: 'Mod+K',
    run: (c) => c.openPalette(),
  },
  {
    id: 'case.new',
    title: 'New case…',
    section: 'Case',
    shortcut: 'Alt+N',
    enabled: (c) => !c.readOnly,
    run: (c) => c.newCase(),
  },
  {
    id: 'nav.cases',
    title: 'Go to all cases',
    section: 'Go',
    shortcut: 'Alt+L',
    run: (c) => c.goToCaseList(),
  },
  {
    id: 'nav.overview',
    title: 'Go to case overview',
    section: 'Go',
    shortcut: 'Alt+1',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('overview'),
  },
  {
    id: 'nav.sources',
    title: 'Go to case sources',
    section: 'Go',
    shortcut: 'Alt+2',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('sources'),
  },
  {
    id: 'nav.entities',
    title: 'Go to case entities',
    section: 'Go',
    shortcut: 'Alt+3',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('entities'),
  },
  {
    id: 'nav.claims',
    title: 'Go to case claims',
    section: 'Go',
    shortcut: 'Alt+4',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('claims'),
  },
  {
    id: 'nav.chart',
    title: 'Go to link chart',
    section: 'Go',
    shortcut: 'Alt+5',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('chart'),
  },
  {
    id: 'nav.notes',
    title: 'Go to case notebook',
    section: 'Go',
    shortcut: 'Alt+6',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('notes'),
  },
  {
    id: 'nav.activity',
    title: 'Go to case activity',
    section: 'Go',
    shortcut: 'Alt+7',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('activity'),
  },
  {
    id: 'nav.search',
    title: 'Go to case search',
    section: 'Go',
    shortcut: 'Alt+8',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('search'),
  },
  {
    id: 'nav.reports',
    title: 'Build report…',
    section: 'Go',
    shortcut: 'Alt+9',
    enabled: hasOpenCase,
    run: (c) => c.goToArea('reports'),
  },
  {
    id: 'report.export',
    title: 'Export report…',
    section: 'Go',
    shortcut: 'Alt+R',
    enabled: hasOpenCase,
    // The Reports area's export bar (Save HTML first), skipping the report's options.
    run: (c) => {
      requestReportExport();
      c.goToArea('reports');
    },
  },
  {
    id: 'search.focus',
    title: 'Search this case',
    section: 'Go',
    shortcut: 'Mod+Shift+F',
    enabled: hasOpenCase,
    // The field on screen (the header box, or the search area's own field) registers itself.
    run: () => {
      focusCaseSearch();
    },
  },
  {
    id: 'sources.import',
    title: 'Import sources…',
    section: 'Case',
    shortcut: 'Alt+I',
    enabled: canEditOpenCase,
    // The Sources area's file chooser: at once if the area is on screen, else as it opens.
    run: (c) => {
      requestSourceImport();
      c.goToArea('sources');
    },
  },
  {
    id: 'selection.tag',
    title: 'Tag selection as entity…',
    section: 'Reader',
    shortcut: 'Alt+T',
    enabled: canTagSelection,
    run: () => {
      runSelectionAction('tag');
    },
  },
  {
    id: 'selection.claim',
    title: 'New claim from selection…',
    section: 'Reader',
    shortcut: 'Alt+C',
    enabled: canTagSelection,
    run: () => {
      runSelectionAction('claim');
    },
  },
  {
    id: 'case.edit',
    title: 'Rename or edit case…',
    section: 'Case',
    shortcut: 'F2',
    enabled: canEditOpenCase,
    run: (c) => c.editOpenCase(),
  },
  {
    id: 'case.export',
    title: 'Export case data…',
    section: 'Case',
    // Exporting only reads, so a read-only case can be exported too.
    enabled: hasOpenCase,
    run: (c) => c.exportOpenCase(),
  },
  {
    id: 'case.import',
    title: 'Import STIX or CSV…',
    section: 'Case',
    enabled: canEditOpenCase,
    run: (c) => c.importIntoOpenCase(),
  },
  {
    id: 'case.exportBundle',
    title: 'Export encrypted bundle…',
    section: 'Case',
    // Like exporting data, a bundle only reads the case.
    enabled: hasOpenCase,
    run: (c) => c.exportBundleOfOpenCase(),
  },
  {
    id: 'bundle.import',
    title: 'Import encrypted bundle…',
    section: 'Case',
    enabled: (c) => !c.readOnly,
    run: (c) => c.importBundle(),
  },
  {
    id: 'sample.open',
    title: 'Open the sample case',
    section: 'Case',
    enabled: (c) => !c.readOnly,
    run: (c) => c.openSampleCase(),
  },
  {
    id: 'keys.open',
    title: 'Identity and address book…',
    section: 'General',
    run: (c) => c.openKeys(),
  },
  {
    id: 'backups.open',
    title: 'Backups…',
    section: 'General',
    run: (c) => c.openBackups(),
  },
  {
    id: 'integrity.check',
    title: 'Check case integrity…',
    section: 'Case',
    // Checking only reads (repairs are disabled read-only in the dialog).
    run: (c) => c.checkIntegrity(),
  },
  {
    id: 'case.delete',
    title: 'Delete case…',
    section: 'Case',
    enabled: canEditOpenCase,
    run: (c) => c.deleteOpenCase(),
  },
  {
    id: 'help.shortcuts',
    title: 'Keyboard shortcuts',
    section: 'General',
    shortcut: 'F1',
    run: (c) => c.openHelp(),
  },
  {
    id: 'app.print',
    title: 'Print current view',
    section: 'General',
    shortcut: 'Mod+P',
    run: (c) => c.print(),
  },
];
