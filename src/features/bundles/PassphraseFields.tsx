import { TextField } from '../../ui';
import { passphraseStrength, STRENGTH_HINTS } from './format';

export interface PassphrasePair {
  readonly passphrase: string;
  readonly repeat: string;
}

export const EMPTY_PAIR: PassphrasePair = { passphrase: '', repeat: '' };

/** What is wrong with a new passphrase entered twice, or undefined when it can be used. */
export function passphrasePairProblem(pair: PassphrasePair): string | undefined {
  if (pair.passphrase === '') return 'Enter a passphrase.';
  if (pair.passphrase !== pair.repeat) return 'The two passphrases are not the same.';
  return undefined;
}

/**
 * A new passphrase, typed twice, with a strength hint. `showErrors` turns on the mismatch
 * message once the analyst has tried to go on (not while they are still typing).
 */
export function PassphraseFields({
  label,
  value,
  onChange,
  showErrors,
  disabled,
}: {
  readonly label: string;
  readonly value: PassphrasePair;
  readonly onChange: (value: PassphrasePair) => void;
  readonly showErrors: boolean;
  readonly disabled?: boolean;
}) {
  const problem = showErrors ? passphrasePairProblem(value) : undefined;
  const strength = passphraseStrength(value.passphrase);
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        value={value.passphrase}
        disabled={disabled}
        hint={STRENGTH_HINTS[strength]}
        error={problem === 'Enter a passphrase.' ? problem : undefined}
        onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
      />
      <TextField
        label={`${label} (again)`}
        type="password"
        autoComplete="new-password"
        value={value.repeat}
        disabled={disabled}
        error={problem !== undefined && problem !== 'Enter a passphrase.' ? problem : undefined}
        onChange={(e) => onChange({ ...value, repeat: e.target.value })}
      />
    </>
  );
}
