import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CaseSearchBox, focusCaseSearch } from '../../../src/features/search';

describe('the header search box', () => {
  it('is focused by "Search this case", and Enter searches with what was typed', async () => {
    const user = userEvent.setup();
    const onSearch = vi.fn();
    const { unmount } = render(<CaseSearchBox onSearch={onSearch} />);
    const box = screen.getByRole('searchbox', { name: 'Search this case' });
    expect(box).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+F');
    expect(focusCaseSearch()).toBe(true);
    expect(box).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onSearch).not.toHaveBeenCalled();
    await user.type(box, 'kim jong nam{Enter}');
    expect(onSearch).toHaveBeenCalledWith('kim jong nam');
    expect(box).toHaveValue('');
    unmount();
    expect(focusCaseSearch(), 'nothing to focus once it is gone').toBe(false);
  });
});
