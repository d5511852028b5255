import type { CaseId } from '../../core';
import type { TransferCommitOptions } from '../../core/ports/transfer';
import type { CasefileStorage } from '../../db';
import { ok, type Result } from '../../shared/result';
import type { BundleWorker } from '../bundles';
import { SAMPLE_AGE_IDENTITY, SAMPLE_BUNDLE_FILE_NAME } from './sampleKeys';

export type SampleCaseOutcome =
  | { readonly status: 'imported'; readonly caseId: CaseId; readonly title: string }
  /** The sample case is already on this computer: nothing was written. */
  | { readonly status: 'exists'; readonly caseId: CaseId; readonly title: string };

export interface OpenSampleCaseDeps {
  readonly storage: Pick<CasefileStorage, 'transfer'>;
  readonly worker: Pick<BundleWorker, 'read'>;
  /** The shipped bundle's bytes (moved to the worker). */
  readonly bytes: Uint8Array;
  readonly onProgress?: (message: string) => void;
}

/**
 * Imports the shipped sample bundle the way any bundle is imported: decrypted with the sample
 * identity and checked by readBundle in the worker, planned, then committed in one transaction
 * with a `bundle.imported` audit event. No preview: the newcomer lands in the case. When the case
 * is already there it is left alone (never merged over the analyst's edits).
 */
export async function openSampleCase(deps: OpenSampleCaseDeps): Promise<Result<SampleCaseOutcome>> {
  const opened = await deps.worker.read(
    deps.bytes,
    { identities: [SAMPLE_AGE_IDENTITY] },
    {},
    (progress) => deps.onProgress?.(progress.message),
  );
  if (!opened.ok) return opened;
  const bundle = opened.value;
  const plan = await deps.storage.transfer.plan(bundle.caseData, bundle.originals);
  if (!plan.ok) return plan;
  const { caseId, caseTitle: title } = plan.value;
  if (plan.value.mode !== 'new-case') return ok({ status: 'exists', caseId, title });
  const options: TransferCommitOptions = {
    target: 'new-case',
    audit: {
      action: 'bundle.imported',
      subject: SAMPLE_BUNDLE_FILE_NAME,
      detail: {
        fileName: SAMPLE_BUNDLE_FILE_NAME,
        sample: true,
        signer:
          bundle.signer.status === 'valid'
            ? {
                name: bundle.manifest.signer?.name ?? bundle.signer.fingerprint,
                fingerprint: bundle.signer.fingerprint,
                trust: bundle.signer.known,
              }
            : 'unsigned',
        manifestSha256: bundle.manifestSha256,
        bundleSha256: bundle.bundleSha256,
        mode: plan.value.mode,
        counts: plan.value.counts,
      },
    },
  };
  deps.onProgress?.('Adding the sample case…');
  const committed = await deps.storage.transfer.commit(
    bundle.caseData,
    bundle.originals,
    plan.value,
    options,
  );
  if (!committed.ok) return committed;
  return ok({ status: 'imported', caseId: committed.value.caseId, title });
}
