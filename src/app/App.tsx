import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asCaseId, type Case, type CaseId } from '../core';
import type { KeyringRepository } from '../core/ports/keyring';
import type { ReportGenerator } from '../core/ports/reports';
import type { BackupStore, CasefileStorage } from '../db';
import {
  CaseFormDialog,
  CaseListPage,
  CaseWorkspace,
  DeleteCaseDialog,
  type CaseArea,
} from '../features/cases';
import {
  ExportBundleDialog,
  ImportBundleDialog,
  KeyringProvider,
  KeysArea,
  type BundleWorker,
} from '../features/bundles';
import { BackupsArea, BackupsProvider } from '../features/backups';
import { HelpPage } from '../features/help';
import { IntegrityDialog } from '../features/integrity';
import { SampleCaseDialog } from '../features/sample';
import {
  ExportDialog,
  ImportDialog,
  InteropImporterProvider,
  type InteropImporter,
} from '../features/interop';
import { flushOpenNotes } from '../features/notebook';
import { ServicesProvider, useServices } from '../features/services';
import { StorageProvider, useStorage } from '../features/storage';
import {
  TasksProvider,
  TaskToasts,
  useTasks,
  type TaskHandle,
  type TaskStore,
} from '../features/tasks';
import type { Extractor, Ingest } from '../ingest';
import type { Host } from '../platform';
import type { SearchClient } from '../search/types';
import { Banner, Button, startTheme, ThemeSwitcher } from '../ui';
import { APP_COMMANDS, type AppCommandContext } from './commands/appCommands';
import { CommandMenu } from './commands/CommandMenu';
import { CommandPalette } from './commands/CommandPalette';
import { createCommandRegistry, formatShortcut, type Command } from './commands/registry';
import { formatRoute, parseRoute, type Route } from './route';

export interface AppProps {
  readonly host: Host;
  readonly storage: CasefileStorage;
  readonly ingest: Ingest;
  readonly extractor: Extractor;
  /** Case-wide search (a worker); absent where none runs, and search then says it is unavailable. */
  readonly search?: SearchClient;
  /** Report generation (a worker); absent in component tests, where reports build on this thread. */
  readonly reports?: ReportGenerator;
  /** STIX and CSV import parsing (a worker); absent in component tests, where it runs on this thread. */
  readonly interop?: InteropImporter;
  /** The analyst's keyring, opened beside the case storage; absent in component tests. */
  readonly keyring?: KeyringRepository;
  /** Case bundle work (a worker); absent in component tests, where it runs on this thread. */
  readonly bundles?: BundleWorker;
  /** Local backups (their own database); absent in component tests, where it opens on first use. */
  readonly backups?: BackupStore;
  /** Background work shown as toasts; main.tsx passes one that already holds start-up news. */
  readonly tasks?: TaskStore;
}

export function App({
  host,
  storage,
  ingest,
  extractor,
  search,
  reports,
  keyring,
  bundles,
  interop,
  backups,
  tasks,
}: AppProps) {
  return (
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={host}
        ingest={ingest}
        extractor={extractor}
        {...(search ? { search } : {})}
        {...(reports ? { reports } : {})}
      >
        <KeyringProvider
          {...(keyring ? { keyring } : {})}
          {...(bundles ? { worker: bundles } : {})}
        >
          <InteropImporterProvider importer={interop}>
            <BackupsProvider {...(backups ? { store: backups } : {})}>
              <TasksProvider {...(tasks ? { store: tasks } : {})}>
                <Shell host={host} />
              </TasksProvider>
            </BackupsProvider>
          </InteropImporterProvider>
        </KeyringProvider>
      </ServicesProvider>
    </StorageProvider>
  );
}

type OpenDialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'palette' }
  | { readonly kind: 'new-case' }
  | { readonly kind: 'edit-case'; readonly target: Case }
  | { readonly kind: 'delete-case'; readonly target: Case }
  | { readonly kind: 'export-case'; readonly target: Case }
  | { readonly kind: 'import-data'; readonly target: Case }
  | { readonly kind: 'export-bundle'; readonly target: Case }
  | {
      readonly kind: 'import-bundle';
      /** A `.casefile` the desktop app was asked to open (double-click, file association). */
      readonly preloaded?: { readonly name: string; readonly bytes: Uint8Array };
    }
  | { readonly kind: 'integrity'; readonly target: Case | undefined }
  | { readonly kind: 'sample-case' };

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

type Navigate = (route: Route, options?: { readonly replace?: boolean }) => void;

function useHashRoute(): [Route, Navigate] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate = useCallback<Navigate>((next, options) => {
    // `replace` (the search area while the investigator types) rewrites the current history
    // entry, so Back leaves the search instead of stepping through every keystroke.
    if (options?.replace === true) window.history.replaceState(null, '', formatRoute(next));
    else window.location.hash = formatRoute(next);
    setRoute(next);
  }, []);
  return [route, navigate];
}

/**
 * Keeps the open case's search index warm: loaded when the case opens, told after every write the
 * app reports (the worker also hears Dexie's change broadcasts, which cover note autosaves).
 */
/**
 * How long after a case opens its search index starts loading (or building) in the background.
 * Started at once, the worker competed for the CPU with the first drawing of what the case opens
 * on: a 5,000-node chart drew about a second later. A search before then opens the index at once.
 */
const SEARCH_PREPARE_DELAY_MS = 3_000;

function useSearchIndex(caseId: CaseId | undefined): void {
  const { search } = useServices();
  const { revision } = useStorage();
  useEffect(() => {
    if (!caseId) return;
    let idle: number | undefined;
    const timer = setTimeout(() => {
      // Then wait for the UI thread to be idle too (a large chart may still be drawing).
      if (typeof requestIdleCallback === 'function') {
        idle = requestIdleCallback(() => search.prepare(caseId), { timeout: 5_000 });
      } else {
        search.prepare(caseId);
      }
    }, SEARCH_PREPARE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [search, caseId]);
  useEffect(() => {
    if (caseId && revision > 0) search.invalidate(caseId);
  }, [search, caseId, revision]);
}

/** Index work shorter than this passes without a toast (opening a case, a few edits). */
const SEARCH_TOAST_DELAY_MS = 2_000;

const SEARCH_STATE_DETAIL = {
  loading: 'Loading the saved index',
  building: 'Building the index',
  updating: 'Indexing recent changes',
} as const;

/** A toast while the open case's search index takes noticeable time to load, build or update. */
function useSearchIndexToast(caseId: CaseId | undefined): void {
  const { search } = useServices();
  const tasks = useTasks();
  useEffect(() => {
    if (!caseId) return;
    let task: TaskHandle | undefined;
    let failureShown = false;
    const unsubscribe = search.subscribe((status) => {
      if (status.caseId !== caseId) return;
      if (status.state === 'ready') {
        // A ready index is no news (search just works), unless it had to be rebuilt.
        if (status.notice !== undefined) task?.succeed('Search index rebuilt', status.notice);
        else task?.drop();
        task = undefined;
        failureShown = false;
      } else if (status.state === 'failed') {
        // Said once: every search then reports the same failure in the search area.
        if (!failureShown) {
          (task ?? tasks.start({ title: 'Search index' })).fail(
            'The search index could not be built',
            status.error,
          );
        } else task?.drop();
        failureShown = true;
        task = undefined;
      } else {
        task ??= tasks.start({
          title: 'Indexing the case for search',
          delayMs: SEARCH_TOAST_DELAY_MS,
        });
        const detail = SEARCH_STATE_DETAIL[status.state];
        if (status.total > 0) {
          task.progress(
            status.done,
            status.total,
            `${detail}: ${status.done.toLocaleString('en')} of ${status.total.toLocaleString('en')} records`,
          );
        } else {
          task.describe(`${detail}…`);
        }
      }
    });
    return () => {
      unsubscribe();
      // Leaving the case: its indexing is no longer news.
      task?.drop();
    };
  }, [search, tasks, caseId]);
}

function Shell({ host }: { readonly host: Host }) {
  const { storage } = useStorage();
  const readOnly = storage.mode.kind === 'read-only';
  const [route, navigate] = useHashRoute();
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const registry = useMemo(() => createCommandRegistry(APP_COMMANDS), []);
  const openCaseId: CaseId | undefined = route.page === 'case' ? route.caseId : undefined;
  useSearchIndex(openCaseId);
  useSearchIndexToast(openCaseId);

  // The theme was applied before first paint (/theme-init.js); from here it follows OS changes.
  useEffect(() => startTheme(), []);

  // Notes typed into a moment ago are saved before the window closes or the app quits.
  useEffect(() => host.beforeClose(flushOpenNotes), [host]);

  const withOpenCase = useCallback(
    (then: (target: Case) => void) => {
      if (!openCaseId) return;
      void storage.cases.get(openCaseId).then((found) => found && then(found));
    },
    [openCaseId, storage],
  );

  const context: AppCommandContext = useMemo(
    () => ({
      readOnly,
      openCaseId,
      goToCaseList: () => navigate({ page: 'cases' }),
      goToArea: (area: CaseArea) =>
        openCaseId && navigate({ page: 'case', caseId: openCaseId, area }),
      newCase: () => setDialog({ kind: 'new-case' }),
      editOpenCase: () => withOpenCase((target) => setDialog({ kind: 'edit-case', target })),
      deleteOpenCase: () => withOpenCase((target) => setDialog({ kind: 'delete-case', target })),
      exportOpenCase: () => withOpenCase((target) => setDialog({ kind: 'export-case', target })),
      importIntoOpenCase: () =>
        withOpenCase((target) => setDialog({ kind: 'import-data', target })),
      openKeys: () => navigate({ page: 'keys' }),
      openBackups: () => navigate({ page: 'backups' }),
      openHelp: () => navigate({ page: 'help' }),
      checkIntegrity: () =>
        openCaseId
          ? withOpenCase((target) => setDialog({ kind: 'integrity', target }))
          : setDialog({ kind: 'integrity', target: undefined }),
      exportBundleOfOpenCase: () =>
        withOpenCase((target) => setDialog({ kind: 'export-bundle', target })),
      importBundle: () => setDialog({ kind: 'import-bundle' }),
      openSampleCase: () => setDialog({ kind: 'sample-case' }),
      openPalette: () => setDialog({ kind: 'palette' }),
      print: () => host.print(),
    }),
    [readOnly, openCaseId, navigate, withOpenCase, host],
  );

  const run = useCallback(
    (command: Command<AppCommandContext>) => {
      setDialog((d) => (d.kind === 'palette' ? { kind: 'none' } : d));
      void registry.run(command.id, context);
    },
    [registry, context],
  );

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const command = registry.findByChord(event, isMac);
      if (!command) return;
      // While a dialog is open only the palette shortcut stays live; other commands wait.
      if (dialog.kind !== 'none' && command.id !== 'palette.open') return;
      // A command that does not apply leaves the key alone (on macOS ⌥C types “ç”).
      if (!(command.enabled?.(context) ?? true)) return;
      event.preventDefault();
      void registry.run(command.id, context);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry, context, dialog.kind]);

  const [desktopNotice, setDesktopNotice] = useState<string | undefined>(undefined);
  useDesktopShell(host, {
    registry,
    context,
    dialogKind: dialog.kind,
    openCaseId,
    openCase: (caseId) => navigate({ page: 'case', caseId, area: 'overview' }),
    importBundle: (preloaded) => setDialog({ kind: 'import-bundle', preloaded }),
    notify: setDesktopNotice,
  });

  const closeDialog = () => setDialog({ kind: 'none' });

  return (
    <div className="cf-app">
      <header className="cf-topbar">
        <a
          className="cf-topbar__brand"
          href="#/cases"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'cases' });
          }}
        >
          Casefile
        </a>
        <CommandMenu
          commands={registry.list()}
          isEnabled={(c) => c.enabled?.(context) ?? true}
          isMac={isMac}
          onRun={run}
        />
        <a
          className="cf-button cf-button--ghost cf-topbar__button"
          href="#/keys"
          aria-current={route.page === 'keys' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'keys' });
          }}
        >
          Identity and keys
        </a>
        <a
          className="cf-button cf-button--ghost cf-topbar__button"
          href="#/backups"
          aria-current={route.page === 'backups' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'backups' });
          }}
        >
          Backups
        </a>
        <a
          className="cf-button cf-button--ghost cf-topbar__button"
          href="#/help"
          aria-current={route.page === 'help' ? 'page' : undefined}
          aria-keyshortcuts="F1"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'help' });
          }}
        >
          Help
        </a>
        <ThemeSwitcher className="cf-topbar__theme" />
        <button
          type="button"
          className="cf-button cf-button--ghost cf-topbar__button"
          onClick={() => setDialog({ kind: 'palette' })}
          aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        >
          Commands
        </button>
      </header>
      {storage.mode.kind === 'read-only' ? (
        <Banner tone="warning">{storage.mode.reason}</Banner>
      ) : null}
      {desktopNotice !== undefined ? (
        <Banner tone="warning">
          <span className="cf-banner__row">
            <span>{desktopNotice}</span>
            <Button variant="ghost" onClick={() => setDesktopNotice(undefined)}>
              Dismiss
            </Button>
          </span>
        </Banner>
      ) : null}
      <main className="cf-main">
        {route.page === 'cases' ? (
          <CaseListPage
            readOnly={readOnly}
            onOpen={(c) => navigate({ page: 'case', caseId: c.id, area: 'overview' })}
            onNew={() => setDialog({ kind: 'new-case' })}
            onEdit={(target) => setDialog({ kind: 'edit-case', target })}
            onDelete={(target) => setDialog({ kind: 'delete-case', target })}
            onImportBundle={() => setDialog({ kind: 'import-bundle' })}
            onOpenSample={() => setDialog({ kind: 'sample-case' })}
          />
        ) : route.page === 'keys' ? (
          <KeysArea />
        ) : route.page === 'help' ? (
          <HelpPage
            commands={registry.list()}
            formatShortcut={(shortcut) => formatShortcut(shortcut, isMac)}
          />
        ) : route.page === 'backups' ? (
          <BackupsArea
            readOnly={readOnly}
            onOpenCase={(caseId) => navigate({ page: 'case', caseId, area: 'overview' })}
          />
        ) : (
          <CaseWorkspace
            key={route.caseId}
            caseId={route.caseId}
            area={route.area}
            target={route}
            readOnly={readOnly}
            onNavigate={(area, target, options) =>
              navigate({ page: 'case', caseId: route.caseId, area, ...target }, options)
            }
            onBack={() => navigate({ page: 'cases' })}
            onEdit={(target) => setDialog({ kind: 'edit-case', target })}
            onDelete={(target) => setDialog({ kind: 'delete-case', target })}
          />
        )}
      </main>
      <TaskToasts />
      {dialog.kind === 'palette' ? (
        <CommandPalette
          commands={registry.available(context).filter((c) => c.id !== 'palette.open')}
          isMac={isMac}
          onRun={run}
          onClose={closeDialog}
        />
      ) : null}
      {dialog.kind === 'new-case' ? (
        <CaseFormDialog
          onClose={closeDialog}
          onSaved={(created) => {
            closeDialog();
            navigate({ page: 'case', caseId: created.id, area: 'overview' });
          }}
        />
      ) : null}
      {dialog.kind === 'edit-case' ? (
        <CaseFormDialog existing={dialog.target} onClose={closeDialog} onSaved={closeDialog} />
      ) : null}
      {dialog.kind === 'export-case' ? (
        <ExportDialog current={dialog.target} readOnly={readOnly} onClose={closeDialog} />
      ) : null}
      {dialog.kind === 'import-data' ? (
        <ImportDialog current={dialog.target} readOnly={readOnly} onClose={closeDialog} />
      ) : null}
      {dialog.kind === 'export-bundle' ? (
        <ExportBundleDialog current={dialog.target} readOnly={readOnly} onClose={closeDialog} />
      ) : null}
      {dialog.kind === 'integrity' ? (
        <IntegrityDialog
          caseId={dialog.target?.id}
          {...(dialog.target ? { caseTitle: dialog.target.title } : {})}
          readOnly={readOnly}
          onClose={closeDialog}
        />
      ) : null}
      {dialog.kind === 'import-bundle' ? (
        <ImportBundleDialog
          readOnly={readOnly}
          {...(dialog.preloaded ? { preloaded: dialog.preloaded } : {})}
          onClose={closeDialog}
          onImported={(caseId) => {
            closeDialog();
            navigate({ page: 'case', caseId, area: 'overview' });
          }}
        />
      ) : null}
      {dialog.kind === 'sample-case' ? (
        <SampleCaseDialog
          onClose={closeDialog}
          onOpenCase={(caseId) => {
            closeDialog();
            navigate({ page: 'case', caseId, area: 'overview' });
          }}
        />
      ) : null}
      {dialog.kind === 'delete-case' ? (
        <DeleteCaseDialog
          target={dialog.target}
          onClose={closeDialog}
          onDeleted={() => {
            closeDialog();
            navigate({ page: 'cases' });
          }}
        />
      ) : null}
    </div>
  );
}

interface DesktopShellWiring {
  readonly registry: ReturnType<typeof createCommandRegistry<AppCommandContext>>;
  readonly context: AppCommandContext;
  readonly dialogKind: OpenDialog['kind'];
  readonly openCaseId: CaseId | undefined;
  openCase(caseId: CaseId): void;
  importBundle(preloaded: { readonly name: string; readonly bytes: Uint8Array }): void;
  notify(message: string): void;
}

/**
 * The desktop app's menu, File → Open Recent and bundles opened from the OS (the browser host's
 * subscriptions never fire). Menu items run registry commands by id, under the same rules as
 * shortcuts: an unknown or disabled command does nothing, and while a dialog is open only the
 * palette opens.
 */
function useDesktopShell(host: Host, wiring: DesktopShellWiring): void {
  const { storage } = useStorage();
  const latest = useRef(wiring);
  useEffect(() => {
    latest.current = wiring;
  });

  useEffect(
    () =>
      host.desktop.onCommand((commandId) => {
        const { registry, context, dialogKind } = latest.current;
        if (dialogKind !== 'none' && commandId !== 'palette.open') return;
        void registry.run(commandId, context);
      }),
    [host],
  );

  useEffect(
    () =>
      host.desktop.onOpenCase((id) => {
        const caseId = asCaseId(id);
        void storage.cases.get(caseId).then((found) => {
          if (found) return latest.current.openCase(caseId);
          host.desktop.forgetRecentCase(id);
          latest.current.notify(
            'That case no longer exists in Casefile (it was deleted); it has been removed from Open Recent.',
          );
        });
      }),
    [host, storage],
  );

  useEffect(
    () =>
      host.desktop.onOpenBundle((file) => {
        if (!file.ok) return latest.current.notify(file.error.message);
        const { dialogKind } = latest.current;
        if (dialogKind !== 'none' && dialogKind !== 'palette') {
          return latest.current.notify(
            `Finish or close the open dialog, then open ${file.value.name} again to import it.`,
          );
        }
        latest.current.importBundle(file.value);
      }),
    [host],
  );

  // The case shown goes first in File → Open Recent.
  const { openCaseId } = wiring;
  useEffect(() => {
    if (!openCaseId) return;
    void storage.cases.get(openCaseId).then((found) => {
      if (found) host.desktop.noteCaseOpened({ id: found.id, title: found.title });
    });
  }, [host, storage, openCaseId]);
}
