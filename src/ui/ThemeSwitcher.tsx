import { useId } from 'react';
import {
  isThemePreference,
  setThemePreference,
  THEME_PREFERENCES,
  useThemePreference,
} from './theme';

/** The System / Light / Dark choice, as a labelled select. */
export function ThemeSwitcher({ className }: { readonly className?: string }) {
  const id = useId();
  const value = useThemePreference();
  return (
    <span className={className ? `cf-theme-switcher ${className}` : 'cf-theme-switcher'}>
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          if (isThemePreference(next)) setThemePreference(next);
        }}
      >
        {THEME_PREFERENCES.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}
