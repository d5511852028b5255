/**
 * Background work the investigator should be able to follow from anywhere in the app: what runs,
 * how far along it is, how it ended. Plain TypeScript (no React), so it is tested directly and
 * code outside components can report to it.
 */

export type TaskStatus = 'running' | 'done' | 'failed';

/** What a toast shows about one task. */
export interface TaskSnapshot {
  readonly id: string;
  readonly title: string;
  readonly detail?: string;
  readonly status: TaskStatus;
  /** While running: `done` of `total`; absent when how far along is unknown. */
  readonly progress?: { readonly done: number; readonly total: number };
  readonly cancellable: boolean;
  /**
   * True while the view that started the task shows its progress itself (an open dialog, the
   * Sources area's import panel): no toast then, it would only repeat what is in front of the
   * investigator.
   */
  readonly inView: boolean;
  /** Shown once `delayMs` passed since the start (or at once without a delay). */
  readonly due: boolean;
}

export interface StartTaskOptions {
  readonly title: string;
  readonly detail?: string;
  /** Offered as the toast's Cancel button while the task runs. */
  readonly cancel?: () => void;
  /** The starting view shows the progress; see TaskSnapshot.inView and `leaveView`. */
  readonly inView?: boolean;
  /**
   * Work that usually ends quickly: no toast unless it is still running after this long, and
   * none for its success if it ended before (failures are always shown).
   */
  readonly delayMs?: number;
}

export interface TaskHandle {
  readonly id: string;
  /** `done` of `total` (files, bytes, steps); `detail` replaces the second line when given. */
  progress(done: number, total: number, detail?: string): void;
  /** Changes the second line, keeping the progress. */
  describe(detail: string): void;
  /** Ended well: the title becomes `message`, with an optional second line. */
  succeed(message: string, detail?: string): void;
  /** Ended badly: shown until dismissed (unless it ended in its view, which says so itself). */
  fail(message: string, detail?: string): void;
  /**
   * The starting view is going away (a dialog closed, the investigator switched area) while the
   * work goes on: from now on the toast follows it.
   */
  leaveView(): void;
  /** The work was abandoned and is no longer news (its case closed): the task and toast go. */
  drop(): void;
  readonly ended: boolean;
}

export interface TaskStore {
  start(options: StartTaskOptions): TaskHandle;
  /** Every task a toast may show, oldest first; the same array until something changes. */
  list(this: void): readonly TaskSnapshot[];
  subscribe(this: void, listener: () => void): () => void;
  /** Runs the task's cancel (from its toast). Its owner then ends it (usually with `fail` or `succeed`). */
  cancel(id: string): void;
  /** Hides the toast; running work goes on, unseen. */
  dismiss(id: string): void;
}

export interface TaskStoreOptions {
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

interface Entry {
  snapshot: TaskSnapshot;
  readonly cancel?: () => void;
  /** Set once the toast was (or could have been) on screen: its success is then announced too. */
  seen: boolean;
  /** Dismissed while running: the work goes on unseen, but a failure still shows. */
  hidden: boolean;
  delayTimer?: unknown;
}

/** Which tasks a toast shows: out of view, past their delay. */
export function isToastShown(task: TaskSnapshot): boolean {
  return !task.inView && task.due;
}

export function createTaskStore(options: TaskStoreOptions = {}): TaskStore {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let snapshot: readonly TaskSnapshot[] = [];
  let nextId = 1;

  function changed(): void {
    snapshot = [...entries.values()].flatMap((entry) => (entry.hidden ? [] : [entry.snapshot]));
    for (const listener of [...listeners]) listener();
  }

  function update(id: string, patch: Partial<TaskSnapshot>): void {
    const entry = entries.get(id);
    if (!entry) return;
    entry.snapshot = { ...entry.snapshot, ...patch };
    if (isToastShown(entry.snapshot)) entry.seen = true;
    changed();
  }

  function remove(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    if (entry.delayTimer !== undefined) clearTimer(entry.delayTimer);
    entries.delete(id);
    changed();
  }

  function end(id: string, status: 'done' | 'failed', title: string, detail?: string): void {
    const entry = entries.get(id);
    if (!entry || entry.snapshot.status !== 'running') return;
    if (entry.delayTimer !== undefined) clearTimer(entry.delayTimer);
    // The view that started the work shows how it ended. A success nobody saw running (before
    // its delay, or dismissed) is no news either; a failure always is.
    if (entry.snapshot.inView) return remove(id);
    if (status === 'done' && (!entry.seen || entry.hidden)) return remove(id);
    entry.hidden = false;
    const { progress: _progress, detail: _detail, ...rest } = entry.snapshot;
    entry.snapshot = {
      ...rest,
      title,
      ...(detail !== undefined ? { detail } : {}),
      status,
      due: true,
    };
    entry.seen = true;
    changed();
  }

  return {
    start(startOptions) {
      const id = `task-${nextId++}`;
      const delayed = (startOptions.delayMs ?? 0) > 0;
      const entry: Entry = {
        snapshot: {
          id,
          title: startOptions.title,
          ...(startOptions.detail !== undefined ? { detail: startOptions.detail } : {}),
          status: 'running',
          cancellable: startOptions.cancel !== undefined,
          inView: startOptions.inView ?? false,
          due: !delayed,
        },
        ...(startOptions.cancel ? { cancel: startOptions.cancel } : {}),
        seen: false,
        hidden: false,
      };
      entry.seen = isToastShown(entry.snapshot);
      if (delayed) {
        entry.delayTimer = setTimer(() => {
          entry.delayTimer = undefined;
          update(id, { due: true });
        }, startOptions.delayMs!);
      }
      entries.set(id, entry);
      changed();
      const running = () => entries.get(id)?.snapshot.status === 'running';
      return {
        id,
        progress(done, total, detail) {
          if (!running()) return;
          update(id, { progress: { done, total }, ...(detail !== undefined ? { detail } : {}) });
        },
        describe(detail) {
          if (running()) update(id, { detail });
        },
        succeed: (message, detail) => end(id, 'done', message, detail),
        fail: (message, detail) => end(id, 'failed', message, detail),
        leaveView() {
          if (running()) update(id, { inView: false });
        },
        drop: () => remove(id),
        get ended() {
          return !running();
        },
      };
    },
    list: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel(id) {
      const entry = entries.get(id);
      if (entry?.snapshot.status === 'running') entry.cancel?.();
    },
    dismiss(id) {
      const entry = entries.get(id);
      if (entry?.snapshot.status !== 'running') return remove(id);
      entry.hidden = true;
      changed();
    },
  };
}
