import { useEffect, useRef, useState } from 'react';
import type { CaseId } from '../../core';
import { Banner, Button, Dialog } from '../../ui';
import { useKeyring } from '../bundles';
import { useStorage } from '../storage';
import { openSampleCase } from './openSampleCase';
import { loadSampleBundle } from './sampleAsset';

type Step =
  | { readonly kind: 'working'; readonly message: string }
  | { readonly kind: 'exists'; readonly caseId: CaseId; readonly title: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface SampleCaseDialogProps {
  readonly onClose: () => void;
  /** After the import, or to open the copy already there. */
  readonly onOpenCase: (caseId: CaseId) => void;
}

/**
 * "Open the sample case": imports the shipped bundle as soon as it opens and goes to the case;
 * when the sample case is already there it says so and offers to open that one.
 */
export function SampleCaseDialog({ onClose, onOpenCase }: SampleCaseDialogProps) {
  const { storage, changed } = useStorage();
  const { worker } = useKeyring();
  const [step, setStep] = useState<Step>({ kind: 'working', message: 'Reading the sample case…' });
  const started = useRef(false);
  const closed = useRef(false);
  const latest = useRef({ changed, onOpenCase });
  useEffect(() => {
    latest.current = { changed, onOpenCase };
  });

  useEffect(() => {
    // Once per dialog, even if React runs effects twice.
    if (started.current) return;
    started.current = true;
    void (async () => {
      const bytes = await loadSampleBundle();
      if (!bytes.ok) return setStep({ kind: 'failed', message: bytes.error.message });
      const outcome = await openSampleCase({
        storage,
        worker,
        bytes: bytes.value,
        onProgress: (message) => setStep({ kind: 'working', message }),
      });
      if (!outcome.ok) return setStep({ kind: 'failed', message: outcome.error.message });
      const { status, caseId, title } = outcome.value;
      if (status === 'exists') return setStep({ kind: 'exists', caseId, title });
      latest.current.changed();
      // Closed while it worked: the case is imported all the same, but stay where we are.
      if (!closed.current) latest.current.onOpenCase(caseId);
    })();
  }, [storage, worker]);

  function close() {
    closed.current = true;
    onClose();
  }

  const footer =
    step.kind === 'exists' ? (
      <>
        <Button onClick={close}>Close</Button>
        <Button variant="primary" onClick={() => onOpenCase(step.caseId)}>
          Open it
        </Button>
      </>
    ) : (
      <Button onClick={close}>Close</Button>
    );

  return (
    <Dialog title="Open the sample case" onClose={close} footer={footer}>
      {step.kind === 'working' ? <p role="status">{step.message}</p> : null}
      {step.kind === 'exists' ? (
        <p>
          The sample case, <strong>{step.title}</strong>, is already in your cases. Open it, or
          delete it first to start again from the original.
        </p>
      ) : null}
      {step.kind === 'failed' ? <Banner tone="error">{step.message}</Banner> : null}
    </Dialog>
  );
}
