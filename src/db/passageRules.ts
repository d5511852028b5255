import { PASSAGE_KINDS, type PassageKind } from '../core/model/records';
import { err, ok, type Result } from '../shared/result';

/**
 * Highlight colours offered by the reader, stored by name (the UI maps names to its theme, so a
 * high-contrast theme can redraw them). `#rrggbb` is accepted too: older data and bundles carry it.
 */
export const PASSAGE_COLOURS = ['yellow', 'green', 'blue', 'pink', 'orange'] as const;
export type PassageColour = (typeof PASSAGE_COLOURS)[number];

/** A passage's note: generous for a comment, bounded so one row cannot grow without limit. */
export const MAX_PASSAGE_NOTE_LENGTH = 20_000;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

export function validatePassageKind(kind: unknown): Result<PassageKind> {
  if (typeof kind === 'string' && (PASSAGE_KINDS as readonly string[]).includes(kind)) {
    return ok(kind as PassageKind);
  }
  return err(
    'passage.kindUnknown',
    `"${String(kind).slice(0, 40)}" is not a kind of passage; use ${PASSAGE_KINDS.join(', ')}.`,
  );
}

/** A palette name or #rrggbb (stored lower-case); '' means no colour. */
export function validatePassageColour(colour: unknown): Result<string> {
  if (colour === '') return ok('');
  if (typeof colour === 'string' && (PASSAGE_COLOURS as readonly string[]).includes(colour)) {
    return ok(colour);
  }
  if (typeof colour === 'string' && HEX_COLOUR.test(colour)) return ok(colour.toLowerCase());
  return err(
    'passage.colourInvalid',
    `"${String(colour).slice(0, 40)}" is not a highlight colour; use ${PASSAGE_COLOURS.join(', ')} or #rrggbb.`,
  );
}

export function validatePassageNote(note: unknown): Result<string> {
  if (typeof note !== 'string') return err('passage.noteInvalid', 'A passage note must be text.');
  if (note.length > MAX_PASSAGE_NOTE_LENGTH) {
    return err(
      'passage.noteTooLong',
      `A passage note can be at most ${MAX_PASSAGE_NOTE_LENGTH.toLocaleString('en')} characters; this one has ${note.length.toLocaleString('en')}.`,
    );
  }
  return ok(note);
}
