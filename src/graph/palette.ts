/**
 * The chart's colours for the light and dark app themes (mirroring src/ui/theme.css: the canvas
 * cannot read CSS variables). Exports and reports always use the light palette: they are printed.
 */

/** Which app theme the chart is drawn for. */
export type ChartTheme = 'light' | 'dark';

export interface ChartPalette {
  readonly background: string;
  readonly text: string;
  readonly textOutline: string;
  readonly edge: string;
  readonly edgeLabel: string;
  readonly accent: string;
  readonly danger: string;
  readonly warning: string;
  readonly focus: string;
  readonly groupFill: string;
  readonly groupBorder: string;
  /** The ring around each node, the background's colour so touching nodes stay apart. */
  readonly nodeBorder: string;
  /** The node data field holding the type colour for this theme (see `darkTypeColour`). */
  readonly typeColourField: 'colour' | 'darkColour';
}

export const LIGHT_CHART_PALETTE: ChartPalette = {
  background: '#ffffff',
  text: '#1b1f24',
  textOutline: '#ffffff',
  edge: '#6b7480',
  edgeLabel: '#3d4550',
  accent: '#1f5fbf',
  danger: '#b3261e',
  warning: '#c26a00',
  focus: '#ffbf47',
  groupFill: '#eef1f5',
  groupBorder: '#8b95a3',
  nodeBorder: '#ffffff',
  typeColourField: 'colour',
};

/** On the dark theme's chart surface (--cf-surface), with its text and accent colours. */
export const DARK_CHART_PALETTE: ChartPalette = {
  background: '#1c2128',
  text: '#e6eaf0',
  textOutline: '#1c2128',
  edge: '#8b95a3',
  edgeLabel: '#c5ccd6',
  accent: '#6ea8f7',
  danger: '#ff8a80',
  warning: '#f0c36b',
  focus: '#ffbf47',
  groupFill: '#262d36',
  groupBorder: '#6b7480',
  nodeBorder: '#1c2128',
  typeColourField: 'darkColour',
};

export function chartPalette(theme: ChartTheme): ChartPalette {
  return theme === 'dark' ? DARK_CHART_PALETTE : LIGHT_CHART_PALETTE;
}

type Rgb = readonly [number, number, number];

function parseHex(hex: string): Rgb | undefined {
  const match = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return undefined;
  const value = parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

const toHex = (rgb: Rgb): string =>
  '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 when either cannot be read). */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Graphics need 3:1 against their background (WCAG 1.4.11). */
const GRAPHIC_CONTRAST = 3;
const darkVariants = new Map<string, string>();

/**
 * A type colour legible on the dark chart: the entity type colours are chosen for white, and
 * several (deep blue, brown, slate) nearly vanish on dark. Mixed with white in small steps until
 * 3:1 against the dark background, no further, so the white icon on the node stays readable and
 * types keep their hue. Cached: every node of a type asks for the same colour.
 */
export function darkTypeColour(colour: string): string {
  const known = darkVariants.get(colour);
  if (known !== undefined) return known;
  const rgb = parseHex(colour);
  let result = colour;
  if (rgb) {
    for (let step = 0; step <= 20; step += 1) {
      const white = step / 20;
      result = toHex([
        rgb[0] + (255 - rgb[0]) * white,
        rgb[1] + (255 - rgb[1]) * white,
        rgb[2] + (255 - rgb[2]) * white,
      ]);
      if (contrastRatio(result, DARK_CHART_PALETTE.background) >= GRAPHIC_CONTRAST) break;
    }
  }
  darkVariants.set(colour, result);
  return result;
}
