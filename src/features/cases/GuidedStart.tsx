import type { CaseId } from '../../core';
import type { CaseArea } from './CaseWorkspace';

interface Step {
  readonly title: string;
  readonly text: string;
  readonly links: readonly { readonly area: CaseArea; readonly label: string }[];
}

const STEPS: readonly Step[] = [
  {
    title: 'Import sources',
    text: 'Add the documents you are working from: web pages, PDFs, e-mails, Word documents, notes. Use “Import files…” in Sources, or drop files onto it. Each file is kept with its fingerprint.',
    links: [{ area: 'sources', label: 'Go to Sources and import' }],
  },
  {
    title: 'Tag passages and entities',
    text: 'Open a source, select text, and mark it: highlight a passage, or tag the people, organisations, places and indicators it names as entities.',
    links: [{ area: 'entities', label: 'See the entities' }],
  },
  {
    title: 'Record claims',
    text: 'Turn what a passage says into a claim (“A met B on …”), with the passage as evidence, graded for source reliability (A–F) and information credibility (1–6).',
    links: [{ area: 'claims', label: 'See the claims' }],
  },
  {
    title: 'Chart and report',
    text: 'Draw the entities and claims as a link chart and a timeline, write up in the notebook, and build a report with its evidence.',
    links: [
      { area: 'chart', label: 'Open the chart' },
      { area: 'reports', label: 'Build a report' },
    ],
  },
];

export interface GuidedStartProps {
  readonly caseId: CaseId;
  readonly readOnly: boolean;
  readonly onNavigate: (area: CaseArea) => void;
}

/** What to do next in a case with no sources yet: the four steps of the work, each with a way in. */
export function GuidedStart({ caseId, readOnly, onNavigate }: GuidedStartProps) {
  return (
    <section className="cf-guided-start" aria-labelledby="cf-guided-start-title">
      <h3 id="cf-guided-start-title">Get started with this case</h3>
      <p className="cf-muted">
        This case has no sources yet.
        {readOnly ? ' The database is read-only, so nothing can be imported now.' : ''}
      </p>
      <ol className="cf-guided-start__steps">
        {STEPS.map((step) => (
          <li key={step.title} className="cf-guided-start__step">
            <h4>{step.title}</h4>
            <p>{step.text}</p>
            <p className="cf-guided-start__links">
              {step.links.map((link) => (
                <a
                  key={link.area}
                  className="cf-button"
                  href={`#/case/${caseId}/${link.area}`}
                  onClick={(event) => {
                    event.preventDefault();
                    onNavigate(link.area);
                  }}
                >
                  {link.label}
                </a>
              ))}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
