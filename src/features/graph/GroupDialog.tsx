import { useState, type FormEvent } from 'react';
import { Button, Dialog, TextField } from '../../ui';
import { checkGroupLabel } from './chartState';

/** Names a new group of the selected entities. */
export function GroupDialog({
  count,
  taken,
  onCancel,
  onCreate,
}: {
  readonly count: number;
  /** Names of the chart's groups: a new one must differ. */
  readonly taken: readonly string[];
  readonly onCancel: () => void;
  readonly onCreate: (label: string) => void;
}) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | undefined>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkGroupLabel(label, taken);
    if (!checked.ok) setError(checked.message);
    else onCreate(checked.value);
  }
  return (
    <Dialog title="Group selected entities" onClose={onCancel}>
      <form onSubmit={submit} noValidate aria-label="Group selected entities">
        <p>
          {count} {count === 1 ? 'entity' : 'entities'} will be drawn together; collapse the group
          to draw them as one node.
        </p>
        <TextField
          label="Group name"
          value={label}
          error={error}
          autoFocus
          autoComplete="off"
          onChange={(event) => setLabel(event.target.value)}
        />
        <div className="cf-dialog__footer">
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary">
            Create group
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
