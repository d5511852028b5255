import { useState, type FormEvent } from 'react';
import { Button, Dialog, TextField } from '../../ui';
import { isAllowedLinkUrl } from '../links';

/** Asks for a link address; refuses what links may not hold (javascript:, data:, …). */
export function LinkDialog({
  initialUrl,
  onSubmit,
  onRemove,
  onClose,
}: {
  readonly initialUrl: string;
  readonly onSubmit: (url: string) => void;
  readonly onRemove?: (() => void) | undefined;
  readonly onClose: () => void;
}) {
  const [url, setUrl] = useState(initialUrl);
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = url.trim();
    if (!isAllowedLinkUrl(trimmed)) {
      setError(
        'Enter a web address (https://…), a mail address (mailto:…) or a case link (#/case/…).',
      );
      return;
    }
    onSubmit(trimmed);
  }

  return (
    <Dialog
      title="Link"
      onClose={onClose}
      footer={
        <>
          {onRemove ? (
            <Button variant="ghost" onClick={onRemove}>
              Remove link
            </Button>
          ) : null}
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="cf-note-link-form">
            Apply
          </Button>
        </>
      }
    >
      <form id="cf-note-link-form" onSubmit={submit}>
        <TextField
          label="Address"
          hint="Links in notes never open a web page; case links open that place in Casefile."
          value={url}
          autoFocus
          error={error}
          onChange={(event) => {
            setUrl(event.target.value);
            setError(undefined);
          }}
        />
      </form>
    </Dialog>
  );
}
