import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmptyState, ResizeHandle, useResizablePane } from '../../../src/ui';
import { paneStorageKey, readPaneSize } from '../../../src/ui/panePersistence';

const bounds = { defaultSize: 300, min: 200, max: 500 };

function Split({ caseId, side = 'end' }: { caseId: string; side?: 'start' | 'end' }) {
  const pane = useResizablePane({ caseId, pane: 'test.side', ...bounds });
  return (
    <div className="cf-split" data-testid="split" style={pane.style}>
      <ResizeHandle pane={pane} label="Resize the side panel" side={side} />
    </div>
  );
}

describe('ResizeHandle', () => {
  beforeEach(() => localStorage.clear());

  it('is a vertical separator with its size, bounds and label', () => {
    render(<Split caseId="case-a" />);
    const handle = screen.getByRole('separator', { name: 'Resize the side panel' });
    expect(handle).toHaveAttribute('aria-orientation', 'vertical');
    expect(handle).toHaveAttribute('aria-valuenow', '300');
    expect(handle).toHaveAttribute('aria-valuemin', '200');
    expect(handle).toHaveAttribute('aria-valuemax', '500');
    expect(handle).toHaveAttribute('tabindex', '0');
    expect(screen.getByTestId('split').style.getPropertyValue('--cf-pane-size')).toBe('300px');
  });

  it('resizes with the arrow keys, Home and End, within the bounds', () => {
    render(<Split caseId="case-a" />);
    const handle = screen.getByRole('separator');
    // The sized pane is on the right: moving the separator left widens it.
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(handle).toHaveAttribute('aria-valuenow', '316');
    fireEvent.keyDown(handle, { key: 'ArrowRight', shiftKey: true });
    expect(handle).toHaveAttribute('aria-valuenow', '252');
    fireEvent.keyDown(handle, { key: 'End' });
    expect(handle).toHaveAttribute('aria-valuenow', '500');
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(handle).toHaveAttribute('aria-valuenow', '500');
    fireEvent.keyDown(handle, { key: 'Home' });
    expect(handle).toHaveAttribute('aria-valuenow', '200');
    expect(screen.getByTestId('split').style.getPropertyValue('--cf-pane-size')).toBe('200px');
  });

  it('widens a left-hand pane with ArrowRight', () => {
    render(<Split caseId="case-a" side="start" />);
    const handle = screen.getByRole('separator');
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(handle).toHaveAttribute('aria-valuenow', '316');
  });

  it('follows a pointer drag and resets on double-click', () => {
    render(<Split caseId="case-a" />);
    const handle = screen.getByRole('separator');
    fireEvent.pointerDown(handle, { button: 0, clientX: 600, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 560, pointerId: 1 });
    fireEvent.pointerUp(handle, { pointerId: 1 });
    expect(handle).toHaveAttribute('aria-valuenow', '340');
    fireEvent.pointerMove(handle, { clientX: 100, pointerId: 1 });
    expect(handle).toHaveAttribute('aria-valuenow', '340');
    fireEvent.doubleClick(handle);
    expect(handle).toHaveAttribute('aria-valuenow', '300');
    expect(localStorage.getItem(paneStorageKey('case-a', 'test.side'))).toBeNull();
  });

  it('remembers the size per case', () => {
    const { unmount } = render(<Split caseId="case-a" />);
    fireEvent.keyDown(screen.getByRole('separator'), { key: 'End' });
    unmount();
    render(<Split caseId="case-b" />);
    expect(screen.getByRole('separator')).toHaveAttribute('aria-valuenow', '300');
    cleanup();
    render(<Split caseId="case-a" />);
    expect(screen.getByRole('separator')).toHaveAttribute('aria-valuenow', '500');
  });

  it('follows the open case when it changes', () => {
    localStorage.setItem(paneStorageKey('case-b', 'test.side'), '420');
    const { rerender } = render(<Split caseId="case-a" />);
    expect(screen.getByRole('separator')).toHaveAttribute('aria-valuenow', '300');
    rerender(<Split caseId="case-b" />);
    expect(screen.getByRole('separator')).toHaveAttribute('aria-valuenow', '420');
  });
});

describe('readPaneSize', () => {
  beforeEach(() => localStorage.clear());

  it.each([
    ['not a number', 'wide'],
    ['negative', '-40'],
    ['fractional', '12.5'],
    ['below the minimum', '20'],
    ['above the maximum', '9000'],
    ['empty', ''],
    ['JSON', '{"size":300}'],
  ])('falls back to the default for a stored value that is %s', (_why, stored) => {
    localStorage.setItem(paneStorageKey('case-a', 'test.side'), stored);
    expect(readPaneSize('case-a', 'test.side', bounds)).toBe(300);
    render(<Split caseId="case-a" />);
    expect(screen.getByRole('separator')).toHaveAttribute('aria-valuenow', '300');
  });

  it('uses a valid stored value', () => {
    localStorage.setItem(paneStorageKey('case-a', 'test.side'), '444');
    expect(readPaneSize('case-a', 'test.side', bounds)).toBe(444);
  });
});

describe('EmptyState', () => {
  it('says what is empty, what to do and offers the action', () => {
    render(
      <EmptyState title="No notes yet" action={<button type="button">New note</button>}>
        <p>Write a note.</p>
      </EmptyState>,
    );
    expect(screen.getByRole('heading', { level: 3, name: 'No notes yet' })).toBeInTheDocument();
    expect(screen.getByText('Write a note.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New note' })).toBeInTheDocument();
  });
});
