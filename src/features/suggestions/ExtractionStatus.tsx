import type { CaseId } from '../../core';
import { Button } from '../../ui';
import { useStorageQuery } from '../storage';
import { useExtractionQueue, useExtractionSnapshot } from './useExtraction';

/**
 * A one-line status for the Sources area: background extraction in progress (with Cancel), and
 * how many suggestions wait for review across the case.
 */
export function ExtractionStatus({ caseId }: { readonly caseId: CaseId }) {
  const queue = useExtractionQueue();
  const snapshot = useExtractionSnapshot(queue);
  const pending = useStorageQuery((s) => s.suggestions.pendingCounts(caseId), [caseId]);
  const jobs = snapshot.jobs.filter((j) => j.caseId === caseId);
  const running = jobs.find((j) => j.state === 'running');
  let waiting = 0;
  let sources = 0;
  if (pending.status === 'ready') {
    for (const count of pending.value.values()) {
      if (count > 0) {
        waiting += count;
        sources += 1;
      }
    }
  }
  const failures = snapshot.failures.filter((f) => f.caseId === caseId);
  if (jobs.length === 0 && waiting === 0 && failures.length === 0) return null;
  return (
    <div className="cf-extraction-status" aria-label="Entity suggestions" role="region">
      {failures.length > 0 ? (
        <div className="cf-extraction-status__failures" role="alert">
          <span>
            Could not find entities in{' '}
            {failures.length === 1
              ? `“${failures[0]!.title}”: ${failures[0]!.message}`
              : `${failures.length} sources, e.g. “${failures[0]!.title}”: ${failures[0]!.message}`}
          </span>
          <Button variant="ghost" onClick={() => queue.dismissFailures(caseId)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      {jobs.length > 0 ? (
        <>
          <span className="cf-spinner" aria-hidden="true" />
          <span role="status">
            Finding entities in {jobs.length} {jobs.length === 1 ? 'source' : 'sources'}…
            {running && running.totalChars > 0 ? (
              <span className="cf-muted">
                {' '}
                {running.title} ({Math.floor((running.doneChars / running.totalChars) * 100)}%)
              </span>
            ) : null}
          </span>
          <Button variant="ghost" onClick={() => queue.cancelCase(caseId)}>
            Stop
          </Button>
        </>
      ) : null}
      {jobs.length === 0 && waiting > 0 ? (
        <span role="status">
          {waiting.toLocaleString()} {waiting === 1 ? 'suggestion' : 'suggestions'} to review in{' '}
          {sources} {sources === 1 ? 'source' : 'sources'}: open a source and its Suggestions to
          accept or reject them.
        </span>
      ) : null}
    </div>
  );
}
