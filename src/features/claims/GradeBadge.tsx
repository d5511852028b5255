import { gradeBand } from '../../core';
import { AlertTriangle, UserPen } from 'lucide-react';

export interface GradeBadgeProps {
  /** The Admiralty code, e.g. "B2"; undefined for an analyst assertion. */
  readonly grade?: string | undefined;
  readonly analystAssertion: boolean;
  readonly singleSource: boolean;
  /** How many evidence passages are orphaned (or true when some are). */
  readonly orphaned?: number | boolean | undefined;
}

/**
 * A claim's grade at a glance: the Admiralty code (source reliability + information credibility),
 * and the warnings an investigator must not miss: one source only, no evidence at all (the
 * analyst's own assertion), and evidence whose quote is no longer in its source.
 */
export function GradeBadge({ grade, analystAssertion, singleSource, orphaned }: GradeBadgeProps) {
  const orphanCount = typeof orphaned === 'number' ? orphaned : orphaned ? 1 : 0;
  return (
    <span className="cf-grade">
      {grade ? (
        <span
          className={`cf-grade__code cf-grade__code--${gradeBand(grade)}`}
          title={`Grade ${grade}: source reliability ${grade.charAt(0)}, information credibility ${grade.slice(1)}`}
        >
          {grade}
        </span>
      ) : null}
      {analystAssertion ? (
        <span
          className="cf-grade__flag cf-grade__flag--assertion"
          title="No evidence: the analyst’s own assertion"
        >
          <UserPen size={13} aria-hidden="true" />
          Analyst assertion
        </span>
      ) : null}
      {singleSource && !analystAssertion ? (
        <span
          className="cf-grade__flag cf-grade__flag--single"
          title="All the evidence comes from one source"
        >
          Single source
        </span>
      ) : null}
      {orphanCount > 0 ? (
        <span
          className="cf-grade__flag cf-grade__flag--orphaned"
          title="Evidence whose quote is no longer found in its source"
        >
          <AlertTriangle size={13} aria-hidden="true" />
          Orphaned evidence
        </span>
      ) : null}
    </span>
  );
}
