import { useState, type FormEvent } from 'react';
import type { Chart } from '../../core';
import { Button, Dialog, TextField } from '../../ui';
import { checkChartTitle } from './chartState';

export interface ChartTitleDialogProps {
  /** "New chart" asks for the scope too; "Rename chart" only the title. */
  readonly mode: 'new' | 'rename';
  readonly initialTitle: string;
  readonly onCancel: () => void;
  /** Saves; resolves to an error message to show, or null when done. */
  readonly onSubmit: (title: string, scope: Chart['scope']) => Promise<string | null>;
}

export function ChartTitleDialog({
  mode,
  initialTitle,
  onCancel,
  onSubmit,
}: ChartTitleDialogProps) {
  const [title, setTitle] = useState(initialTitle);
  const [scope, setScope] = useState<Chart['scope']>('all');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const heading = mode === 'new' ? 'New chart' : 'Rename chart';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkChartTitle(title);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setSaving(true);
    const failure = await onSubmit(checked.value, scope);
    setSaving(false);
    if (failure) setError(failure);
  }
  return (
    <Dialog title={heading} onClose={onCancel}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={heading}>
        <TextField
          label="Title"
          value={title}
          error={error}
          autoFocus
          autoComplete="off"
          onChange={(event) => setTitle(event.target.value)}
        />
        {mode === 'new' ? (
          <fieldset className="cf-chart-scope">
            <legend>Draw</legend>
            <label className="cf-chart-check">
              <input
                type="radio"
                name="scope"
                checked={scope === 'all'}
                onChange={() => setScope('all')}
              />
              The whole case (every entity and claim that passes the filters)
            </label>
            <label className="cf-chart-check">
              <input
                type="radio"
                name="scope"
                checked={scope === 'chosen'}
                onChange={() => setScope('chosen')}
              />
              Only entities I add, and their neighbours when I expand them
            </label>
          </fieldset>
        ) : null}
        <div className="cf-dialog__footer">
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {mode === 'new' ? 'Create chart' : 'Rename'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
