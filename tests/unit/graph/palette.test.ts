import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPE_INFO } from '../../../src/core';
import { chartToSvg } from '../../../src/graph/chartToSvg';
import {
  chartPalette,
  contrastRatio,
  DARK_CHART_PALETTE,
  darkTypeColour,
  LIGHT_CHART_PALETTE,
} from '../../../src/graph/palette';
import { CHART_COLOURS, graphStyle, withPrintableStyle } from '../../../src/graph/style';

/** Cytoscape reports colours as `rgb(r,g,b)`. */
function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgb(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255})`;
}

function chart(theme: 'light' | 'dark'): cytoscape.Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: graphStyle({ theme }),
    elements: [
      {
        data: {
          id: 'a',
          kind: 'entity',
          label: 'Alice',
          colour: '#1d4ed8',
          darkColour: darkTypeColour('#1d4ed8'),
          icon: 'none',
          size: 40,
        },
      },
      {
        data: {
          id: 'b',
          kind: 'entity',
          label: 'Bob',
          colour: '#1d4ed8',
          darkColour: darkTypeColour('#1d4ed8'),
          icon: 'none',
          size: 40,
        },
      },
      { data: { id: 'ab', source: 'a', target: 'b', label: 'knows' } },
    ],
  });
}

describe('chart palette', () => {
  it('picks the palette of the app theme', () => {
    expect(chartPalette('light')).toBe(LIGHT_CHART_PALETTE);
    expect(chartPalette('dark')).toBe(DARK_CHART_PALETTE);
    // What exports and reports draw with.
    expect(CHART_COLOURS).toBe(LIGHT_CHART_PALETTE);
  });

  it('keeps text and lines legible in both palettes', () => {
    for (const palette of [LIGHT_CHART_PALETTE, DARK_CHART_PALETTE]) {
      expect(contrastRatio(palette.text, palette.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(palette.edgeLabel, palette.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(palette.edge, palette.background)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(palette.accent, palette.background)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(palette.danger, palette.background)).toBeGreaterThanOrEqual(3);
    }
  });

  it('lightens every entity type colour just enough for the dark chart, keeping the white icon readable', () => {
    for (const { colour } of Object.values(ENTITY_TYPE_INFO)) {
      const dark = darkTypeColour(colour);
      expect(contrastRatio(dark, DARK_CHART_PALETTE.background)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(dark, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    // Already light enough: unchanged. Not a hex colour: left as it is.
    expect(darkTypeColour('#ffbf47')).toBe('#ffbf47');
    expect(darkTypeColour('teal')).toBe('teal');
  });
});

describe('graphStyle themes', () => {
  it('draws the dark chart in the dark palette and the dark type colours', () => {
    const cy = chart('dark');
    const a = cy.getElementById('a');
    expect(a.style('color')).toBe(rgb(DARK_CHART_PALETTE.text));
    expect(a.style('text-outline-color')).toBe(rgb(DARK_CHART_PALETTE.textOutline));
    expect(a.style('background-color')).toBe(rgb(darkTypeColour('#1d4ed8')));
    expect(cy.getElementById('ab').style('line-color')).toBe(rgb(DARK_CHART_PALETTE.edge));
  });

  it('restyles a drawn chart in one stylesheet change', () => {
    const cy = chart('light');
    expect(cy.getElementById('a').style('background-color')).toBe(rgb('#1d4ed8'));
    cy.style(graphStyle({ theme: 'dark' }));
    expect(cy.getElementById('a').style('color')).toBe(rgb(DARK_CHART_PALETTE.text));
    expect(cy.getElementById('ab').style('color')).toBe(rgb(DARK_CHART_PALETTE.edgeLabel));
  });

  it('exports in the light palette from a dark chart, then puts the dark one back', () => {
    const cy = chart('dark');
    const during = withPrintableStyle(cy, { theme: 'dark' }, () => ({
      text: cy.getElementById('a').style('color') as string,
      fill: cy.getElementById('a').style('background-color') as string,
      edge: cy.getElementById('ab').style('line-color') as string,
    }));
    expect(during).toEqual({
      text: rgb(LIGHT_CHART_PALETTE.text),
      fill: rgb('#1d4ed8'),
      edge: rgb(LIGHT_CHART_PALETTE.edge),
    });
    expect(cy.getElementById('a').style('color')).toBe(rgb(DARK_CHART_PALETTE.text));
  });

  it('writes the SVG export in the light palette', () => {
    const svg = chartToSvg({
      nodes: [
        {
          data: {
            id: 'a',
            kind: 'entity',
            label: 'Alice',
            type: 'Person',
            colour: '#1d4ed8',
            darkColour: darkTypeColour('#1d4ed8'),
            icon: '',
            size: 40,
            degree: 0,
            betweenness: 0,
          },
          x: 0,
          y: 0,
          width: 40,
          height: 40,
          isParent: false,
        },
      ],
      edges: [],
    });
    expect(svg).toContain(LIGHT_CHART_PALETTE.background);
    expect(svg).toContain(`fill="${LIGHT_CHART_PALETTE.text}"`);
    expect(svg).toContain('fill="#1d4ed8"');
    for (const colour of [DARK_CHART_PALETTE.background, DARK_CHART_PALETTE.text]) {
      expect(svg).not.toContain(colour);
    }
    expect(svg).not.toContain(darkTypeColour('#1d4ed8'));
  });
});
