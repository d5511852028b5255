import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Toasts, TOAST_AUTO_DISMISS_MS, type ToastItem } from '../../../src/ui';

function renderToasts(items: readonly ToastItem[]) {
  const onDismiss = vi.fn();
  const onCancel = vi.fn();
  const view = render(<Toasts items={items} onDismiss={onDismiss} onCancel={onCancel} />);
  const rerender = (next: readonly ToastItem[]) =>
    view.rerender(<Toasts items={next} onDismiss={onDismiss} onCancel={onCancel} />);
  return { onDismiss, onCancel, rerender };
}

const running: ToastItem = {
  id: 't1',
  title: 'Importing 4 files',
  detail: 'File 2 of 4: Storing memo.docx',
  status: 'running',
  progress: { done: 1, total: 4 },
  cancellable: true,
};

describe('Toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders nothing without toasts', () => {
    renderToasts([]);
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
  });

  it('shows running work as a polite status with a determinate bar, Cancel and Dismiss', () => {
    const { onCancel, onDismiss, rerender } = renderToasts([running]);
    const toast = screen.getByRole('status', { name: 'Importing 4 files' });
    expect(toast).toHaveAttribute('aria-live', 'polite');
    expect(toast).toHaveTextContent('File 2 of 4: Storing memo.docx');
    const bar = screen.getByRole('progressbar', { name: 'Importing 4 files: progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(bar).toHaveAttribute('aria-valuetext', '1 of 4');

    rerender([{ ...running, progress: { done: 3, total: 4 } }]);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '75');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledWith('t1');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Importing 4 files' }));
    expect(onDismiss).toHaveBeenCalledWith('t1');
  });

  it('shows an indeterminate bar when how far along is unknown, and no Cancel when it cannot be', () => {
    renderToasts([{ id: 't2', title: 'Importing bundle.casefile', status: 'running' }]);
    const bar = screen.getByRole('progressbar', { name: 'Importing bundle.casefile: progress' });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('dismisses a finished toast after a while, but not while it is hovered or focused', () => {
    const done: ToastItem = { id: 't1', title: 'Imported 4 files', status: 'done' };
    const { onDismiss } = renderToasts([done]);
    const toast = screen.getByRole('status', { name: 'Imported 4 files' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    fireEvent.mouseEnter(toast);
    act(() => void vi.advanceTimersByTime(TOAST_AUTO_DISMISS_MS * 3));
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.mouseLeave(toast);

    act(() => screen.getByRole('button', { name: 'Dismiss: Imported 4 files' }).focus());
    act(() => void vi.advanceTimersByTime(TOAST_AUTO_DISMISS_MS * 3));
    expect(onDismiss).not.toHaveBeenCalled();
    act(() => screen.getByRole('button', { name: 'Dismiss: Imported 4 files' }).blur());

    act(() => void vi.advanceTimersByTime(TOAST_AUTO_DISMISS_MS - 1));
    expect(onDismiss).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(1));
    expect(onDismiss).toHaveBeenCalledWith('t1');
  });

  it('keeps a failure as an alert until it is dismissed', () => {
    const failed: ToastItem = {
      id: 't3',
      title: 'Bundle export failed',
      detail: 'The disk is full.',
      status: 'failed',
    };
    const { onDismiss } = renderToasts([failed]);
    const alert = screen.getByRole('alert', { name: 'Bundle export failed' });
    expect(alert).toHaveTextContent('The disk is full.');
    act(() => void vi.advanceTimersByTime(TOAST_AUTO_DISMISS_MS * 10));
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Bundle export failed' }));
    expect(onDismiss).toHaveBeenCalledWith('t3');
  });

  it('keeps focus in a toast whose work ends while its Cancel button has focus', () => {
    const { rerender } = renderToasts([running]);
    act(() => screen.getByRole('button', { name: 'Cancel' }).focus());
    rerender([{ id: 't1', title: 'Import cancelled', status: 'done' }]);
    expect(screen.getByRole('button', { name: 'Dismiss: Import cancelled' })).toHaveFocus();
  });
});
