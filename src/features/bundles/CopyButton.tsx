import { useState } from 'react';
import { Button } from '../../ui';

/** Copies `text` to the clipboard and says so; a refusal (no permission) is said too. */
export function CopyButton({ text, label }: { readonly text: string; readonly label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <>
      <Button variant="ghost" aria-label={label} onClick={() => void copy()}>
        Copy
      </Button>
      <span role="status" className="cf-muted">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'Copying was refused: select the text instead.'
            : ''}
      </span>
    </>
  );
}
