import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { utcDay, type TimelineItem } from '../../../src/core';
import { Timeline } from '../../../src/features/timeline';

const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return utcDay(y!, m!, d!);
};

const items: TimelineItem[] = [
  {
    id: 'claim-1',
    kind: 'claim',
    label: 'Lazarus Group attacked Bangladesh Bank',
    shape: 'point',
    start: day('2016-02-04'),
    end: day('2016-02-05'),
    when: '2016-02-04',
    grade: 'B2',
    status: 'corroborated',
  },
  {
    id: 'claim-2',
    kind: 'claim',
    label: 'Kim met with Lazarus Group',
    shape: 'span',
    start: day('2016-01-01'),
    end: day('2016-03-01'),
    when: '2016-01 – 2016-02',
    status: 'disputed',
    analystAssertion: true,
  },
  {
    id: 'entity-1',
    kind: 'entity',
    label: 'SWIFT heist',
    shape: 'span',
    start: day('2016-02-04'),
    end: day('2016-02-09'),
    when: '2016-02-04 – 2016-02-08',
    entityType: 'Event',
  },
];

function Harness(props: { onSelect?: (ids: string[]) => void; undatedCount?: number }) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <Timeline
      items={items}
      selectedIds={selected}
      onSelect={(ids) => {
        props.onSelect?.(ids);
        setSelected(ids);
      }}
      undatedCount={props.undatedCount ?? 0}
      label="Timeline"
    />
  );
}

const timeline = () => screen.getByTestId('timeline');
const span = () => {
  const el = timeline();
  return (
    Date.parse(el.getAttribute('data-view-end')!) - Date.parse(el.getAttribute('data-view-start')!)
  );
};

describe('the timeline', () => {
  it('shows each item as an option with its label, dates, grade and status', () => {
    render(<Harness undatedCount={3} />);
    const list = screen.getByRole('listbox', { name: /Timeline/ });
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(3);
    expect(
      within(list).getByRole('option', {
        name: 'Lazarus Group attacked Bangladesh Bank, 2016-02-04, grade B2, corroborated',
      }),
    ).toHaveAttribute('aria-selected', 'false');
    expect(
      within(list).getByRole('option', {
        name: 'Kim met with Lazarus Group, 2016-01 – 2016-02, analyst assertion, disputed',
      }),
    ).toBeInTheDocument();
    expect(
      within(list).getByRole('option', { name: 'SWIFT heist, 2016-02-04 – 2016-02-08, Event' }),
    ).toBeInTheDocument();
    expect(within(list).getByText('Lazarus Group attacked Bangladesh Bank')).toBeInTheDocument();
    expect(screen.getByText('3 undated claims not shown')).toBeInTheDocument();
    // Fitted to the items: January to February 2016.
    expect(timeline().getAttribute('data-view-start')! <= '2016-01-01').toBe(true);
    expect(timeline().getAttribute('data-view-end')! >= '2016-03-01').toBe(true);
  });

  it('says so when nothing is dated, and keeps quiet about zero undated claims', () => {
    render(
      <Timeline
        items={[]}
        selectedIds={[]}
        onSelect={() => {}}
        undatedCount={0}
        label="Timeline"
      />,
    );
    expect(screen.getByText('No dated claims or events match the filters.')).toBeInTheDocument();
    expect(screen.queryByText(/undated/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Zoom in' })).toBeDisabled();
  });

  it('selects one item on click, adds or removes with Shift, and clears on the background', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSelect={onSelect} />);
    const option = (name: RegExp) => screen.getByRole('option', { name });

    await user.click(option(/^Lazarus Group attacked/));
    expect(onSelect).toHaveBeenLastCalledWith(['claim-1']);
    expect(option(/^Lazarus Group attacked/)).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Shift>}');
    await user.click(option(/^SWIFT heist/));
    expect(onSelect).toHaveBeenLastCalledWith(['claim-1', 'entity-1']);
    await user.click(option(/^Lazarus Group attacked/));
    expect(onSelect).toHaveBeenLastCalledWith(['entity-1']);
    await user.keyboard('{/Shift}');

    await user.click(option(/^Kim met with/));
    expect(onSelect).toHaveBeenLastCalledWith(['claim-2']);
    expect(option(/^SWIFT heist/)).toHaveAttribute('aria-selected', 'false');

    await user.click(screen.getByRole('listbox', { name: /Timeline/ }));
    expect(onSelect).toHaveBeenLastCalledWith([]);
  });

  it('is driven by the keyboard: arrows move between items, Enter selects, Shift+Enter adds', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSelect={onSelect} />);
    const options = screen.getAllByRole('option');
    options[0]!.focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith([options[0]!.getAttribute('data-id')]);
    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveFocus();
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(onSelect).toHaveBeenLastCalledWith([
      options[0]!.getAttribute('data-id'),
      options[1]!.getAttribute('data-id'),
    ]);
    await user.keyboard('{ArrowUp}');
    expect(options[0]).toHaveFocus();
    await user.keyboard(' ');
    expect(onSelect).toHaveBeenLastCalledWith([options[0]!.getAttribute('data-id')]);
  });

  it('zooms in, out and back to fit with the buttons', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const fitted = span();
    const start = timeline().getAttribute('data-view-start');

    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(span()).toBeLessThan(fitted);
    expect(span()).toBeGreaterThan(fitted * 0.4);
    expect(timeline().getAttribute('data-view-start')! > start!).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(span()).toBeGreaterThan(fitted * 1.5);

    await user.click(screen.getByRole('button', { name: 'Fit the timeline' }));
    expect(span()).toBe(fitted);
  });

  it('zooms with + − 0 and pans with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const fitted = span();
    screen.getByRole('listbox', { name: /Timeline/ }).focus();

    await user.keyboard('+');
    expect(span()).toBeLessThan(fitted);
    await user.keyboard('0');
    expect(span()).toBe(fitted);
    await user.keyboard('-');
    expect(span()).toBeGreaterThan(fitted);

    const before = timeline().getAttribute('data-view-start')!;
    await user.keyboard('{ArrowRight}');
    expect(timeline().getAttribute('data-view-start')! > before).toBe(true);
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(timeline().getAttribute('data-view-start')! < before).toBe(true);
  });

  it('zooms with the wheel, pans with Shift+wheel and by dragging, without selecting what the drag ends on', () => {
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    const fitted = span();
    const viewport = screen.getByRole('listbox', { name: /Timeline/ }).parentElement!;

    fireEvent.wheel(viewport, { deltaY: -300, clientX: 100 });
    expect(span()).toBeLessThan(fitted);
    fireEvent.wheel(viewport, { deltaY: 600, clientX: 100 });
    expect(span()).toBeGreaterThan(fitted);
    const zoomedOut = span();
    const startBefore = timeline().getAttribute('data-view-start')!;
    fireEvent.wheel(viewport, { deltaY: 200, shiftKey: true });
    expect(span()).toBe(zoomedOut);
    expect(timeline().getAttribute('data-view-start')! > startBefore).toBe(true);

    const before = timeline().getAttribute('data-view-start')!;
    const item = screen.getAllByRole('option')[0]!;
    fireEvent.pointerDown(viewport, { button: 0, clientX: 400, pointerId: 1 });
    fireEvent.pointerMove(viewport, { clientX: 200, pointerId: 1 });
    fireEvent.pointerUp(viewport, { clientX: 200, pointerId: 1 });
    fireEvent.click(item);
    // Dragged left: later times come into view.
    expect(timeline().getAttribute('data-view-start')! > before).toBe(true);
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('hides labels when too many items are in view to label, and names them still', () => {
    const crowd: TimelineItem[] = Array.from({ length: 200 }, (_, i) => ({
      id: `claim-${i}`,
      kind: 'claim',
      label: `Account ${i} paid Account ${i + 1}`,
      shape: 'point',
      start: day('2016-02-04') + (i % 5) * 86_400_000,
      end: day('2016-02-05') + (i % 5) * 86_400_000,
      when: '2016-02-04',
      grade: 'B2',
      status: 'asserted',
    }));
    render(
      <Timeline
        items={crowd}
        selectedIds={[]}
        onSelect={() => {}}
        undatedCount={0}
        label="Timeline"
      />,
    );
    expect(screen.getByText('200 items in view: zoom in to read their labels')).toBeInTheDocument();
    expect(screen.queryByText('Account 7 paid Account 8')).toBeNull();
    expect(screen.getAllByRole('option')).toHaveLength(200);
    expect(
      screen.getByRole('option', {
        name: 'Account 7 paid Account 8, 2016-02-04, grade B2, asserted',
      }),
    ).toBeInTheDocument();
  });

  it('brings an item selected elsewhere (on the chart) into view, keeping the zoom', async () => {
    const user = userEvent.setup();
    const props = { items, onSelect: () => {}, undatedCount: 0, label: 'Timeline' };
    const { rerender } = render(<Timeline {...props} selectedIds={[]} />);
    // Zoom in on the fitted view's middle (end of January), then look further back.
    for (let i = 0; i < 4; i += 1)
      await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    screen.getByRole('listbox', { name: /Timeline/ }).focus();
    for (let i = 0; i < 5; i += 1) await user.keyboard('{ArrowLeft}');
    const zoomedSpan = span();
    expect(screen.queryByRole('option', { name: /^Lazarus Group attacked/ })).toBeNull();

    rerender(<Timeline {...props} selectedIds={['claim-1']} />);
    const option = screen.getByRole('option', { name: /^Lazarus Group attacked/ });
    expect(option).toHaveAttribute('aria-selected', 'true');
    expect(Math.abs(span() - zoomedSpan)).toBeLessThanOrEqual(86_400_000);
    const start = Date.parse(timeline().getAttribute('data-view-start')!);
    const end = Date.parse(timeline().getAttribute('data-view-end')!);
    expect(start <= day('2016-02-04') && end >= day('2016-02-05')).toBe(true);
  });
});
