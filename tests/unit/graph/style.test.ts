import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { graphStyle, LABELLED } from '../../../src/graph/style';

/** A styled headless chart of two linked entities. */
function chart(large: boolean): cytoscape.Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: graphStyle({ large }),
    elements: [
      {
        data: {
          id: 'a',
          kind: 'entity',
          label: 'Alice',
          colour: '#123456',
          icon: 'none',
          size: 40,
        },
      },
      {
        data: { id: 'b', kind: 'entity', label: 'Bob', colour: '#123456', icon: 'none', size: 40 },
      },
      { data: { id: 'ab', source: 'a', target: 'b', label: 'knows', analystAssertion: true } },
    ],
  });
}

describe('graphStyle', () => {
  it('labels every node and edge of a small chart', () => {
    const cy = chart(false);
    expect(cy.getElementById('a').style('label')).toBe('Alice');
    expect(cy.getElementById('ab').style('label')).toBe('knows');
    expect(cy.getElementById('a').style('text-valign')).toBe('bottom');
    expect(cy.getElementById('ab').style('line-style')).toBe('dotted');
  });

  it("labels and patterns a large chart's lines only where the canvas has given the label class", () => {
    const cy = chart(true);
    expect(cy.getElementById('a').style('label')).toBe('');
    expect(cy.getElementById('ab').style('label')).toBe('');
    expect(cy.getElementById('ab').style('line-style')).toBe('solid');
    cy.elements().addClass(LABELLED);
    expect(cy.getElementById('ab').style('line-style')).toBe('dotted');
    expect(cy.getElementById('a').style('label')).toBe('Alice');
    expect(cy.getElementById('a').style('text-valign')).toBe('bottom');
    expect(cy.getElementById('ab').style('label')).toBe('knows');
    // Large charts hide labels below 10 px on screen, small ones below 7 px.
    expect(cy.getElementById('a').style('min-zoomed-font-size')).toBe('10px');
    expect(chart(false).getElementById('a').style('min-zoomed-font-size')).toBe('7px');
  });

  it('keeps group frames labelled at the top when labelled', () => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: graphStyle({ large: true }),
      elements: [
        {
          data: {
            id: 'g',
            kind: 'group',
            label: 'Group',
            colour: '#333333',
            icon: 'none',
            size: 40,
          },
        },
        {
          data: {
            id: 'a',
            kind: 'entity',
            label: 'Alice',
            colour: '#123456',
            icon: 'none',
            size: 40,
            parent: 'g',
          },
        },
      ],
    });
    cy.elements().addClass(LABELLED);
    expect(cy.getElementById('g').style('text-valign')).toBe('top');
    expect(cy.getElementById('a').style('text-valign')).toBe('bottom');
  });
});
