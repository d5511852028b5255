import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { Toasts } from '../../ui';
import {
  createTaskStore,
  isToastShown,
  type StartTaskOptions,
  type TaskHandle,
  type TaskSnapshot,
  type TaskStore,
} from './taskStore';

const TasksContext = createContext<TaskStore | null>(null);

/** Without a provider (a component test of one view) tasks are kept where no toast shows them. */
let unseenStore: TaskStore | undefined;

/** The app's background tasks; the composition root provides one store for the whole app. */
export function TasksProvider({
  store: given,
  children,
}: {
  readonly store?: TaskStore;
  readonly children: ReactNode;
}) {
  const [store] = useState(() => given ?? createTaskStore());
  return <TasksContext.Provider value={store}>{children}</TasksContext.Provider>;
}

export function useTasks(): TaskStore {
  return useContext(TasksContext) ?? (unseenStore ??= createTaskStore());
}

/** Every task a toast may show, re-rendering on change. */
export function useTaskList(): readonly TaskSnapshot[] {
  const store = useTasks();
  return useSyncExternalStore(store.subscribe, store.list, store.list);
}

/**
 * Starts tasks whose progress the calling view shows while it is on screen (a dialog, an area).
 * When the view goes away with work still running, the toast takes over (`leaveView`).
 */
export function useViewTasks(): (options: Omit<StartTaskOptions, 'inView'>) => TaskHandle {
  const store = useTasks();
  const started = useRef(new Set<TaskHandle>());
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    const own = started.current;
    return () => {
      mounted.current = false;
      // After a microtask: StrictMode's rehearsal unmount is followed at once by a mount.
      queueMicrotask(() => {
        if (mounted.current) return;
        for (const task of own) task.leaveView();
        own.clear();
      });
    };
  }, []);
  return useCallback(
    (options) => {
      for (const task of started.current) if (task.ended) started.current.delete(task);
      const task = store.start({ ...options, inView: true });
      started.current.add(task);
      return task;
    },
    [store],
  );
}

/** The toasts of the app's background work; the shell renders this once. */
export function TaskToasts() {
  const store = useTasks();
  const tasks = useTaskList();
  return (
    <Toasts
      items={tasks.filter(isToastShown)}
      onDismiss={(id) => store.dismiss(id)}
      onCancel={(id) => store.cancel(id)}
    />
  );
}
