import { useState } from 'react';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  SOURCE_RELIABILITY,
  SOURCE_RELIABILITY_DEFINITIONS,
  type ClaimStatus,
} from '../../core';
import { STATUS_LABELS } from './claimText';

/** What each claim status means in Casefile (set by the investigator, shown on charts and reports). */
export const STATUS_DEFINITIONS: Readonly<Record<ClaimStatus, string>> = {
  asserted: 'Stated by its sources; not yet checked against other information.',
  corroborated: 'Confirmed by information from at least one other, independent source.',
  disputed: 'Contradicted by other information, and not yet resolved either way.',
  refuted: 'Shown to be false by stronger or more reliable information.',
};

/**
 * The Admiralty (NATO AJP-2.1) grading scales and the claim statuses, as a disclosure beside the
 * grade and status fields: closed, it is one line; open, the standard definitions. The body is
 * only rendered while open, so closed it adds no text (or search hits) to the page.
 */
export function GradeHelp() {
  const [open, setOpen] = useState(false);
  return (
    <details className="cf-grade-help" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>What do the grades and statuses mean?</summary>
      {open ? (
        <div className="cf-grade-help__body">
          <p>
            A grade pairs the <strong>source’s reliability</strong> (a letter) with the{' '}
            <strong>information’s credibility</strong> (a number): B2 is a usually reliable source
            giving probably true information. The two are judged separately.
          </p>
          <h4>Source reliability</h4>
          <dl>
            {SOURCE_RELIABILITY.map((code) => (
              <div key={code}>
                <dt>
                  {code} — {SOURCE_RELIABILITY_DEFINITIONS[code].label}
                </dt>
                <dd>{SOURCE_RELIABILITY_DEFINITIONS[code].definition}</dd>
              </div>
            ))}
          </dl>
          <h4>Information credibility</h4>
          <dl>
            {INFORMATION_CREDIBILITY.map((n) => (
              <div key={n}>
                <dt>
                  {n} — {INFORMATION_CREDIBILITY_DEFINITIONS[n].label}
                </dt>
                <dd>{INFORMATION_CREDIBILITY_DEFINITIONS[n].definition}</dd>
              </div>
            ))}
          </dl>
          <h4>Claim status</h4>
          <dl>
            {CLAIM_STATUSES.map((status) => (
              <div key={status}>
                <dt>{STATUS_LABELS[status]}</dt>
                <dd>{STATUS_DEFINITIONS[status]}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </details>
  );
}
