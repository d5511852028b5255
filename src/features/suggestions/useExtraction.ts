import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useServices } from '../services';
import { useStorage } from '../storage';
import {
  extractionQueueFor,
  type ExtractionQueue,
  type ExtractionSnapshot,
} from './extractionQueue';

/** The app's extraction queue; while a view uses it, stored suggestions refresh the views. */
export function useExtractionQueue(): ExtractionQueue {
  const { storage, changed } = useStorage();
  const { extractor } = useServices();
  const queue = useMemo(() => extractionQueueFor(storage, extractor), [storage, extractor]);
  useEffect(() => queue.onStored(changed), [queue, changed]);
  return queue;
}

/** What the queue is doing now, re-rendering as it changes. */
export function useExtractionSnapshot(queue: ExtractionQueue): ExtractionSnapshot {
  return useSyncExternalStore(queue.subscribe, queue.snapshot);
}
