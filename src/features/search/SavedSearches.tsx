import { useState, type FormEvent } from 'react';
import { MAX_SAVED_SEARCH_NAME_LENGTH, type CaseId, type SavedSearch } from '../../core';
import { parseSearchQuery } from '../../search';
import { Banner, Button, ConfirmDialog, Dialog, TextField } from '../../ui';
import { useStorage, useStorageQuery } from '../storage';

export interface SavedSearchesProps {
  readonly caseId: CaseId;
  /** The query in the search field now (what "Save search…" saves). */
  readonly query: string;
  readonly readOnly: boolean;
  /** Runs a saved query (the area navigates with it). */
  readonly onRun: (query: string) => void;
}

type Editing =
  | { readonly kind: 'none' }
  | { readonly kind: 'save' }
  | { readonly kind: 'rename'; readonly target: SavedSearch }
  | { readonly kind: 'delete'; readonly target: SavedSearch };

/**
 * The case's saved searches, most recently run first: Save search… (the current query, named),
 * Run, Rename…, Delete…. Only the query text is saved, so a saved search runs on the case as it
 * is now. Running one moves it to the top (`touch`, not audited).
 */
export function SavedSearches({ caseId, query, readOnly, onRun }: SavedSearchesProps) {
  const { storage, changed } = useStorage();
  const listed = useStorageQuery((s) => s.savedSearches.list(caseId), [caseId]);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => setEditing({ kind: 'none' });

  function startSave() {
    // The query is checked before asking for a name: a query that cannot run is not saved.
    const parsed = parseSearchQuery(query);
    if (!parsed.ok) {
      setProblem(`This search cannot be saved: ${parsed.error.message}`);
      return;
    }
    setProblem(null);
    setEditing({ kind: 'save' });
  }

  async function run(saved: SavedSearch) {
    setProblem(null);
    onRun(saved.query);
    if (readOnly) return;
    const touched = await storage.savedSearches.touch(saved.id);
    if (touched.ok) changed();
  }

  return (
    <aside className="cf-search-saved" aria-labelledby="cf-search-saved-heading">
      <h2 id="cf-search-saved-heading">Saved searches</h2>
      {readOnly ? null : (
        <Button onClick={startSave} disabled={query.trim() === ''}>
          Save search…
        </Button>
      )}
      {problem ? <Banner tone="error">{problem}</Banner> : null}
      {listed.status === 'loading' ? <p className="cf-muted">Loading…</p> : null}
      {listed.status === 'failed' ? (
        <Banner tone="error">Could not read the saved searches: {listed.message}</Banner>
      ) : null}
      {listed.status === 'ready' && listed.value.length === 0 ? (
        <p className="cf-muted">
          None yet. Search, then “Save search…” to keep the query for later.
        </p>
      ) : null}
      {listed.status === 'ready' && listed.value.length > 0 ? (
        <ul className="cf-search-saved__list">
          {listed.value.map((saved) => (
            <li key={saved.id} className="cf-search-saved__item">
              <span className="cf-search-saved__name">{saved.name}</span>
              <code className="cf-search-saved__query" title={saved.query}>
                {saved.query}
              </code>
              <span className="cf-search-saved__actions">
                <Button aria-label={`Run “${saved.name}”`} onClick={() => void run(saved)}>
                  Run
                </Button>
                {readOnly ? null : (
                  <>
                    <Button
                      variant="ghost"
                      aria-label={`Rename “${saved.name}”`}
                      onClick={() => setEditing({ kind: 'rename', target: saved })}
                    >
                      Rename…
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Delete “${saved.name}”`}
                      onClick={() => setEditing({ kind: 'delete', target: saved })}
                    >
                      Delete…
                    </Button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {editing.kind === 'save' ? (
        <NameDialog
          title="Save search"
          submitLabel="Save"
          initialName=""
          query={query}
          onClose={close}
          onSubmit={async (name) => {
            const saved = await storage.savedSearches.create(caseId, { name, query });
            if (!saved.ok) return saved.error.message;
            changed();
            close();
            return null;
          }}
        />
      ) : null}
      {editing.kind === 'rename' ? (
        <NameDialog
          title="Rename saved search"
          submitLabel="Rename"
          initialName={editing.target.name}
          query={editing.target.query}
          onClose={close}
          onSubmit={async (name) => {
            const renamed = await storage.savedSearches.update(editing.target.id, { name });
            if (!renamed.ok) return renamed.error.message;
            changed();
            close();
            return null;
          }}
        />
      ) : null}
      {editing.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete saved search?"
          confirmLabel="Delete"
          onClose={close}
          onConfirm={async () => {
            const deleted = await storage.savedSearches.delete(editing.target.id);
            if (!deleted.ok) return deleted.error.message;
            changed();
            close();
            return null;
          }}
        >
          <p>
            “{editing.target.name}” will be removed from this case’s saved searches. Nothing else
            changes.
          </p>
        </ConfirmDialog>
      ) : null}
    </aside>
  );
}

function NameDialog({
  title,
  submitLabel,
  initialName,
  query,
  onClose,
  onSubmit,
}: {
  readonly title: string;
  readonly submitLabel: string;
  readonly initialName: string;
  readonly query: string;
  readonly onClose: () => void;
  /** Resolves to an error message to show, or null when done. */
  readonly onSubmit: (name: string) => Promise<string | null>;
}) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Give the saved search a name.');
      return;
    }
    setBusy(true);
    const failure = await onSubmit(name);
    setBusy(false);
    if (failure) setError(failure);
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label={title}>
        <TextField
          label="Name"
          value={name}
          autoFocus
          maxLength={MAX_SAVED_SEARCH_NAME_LENGTH}
          error={error}
          onChange={(e) => {
            setName(e.target.value);
            setError(undefined);
          }}
        />
        <p className="cf-muted">
          Search: <code>{query}</code>
        </p>
        <div className="cf-dialog__footer">
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
