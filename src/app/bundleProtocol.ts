import type { BundleJob, BundleProgress } from '../features/bundles';
import type { Result } from '../shared/result';

/** Messages between the bundle client (UI thread) and the bundle worker. */
export type BundleWorkerRequest = BundleJob;

export type BundleWorkerMessage =
  | { readonly type: 'progress'; readonly id: number; readonly progress: BundleProgress }
  | { readonly type: 'done'; readonly id: number; readonly result: Result<unknown> };
