import { useEffect, useRef, useState } from 'react';
import type { CaseId } from '../../core';
import {
  INTEGRITY_KIND_LABELS,
  problemsByKind,
  type IntegrityReport,
} from '../../core/integrity/integrity';
import { checkIntegrity, repairIntegrity } from '../../db';
import { Banner, Button, Dialog } from '../../ui';
import { useStorage } from '../storage';
import { useViewTasks } from '../tasks';

export interface IntegrityDialogProps {
  /** The case to check; undefined checks every case (and finds originals no source uses). */
  readonly caseId: CaseId | undefined;
  /** Shown in the title when a case is checked. */
  readonly caseTitle?: string;
  readonly readOnly: boolean;
  readonly onClose: () => void;
}

type State =
  | { readonly kind: 'checking'; readonly done: number; readonly total: number }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'checked'; readonly report: IntegrityReport; readonly outcome?: string };

/**
 * Checks the case database and lists what is wrong, grouped by kind. Each repair is a checkbox,
 * none chosen at first; "Repair chosen" applies them in one transaction and checks again.
 */
export function IntegrityDialog({ caseId, caseTitle, readOnly, onClose }: IntegrityDialogProps) {
  const { storage, changed } = useStorage();
  const [state, setState] = useState<State>({ kind: 'checking', done: 0, total: 0 });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [repairing, setRepairing] = useState(false);

  // Each round is one check; a repair starts the next round with what it did as the outcome.
  const [round, setRound] = useState<{ readonly outcome?: string }>({});

  // Over every case, each problem says which case it is in.
  const [caseTitles, setCaseTitles] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (caseId !== undefined) return;
    let live = true;
    void storage.cases.list().then((cases) => {
      if (live) setCaseTitles(new Map(cases.map((c) => [c.id, c.title])));
    });
    return () => {
      live = false;
    };
  }, [storage, caseId, round]);

  // The check goes on when the dialog closes; a toast then follows it and says what it found.
  const startTask = useViewTasks();
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    const task = startTask({
      title: caseTitle
        ? `Checking the integrity of “${caseTitle}”`
        : 'Checking the integrity of all cases',
    });
    void checkIntegrity(storage, caseId, {
      onProgress: ({ done, total }) => {
        task.progress(done, total, 'Reading records and hashing originals…');
        if (live) setState({ kind: 'checking', done, total });
      },
    }).then((result) => {
      // A newer round (after a repair) replaced this one while the dialog stayed open.
      if (!live && mounted.current) return task.drop();
      if (!result.ok) task.fail('The integrity check failed', result.error.message);
      else if (result.value.problems.length === 0)
        task.succeed('Integrity check: no problems found');
      else {
        const count = result.value.problems.length;
        task.fail(
          `Integrity check: ${count} ${count === 1 ? 'problem' : 'problems'} found`,
          'Run “Check case integrity…” again to review and repair them.',
        );
      }
      if (!live) return;
      setChosen(new Set());
      setState(
        result.ok
          ? { kind: 'checked', report: result.value, ...round }
          : { kind: 'failed', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [storage, caseId, caseTitle, round, startTask]);

  async function repair(report: IntegrityReport) {
    setRepairing(true);
    const result = await repairIntegrity(storage, report, [...chosen]);
    setRepairing(false);
    if (!result.ok) {
      setState({ kind: 'failed', message: result.error.message });
      return;
    }
    changed();
    const { repaired, skipped } = result.value;
    setState({ kind: 'checking', done: 0, total: 0 });
    setRound({
      outcome:
        `Repaired ${repaired} ${repaired === 1 ? 'problem' : 'problems'}` +
        (skipped > 0 ? ` (${skipped} already mended by another repair).` : '.'),
    });
  }

  const title = caseTitle ? `Check integrity of “${caseTitle}”` : 'Check integrity of all cases';
  const report = state.kind === 'checked' ? state.report : undefined;
  const repairable = report?.problems.filter((problem) => problem.repair) ?? [];

  return (
    <Dialog
      title={title}
      onClose={onClose}
      className="cf-integrity"
      footer={
        <>
          {report && repairable.length > 0 ? (
            <Button
              variant="primary"
              disabled={readOnly || chosen.size === 0 || repairing}
              onClick={() => void repair(report)}
            >
              Repair chosen
            </Button>
          ) : null}
          <Button onClick={onClose}>Close</Button>
        </>
      }
    >
      {state.kind === 'checking' ? (
        <div role="status" className="cf-integrity__progress">
          <p>
            {state.total === 0
              ? 'Reading records…'
              : `Checking original files (${state.done} of ${state.total})…`}
          </p>
          <progress
            aria-label="Integrity check progress"
            max={Math.max(state.total, 1)}
            value={state.done}
          />
        </div>
      ) : null}
      {state.kind === 'failed' ? <Banner tone="error">{state.message}</Banner> : null}
      {report ? (
        <>
          {state.kind === 'checked' && state.outcome ? (
            <Banner tone="info">{state.outcome}</Banner>
          ) : null}
          <p role="status">
            {report.problems.length === 0
              ? 'No problems found.'
              : `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} found.`}{' '}
            Checked {checkedSummary(report)}
          </p>
          {readOnly && repairable.length > 0 ? (
            <p className="cf-integrity__hint">
              This database is open read-only: nothing can be repaired.
            </p>
          ) : null}
          {problemsByKind(report.problems).map((group) => (
            <section
              key={group.kind}
              className="cf-integrity__group"
              aria-label={INTEGRITY_KIND_LABELS[group.kind]}
            >
              <h3>
                {INTEGRITY_KIND_LABELS[group.kind]}{' '}
                <span className="cf-integrity__count">({group.problems.length})</span>
              </h3>
              <ul>
                {group.problems.map((problem) => (
                  <li key={problem.key}>
                    {caseId === undefined && problem.caseId !== undefined ? (
                      <p className="cf-integrity__hint">
                        In case “{caseTitles.get(problem.caseId) ?? problem.caseId}”
                      </p>
                    ) : null}
                    <p>{problem.message}</p>
                    {problem.repair ? (
                      <label className="cf-integrity__repair">
                        <input
                          type="checkbox"
                          checked={chosen.has(problem.key)}
                          disabled={readOnly || repairing}
                          onChange={(event) => {
                            const next = new Set(chosen);
                            if (event.target.checked) next.add(problem.key);
                            else next.delete(problem.key);
                            setChosen(next);
                          }}
                        />{' '}
                        {problem.repair.description}
                      </label>
                    ) : (
                      <p className="cf-integrity__hint">No repair: reported only.</p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </Dialog>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function checkedSummary(report: IntegrityReport): string {
  const n = (table: string) => report.checked[table] ?? 0;
  return (
    `${plural(n('sources'), 'source')}, ${plural(n('passages'), 'passage')}, ` +
    `${plural(n('entities'), 'entity', 'entities')}, ${plural(n('claims'), 'claim')} and ` +
    `${plural(n('blobs'), 'original file')}.`
  );
}
