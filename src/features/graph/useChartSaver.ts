import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChartChanges, ChartId } from '../../core';
import { useStorage } from '../storage';

/** Edits wait this long for the next one before they are written (drags fire many). */
export const CHART_SAVE_DELAY_MS = 400;

export type ChartSaveState =
  | { readonly status: 'saved' | 'pending' | 'saving' }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Saves a chart's view edits (filters, positions, layout, …) shortly after they are made, merged
 * into one write. They are view state no other area shows, so no `changed()`: re-reading the
 * whole case after every drag would redraw the chart for nothing. Pending edits are written when
 * the chart closes.
 */
export function useChartSaver(chartId: ChartId, enabled: boolean) {
  const { storage } = useStorage();
  const pending = useRef<ChartChanges>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const writing = useRef(0);
  const [state, setState] = useState<ChartSaveState>({ status: 'saved' });

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const changes = pending.current;
    pending.current = {};
    if (Object.keys(changes).length === 0) return;
    writing.current += 1;
    setState({ status: 'saving' });
    const result = await storage.charts.update(chartId, changes);
    writing.current -= 1;
    if (!result.ok) {
      setState({ status: 'failed', message: result.error.message });
      return;
    }
    const more = Object.keys(pending.current).length > 0;
    setState({ status: more ? 'pending' : writing.current > 0 ? 'saving' : 'saved' });
  }, [storage, chartId]);

  const save = useCallback(
    (changes: ChartChanges) => {
      if (!enabled) return;
      pending.current = { ...pending.current, ...changes };
      setState({ status: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), CHART_SAVE_DELAY_MS);
    },
    [enabled, flush],
  );

  useEffect(() => () => void flush(), [flush]);

  return { save, flush, state };
}
