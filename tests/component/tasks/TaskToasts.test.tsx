import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  createTaskStore,
  TasksProvider,
  TaskToasts,
  useViewTasks,
  type TaskHandle,
  type TaskStore,
} from '../../../src/features/tasks';

/** A view (think: a dialog) that starts one task and shows its own progress while open. */
function ExportView({
  cancel,
  onStarted,
}: {
  cancel: () => void;
  onStarted: (t: TaskHandle) => void;
}) {
  const startTask = useViewTasks();
  return (
    <button
      type="button"
      onClick={() => onStarted(startTask({ title: 'Exporting “Harbour”', cancel }))}
    >
      Export
    </button>
  );
}

function Shell({
  store,
  cancel,
  onStarted,
}: {
  store: TaskStore;
  cancel: () => void;
  onStarted: (t: TaskHandle) => void;
}) {
  const [open, setOpen] = useState(true);
  return (
    <TasksProvider store={store}>
      {open ? <ExportView cancel={cancel} onStarted={onStarted} /> : null}
      <button type="button" onClick={() => setOpen(false)}>
        Close dialog
      </button>
      <TaskToasts />
    </TasksProvider>
  );
}

async function startAndLeave() {
  const store = createTaskStore();
  const cancel = vi.fn();
  let task: TaskHandle | undefined;
  render(
    <StrictMode>
      <Shell store={store} cancel={cancel} onStarted={(t) => (task = t)} />
    </StrictMode>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Export' }));
  act(() => task!.progress(1, 4, 'Packing, signing and encrypting the case…'));
  // The view shows the progress itself: no toast yet.
  expect(screen.queryByRole('status')).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Close dialog' }));
  // The view's clean-up hands the task to the toasts after a microtask.
  await act(() => Promise.resolve());
  return { store, cancel, task: task! };
}

describe('task toasts', () => {
  it('show work that outlives the view that started it, with its progress and Cancel', async () => {
    const { cancel, task } = await startAndLeave();
    const toast = screen.getByRole('status', { name: 'Exporting “Harbour”' });
    expect(toast).toHaveTextContent('Packing, signing and encrypting the case…');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);

    act(() => task.succeed('Bundle exported', 'Saved as Harbour.casefile.'));
    expect(screen.getByRole('status', { name: 'Bundle exported' })).toHaveTextContent(
      'Saved as Harbour.casefile.',
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Bundle exported' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('announce a failure after the view closed as an alert that stays', async () => {
    const { task } = await startAndLeave();
    act(() => task.fail('Bundle export failed', 'The disk is full.'));
    expect(screen.getByRole('alert', { name: 'Bundle export failed' })).toHaveTextContent(
      'The disk is full.',
    );
  });
});
