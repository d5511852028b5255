import type { CaseId } from '../../core';
import { Banner, EmptyState } from '../../ui';
import { useStorageQuery } from '../storage';
import { formatTimestamp } from '../../shared/format';

/** The case's append-only, hash-chained activity log, verified each time it is shown. */
export function ActivityArea({ caseId }: { readonly caseId: CaseId }) {
  const log = useStorageQuery(
    async (storage) => {
      const [events, verdict] = await Promise.all([
        storage.audit.list(caseId),
        storage.audit.verify(caseId),
      ]);
      return { events, verdict };
    },
    [caseId],
  );

  if (log.status === 'loading') return <p role="status">Reading activity…</p>;
  if (log.status === 'failed')
    return <Banner tone="error">Could not read the activity log: {log.message}</Banner>;
  const { events, verdict } = log.value;
  return (
    <div aria-label="Activity" role="region">
      <h2>Activity</h2>
      {verdict.ok ? (
        <Banner tone="info">
          Chain intact: {events.length} {events.length === 1 ? 'event' : 'events'} verified (each
          event carries the SHA-256 of the one before).
        </Banner>
      ) : (
        <Banner tone="error">Activity log does not verify: {verdict.error.message}</Banner>
      )}
      {events.length === 0 ? (
        <EmptyState title="No activity recorded">
          <p>
            The case record’s history (its creation, changes to its details, imports, restores and
            exported reports) is listed here as it happens, each event chained to the one before.
          </p>
        </EmptyState>
      ) : (
        <table className="cf-table" aria-label="Activity log">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{event.seq}</td>
                <td>
                  <time dateTime={event.at}>{formatTimestamp(event.at)}</time>
                </td>
                <td>{describe(event.action, event.detail)}</td>
                <td>
                  <code title={event.hash}>{event.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function describe(action: string, detail: Readonly<Record<string, unknown>>): string {
  const fields = Array.isArray(detail.fields)
    ? detail.fields.filter((f) => typeof f === 'string')
    : [];
  switch (action) {
    case 'case.created':
      return 'Case created';
    case 'case.updated':
      return fields.length > 0
        ? `Case details changed: ${fields.join(', ')}`
        : 'Case details changed';
    default:
      return action;
  }
}
