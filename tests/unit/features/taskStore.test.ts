import { describe, expect, it, vi } from 'vitest';
import { createTaskStore, isToastShown } from '../../../src/features/tasks/taskStore';

/** A store whose delay timers the test fires by hand. */
function aStore() {
  const timers: { run: () => void; ms: number }[] = [];
  const store = createTaskStore({
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => undefined,
  });
  const shown = () => store.list().filter(isToastShown);
  return { store, timers, shown };
}

describe('the background task store', () => {
  it('follows a task from start through progress to success', () => {
    const { store, shown } = aStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const task = store.start({ title: 'Importing 3 files' });
    expect(shown()).toMatchObject([{ title: 'Importing 3 files', status: 'running' }]);
    task.progress(1, 3, 'File 2 of 3: Storing b.txt');
    expect(shown()[0]).toMatchObject({
      progress: { done: 1, total: 3 },
      detail: 'File 2 of 3: Storing b.txt',
    });
    task.succeed('Imported 3 files');
    expect(shown()).toEqual([
      expect.objectContaining({ title: 'Imported 3 files', status: 'done' }),
    ]);
    expect(shown()[0]).not.toHaveProperty('progress');
    expect(task.ended).toBe(true);
    // Updates after the end change nothing.
    task.progress(2, 3);
    task.fail('late');
    expect(shown()[0]).toMatchObject({ title: 'Imported 3 files', status: 'done' });
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('keeps the same list until something changes', () => {
    const { store } = aStore();
    store.start({ title: 'Work' });
    expect(store.list()).toBe(store.list());
  });

  it('shows no toast while the view that started the work is on screen, and one once it is left', () => {
    const { store, shown } = aStore();
    const task = store.start({ title: 'Exporting “Harbour Street”', inView: true });
    task.progress(1, 4, 'Packing, signing and encrypting the case…');
    expect(shown()).toEqual([]);
    task.leaveView();
    expect(shown()).toMatchObject([{ progress: { done: 1, total: 4 } }]);
    task.succeed('Bundle exported', 'Saved as Harbour Street.casefile.');
    expect(shown()).toMatchObject([{ title: 'Bundle exported', status: 'done' }]);
  });

  it('leaves no toast for work that ended in its view, whether it succeeded or failed', () => {
    const { store } = aStore();
    store.start({ title: 'A', inView: true }).succeed('done');
    store.start({ title: 'B', inView: true }).fail('failed', 'the view says why');
    expect(store.list()).toEqual([]);
  });

  it('shows quick work only once its delay passed, and its success only if it was seen', () => {
    const { store, timers, shown } = aStore();
    const quick = store.start({ title: 'Indexing', delayMs: 2000 });
    expect(timers.map((t) => t.ms)).toEqual([2000]);
    expect(shown()).toEqual([]);
    quick.succeed('Search index ready');
    expect(store.list()).toEqual([]);

    const slow = store.start({ title: 'Indexing', delayMs: 2000 });
    timers[1]!.run();
    expect(shown()).toMatchObject([{ title: 'Indexing', status: 'running' }]);
    slow.succeed('Search index ready');
    expect(shown()).toMatchObject([{ title: 'Search index ready', status: 'done' }]);
  });

  it('always shows a failure of work that was out of view, even before its delay', () => {
    const { store, shown } = aStore();
    store.start({ title: 'Indexing', delayMs: 2000 }).fail('The search index could not be built');
    expect(shown()).toMatchObject([{ status: 'failed' }]);
  });

  it('runs the task’s cancel from its toast, and only while it runs', () => {
    const { store } = aStore();
    const cancel = vi.fn();
    const task = store.start({ title: 'Importing', cancel });
    expect(store.list()[0]?.cancellable).toBe(true);
    store.cancel(task.id);
    expect(cancel).toHaveBeenCalledTimes(1);
    task.succeed('Import cancelled');
    store.cancel(task.id);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(store.start({ title: 'Other' })).toBeDefined();
    expect(store.list()[1]?.cancellable).toBe(false);
  });

  it('hides a dismissed running task, drops its success, but still shows its failure', () => {
    const { store, shown } = aStore();
    const quiet = store.start({ title: 'Backing up' });
    store.dismiss(quiet.id);
    expect(shown()).toEqual([]);
    quiet.succeed('Backed up 2 cases');
    expect(store.list()).toEqual([]);

    const loud = store.start({ title: 'Backing up' });
    store.dismiss(loud.id);
    loud.fail('Backup failed', 'The backup key is missing.');
    expect(shown()).toMatchObject([{ title: 'Backup failed', status: 'failed' }]);
    store.dismiss(loud.id);
    expect(store.list()).toEqual([]);
  });

  it('drops abandoned work whatever its state', () => {
    const { store } = aStore();
    const task = store.start({ title: 'Indexing' });
    task.drop();
    expect(store.list()).toEqual([]);
  });
});
