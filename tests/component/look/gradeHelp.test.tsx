import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_STATUSES,
  INFORMATION_CREDIBILITY,
  INFORMATION_CREDIBILITY_DEFINITIONS,
  SOURCE_RELIABILITY,
  SOURCE_RELIABILITY_DEFINITIONS,
} from '../../../src/core';
import { GradeHelp, STATUS_DEFINITIONS, STATUS_LABELS } from '../../../src/features/claims';

describe('grade and status help', () => {
  it('is closed by default and, opened, gives every reliability, credibility and status definition', async () => {
    const user = userEvent.setup();
    const { container } = render(<GradeHelp />);
    const details = container.querySelector('details');
    expect(details).not.toHaveAttribute('open');
    await user.click(screen.getByText('What do the grades and statuses mean?'));
    expect(details).toHaveAttribute('open');
    const terms = [...container.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(terms).toEqual([
      ...SOURCE_RELIABILITY.map((r) => `${r} — ${SOURCE_RELIABILITY_DEFINITIONS[r].label}`),
      ...INFORMATION_CREDIBILITY.map(
        (n) => `${n} — ${INFORMATION_CREDIBILITY_DEFINITIONS[n].label}`,
      ),
      ...CLAIM_STATUSES.map((s) => STATUS_LABELS[s]),
    ]);
    for (const status of CLAIM_STATUSES) {
      expect(screen.getByText(STATUS_DEFINITIONS[status])).toBeVisible();
    }
  });
});
