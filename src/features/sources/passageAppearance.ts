import type { CSSProperties } from 'react';
import { entityTypeInfo, type EntityType, type PassageKind } from '../../core';

/**
 * How passages look in the reader. Highlight colours are stored by name (src/db PASSAGE_COLOURS);
 * here each name gets a translucent fill, so overlapping highlights mix rather than hide each
 * other, and a solid swatch for buttons and lists. Stored `#rrggbb` values (older data, bundles)
 * are drawn as they are.
 */
export interface ColourLook {
  readonly label: string;
  readonly fill: string;
  readonly swatch: string;
}

export const COLOUR_LOOKS: Readonly<Record<string, ColourLook>> = {
  yellow: { label: 'Yellow', fill: 'rgba(250, 204, 21, 0.42)', swatch: '#facc15' },
  green: { label: 'Green', fill: 'rgba(74, 222, 128, 0.38)', swatch: '#4ade80' },
  blue: { label: 'Blue', fill: 'rgba(96, 165, 250, 0.36)', swatch: '#60a5fa' },
  pink: { label: 'Pink', fill: 'rgba(244, 114, 182, 0.34)', swatch: '#f472b6' },
  orange: { label: 'Orange', fill: 'rgba(251, 146, 60, 0.38)', swatch: '#fb923c' },
};

export const DEFAULT_HIGHLIGHT_COLOUR = 'yellow';

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

export function colourLook(colour: string | undefined): ColourLook {
  const named = COLOUR_LOOKS[colour ?? ''];
  if (named) return named;
  const hex = HEX.exec(colour ?? '');
  if (hex) {
    const [r, g, b] = [hex[1]!, hex[2]!, hex[3]!].map((h) => parseInt(h, 16));
    return { label: colour!, fill: `rgba(${r}, ${g}, ${b}, 0.38)`, swatch: colour! };
  }
  return COLOUR_LOOKS[DEFAULT_HIGHLIGHT_COLOUR]!;
}

export const KIND_LABELS: Readonly<Record<PassageKind, string>> = {
  highlight: 'Highlight',
  comment: 'Comment',
  mention: 'Mention',
  evidence: 'Evidence',
};

// Theme tokens (src/ui/theme.css), so the rules stay visible in the dark theme too.
const COMMENT_INK = 'var(--cf-comment-ink)';
const EVIDENCE_INK = 'var(--cf-evidence-ink)';

/** What a passage contributes to the look of a mark over it. */
export interface PassageLook {
  readonly id: string;
  readonly kind: PassageKind;
  readonly colour?: string | undefined;
  readonly note: string;
  readonly entityName?: string | undefined;
  readonly entityType?: EntityType | undefined;
}

/** A short line for the mark's tooltip. */
function describe(look: PassageLook): string {
  switch (look.kind) {
    case 'mention':
      return look.entityName
        ? `${look.entityName} (${entityTypeInfo(look.entityType ?? 'Person').label})`
        : 'Mention of an entity';
    case 'comment':
      return look.note ? `Comment: ${look.note}` : 'Comment';
    case 'evidence':
      return look.note ? `Evidence: ${look.note}` : 'Evidence';
    default:
      return look.note ? `Highlight: ${look.note}` : 'Highlight';
  }
}

export interface MarkLook {
  readonly className: string;
  readonly style: CSSProperties;
  readonly title: string;
}

/**
 * The look of a stretch of text covered by these passages (outermost first): highlight fills
 * layered as translucent backgrounds, mentions as underlines in their entity type's colour
 * (stacked when several), comments as a dotted underline, evidence as a dark rule.
 */
export function markLook(looks: readonly PassageLook[]): MarkLook {
  const fills: string[] = [];
  const rules: string[] = [];
  const classes = ['cf-mark'];
  let commented = false;
  for (const look of looks) {
    if (look.kind === 'highlight') {
      fills.push(colourLook(look.colour).fill);
    } else if (look.kind === 'mention') {
      rules.push(entityTypeInfo(look.entityType ?? 'Person').colour);
    } else if (look.kind === 'evidence') {
      rules.push(EVIDENCE_INK);
      fills.push('rgba(100, 116, 139, 0.16)');
    } else {
      commented = true;
    }
    if (!classes.includes(`cf-mark--${look.kind}`)) classes.push(`cf-mark--${look.kind}`);
  }
  if (looks.length > 1) classes.push('cf-mark--overlap');
  const style: Record<string, string> = {};
  if (fills.length > 0) {
    style.backgroundImage = fills.map((f) => `linear-gradient(${f}, ${f})`).join(', ');
  }
  if (rules.length > 0) {
    // Innermost passage's rule at the bottom edge, outer ones stacked above it.
    style.boxShadow = rules
      .reverse()
      .map((colour, i) => `inset 0 -${2 * (i + 1)}px 0 ${colour}`)
      .join(', ');
  }
  if (commented) {
    style.textDecorationLine = 'underline';
    style.textDecorationStyle = 'dotted';
    style.textDecorationColor = COMMENT_INK;
  }
  return { className: classes.join(' '), style, title: looks.map(describe).join('\n') };
}

/** A stable string for what `markLook` depends on, so unchanged marks are not redrawn. */
export function lookKey(look: PassageLook): string {
  return [
    look.id,
    look.kind,
    look.colour ?? '',
    look.entityType ?? '',
    look.entityName ?? '',
    look.note,
  ].join('\u0001');
}
