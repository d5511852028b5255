import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  CaseId,
  ChartId,
  ClaimId,
  EntityId,
  EntityType,
  PassageId,
  SourceId,
} from '../../../src/core';
import type { CasefileStorage } from '../../../src/db';
import { ChartArea } from '../../../src/features/graph';
import { ServicesProvider } from '../../../src/features/services';
import { StorageProvider } from '../../../src/features/storage';
import type * as GraphModule from '../../../src/graph';
import type { GraphCanvasHandle, GraphCanvasProps } from '../../../src/graph';
import { createInlineIngest } from '../../../src/ingest/inline';
import { setThemePreference } from '../../../src/ui';
import { createBrowserHost } from '../../../src/platform';
import { addSource, createFakeExtractor, openTestStorage } from '../entities/harness';

/**
 * jsdom cannot draw a Cytoscape canvas: the canvas is replaced by a stand-in that records what
 * the area asks of it, and lets a test play the user's part on it (select, draw a link, move).
 */
interface CanvasRecord {
  props: GraphCanvasProps | undefined;
  calls: unknown[][];
  positions: Record<string, { x: number; y: number }>;
}
const canvas = vi.hoisted((): CanvasRecord => ({ props: undefined, calls: [], positions: {} }));

vi.mock('../../../src/graph', async (importOriginal) => {
  const actual = await importOriginal<typeof GraphModule>();
  const { forwardRef, useImperativeHandle } = await import('react');
  const FakeCanvas = forwardRef<GraphCanvasHandle, GraphCanvasProps>(
    function FakeCanvas(props, ref) {
      canvas.props = props;
      useImperativeHandle(ref, () => ({
        fit: () => canvas.calls.push(['fit']),
        focus: (id) => canvas.calls.push(['focus', id]),
        select: (ids) => canvas.calls.push(['select', [...ids]]),
        highlight: (ids) => canvas.calls.push(['highlight', [...ids]]),
        runLayout: (layout) => canvas.calls.push(['runLayout', layout]),
        cancelLayout: () => canvas.calls.push(['cancelLayout']),
        positions: () => canvas.positions,
        exportPng: () => Promise.resolve(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])])),
        exportSvg: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      }));
      return (
        <div
          data-testid="graph-canvas"
          aria-label={props.label}
          data-node-count={props.elements.nodes.length}
          data-edge-count={props.elements.edges.length}
        />
      );
    },
  );
  return { ...actual, GraphCanvas: FakeCanvas };
});

let storage: CasefileStorage;
let caseId: CaseId;
let opened: { sourceId: SourceId; passageId: PassageId }[];
let downloads: { name: string; bytes: Uint8Array }[];

beforeEach(async () => {
  ({ storage, caseId } = await openTestStorage());
  opened = [];
  downloads = [];
  canvas.props = undefined;
  canvas.calls = [];
  canvas.positions = {};
});
afterEach(() => storage.close());

function Providers({ children }: { readonly children: ReactNode }) {
  return (
    <StorageProvider storage={storage}>
      <ServicesProvider
        host={createBrowserHost({
          version: 'test',
          download: (name, bytes) => downloads.push({ name, bytes }),
        })}
        ingest={createInlineIngest()}
        extractor={createFakeExtractor()}
      >
        {children}
      </ServicesProvider>
    </StorageProvider>
  );
}

/** The area as the workspace hosts it: the open chart is route state. */
function Area({ start, readOnly = false }: { start?: ChartId; readOnly?: boolean }) {
  const [chartId, setChartId] = useState<ChartId | undefined>(start);
  return (
    <ChartArea
      caseId={caseId}
      chartId={chartId}
      readOnly={readOnly}
      onOpenChart={setChartId}
      onOpenClaim={() => {}}
      onOpenEntity={() => {}}
      onOpenPassage={(sourceId, passageId) => opened.push({ sourceId, passageId })}
    />
  );
}

function renderArea(props: { start?: ChartId; readOnly?: boolean } = {}) {
  const user = userEvent.setup();
  const view = render(
    <Providers>
      <Area {...props} />
    </Providers>,
  );
  return { user, ...view };
}

async function entity(name: string, type: EntityType = 'Person'): Promise<EntityId> {
  const made = await storage.entities.create(caseId, { name, type });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.id;
}

const ARTICLE =
  'Investigators say the Lazarus Group attacked Bangladesh Bank in February 2016. ' +
  'Park Jin Hyok worked for Chosun Expo. Chosun Expo is a front of the Lazarus Group.';

/** A claim with the quote as new evidence from the source. */
async function claim(
  subjectId: EntityId,
  predicate: string,
  objectId: EntityId,
  evidence?: { sourceId: SourceId; quote: string },
): Promise<ClaimId> {
  const start = evidence ? ARTICLE.indexOf(evidence.quote) : 0;
  const made = await storage.claims.create(caseId, {
    subjectId,
    predicate,
    object: { kind: 'entity', entityId: objectId },
    validTime: { kind: 'date', date: '2016-02' },
    evidence: [],
    newEvidence: evidence
      ? [{ sourceId: evidence.sourceId, start, end: start + evidence.quote.length }]
      : [],
    credibility: 2,
    status: 'asserted',
    analystAssertion: !evidence,
  });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.id;
}

const drawn = () => screen.getByTestId('graph-canvas');
const nodeCount = () => Number(drawn().getAttribute('data-node-count'));
const edgeCount = () => Number(drawn().getAttribute('data-edge-count'));
const chartRoot = () => document.querySelector('.cf-chart')!;

async function saved() {
  await waitFor(() => expect(chartRoot().getAttribute('data-save-state')).toBe('saved'));
}

async function showList(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'List view' }));
  return screen.getByRole('region', { name: 'Chart as a list' });
}

describe('the chart area', () => {
  it('gives a case its chart the first time it opens, once', async () => {
    const { user, rerender } = renderArea();
    await screen.findByRole('heading', { name: 'Case chart', level: 2 });
    rerender(
      <Providers>
        <Area />
      </Providers>,
    );
    await screen.findByTestId('graph-canvas');
    expect((await storage.charts.list(caseId)).map((c) => c.title)).toEqual(['Case chart']);
    expect((await storage.charts.list(caseId))[0]).toMatchObject({ scope: 'all', layout: 'fcose' });

    // Deleting it does not bring it back while the area is open.
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete chart?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete chart' }));
    await screen.findByRole('heading', { name: 'No charts' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await storage.charts.list(caseId)).toEqual([]);
    expect(screen.getByRole('heading', { name: 'No charts' })).toBeInTheDocument();
  });

  it('hands the canvas the app theme, and the new one when it changes', async () => {
    renderArea();
    await screen.findByTestId('graph-canvas');
    expect(canvas.props?.theme).toBe('light');
    try {
      act(() => setThemePreference('dark'));
      await waitFor(() => expect(canvas.props?.theme).toBe('dark'));
    } finally {
      act(() => setThemePreference('system'));
    }
    await waitFor(() => expect(canvas.props?.theme).toBe('light'));
  });

  it('creates no chart in a read-only database and still draws the case', async () => {
    await entity('Lazarus Group', 'Organization');
    renderArea({ readOnly: true });
    await screen.findByTestId('graph-canvas');
    expect(nodeCount()).toBe(1);
    expect(screen.getByText('Read-only: changes to this chart are not saved')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New chart…' })).toBeDisabled();
    expect(await storage.charts.list(caseId)).toEqual([]);
  });

  it('opens a chart saved with positions and entities that no longer exist', async () => {
    const lazarus = await entity('Lazarus Group', 'Organization');
    const bank = await entity('Bangladesh Bank', 'Organization');
    const gone = await entity('Gone Person');
    const made = await storage.charts.create(caseId, {
      title: 'Old chart',
      scope: 'chosen',
      entityIds: [lazarus, bank, gone],
      positions: {
        [lazarus]: { x: 10, y: 20 },
        [gone]: { x: 30, y: 40 },
        [crypto.randomUUID()]: { x: 50, y: 60 },
      },
      groups: [{ id: crypto.randomUUID(), label: 'Gone ones', memberIds: [gone], collapsed: true }],
      layout: 'preset',
    });
    if (!made.ok) throw new Error(made.error.message);
    const removed = await storage.entities.delete(gone);
    if (!removed.ok) throw new Error(removed.error.message);

    renderArea({ start: made.value.id });
    await screen.findByTestId('graph-canvas');
    expect(nodeCount()).toBe(2);
    expect(canvas.props?.positions).toEqual({ [lazarus]: { x: 10, y: 20 } });
    expect(canvas.props?.layout).toBe('preset');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Groups' })).not.toBeInTheDocument();
  });

  it('shows a link’s claim and its passage; the passage opens the source there', async () => {
    const source = await addSource(storage, caseId, 'Sankei article', ARTICLE);
    const lazarus = await entity('Lazarus Group', 'Organization');
    const bank = await entity('Bangladesh Bank', 'Organization');
    const attacked = await claim(lazarus, 'attacked', bank, {
      sourceId: source.id,
      quote: 'the Lazarus Group attacked Bangladesh Bank',
    });
    const { user } = renderArea();
    await waitFor(() => expect(edgeCount()).toBe(1));

    const list = await showList(user);
    await user.click(
      within(list).getByRole('button', { name: 'Lazarus Group — attacked → Bangladesh Bank' }),
    );
    expect(canvas.calls).toContainEqual(['select', [attacked]]);
    const details = screen.getByRole('region', { name: 'Selection details' });
    const evidence = await within(details).findByRole('region', { name: 'Evidence' });
    expect(evidence).toHaveTextContent('the Lazarus Group attacked Bangladesh Bank');
    await user.click(within(evidence).getByRole('button', { name: /^Open in source/ }));
    const [passage] = (await storage.claims.get(attacked))!.evidence;
    expect(opened).toEqual([{ sourceId: source.id, passageId: passage }]);

    // Selecting on the canvas shows the same.
    canvas.props!.onSelectionChange({ nodes: [lazarus], edges: [] });
    await within(details).findByRole('heading', { name: 'Lazarus Group' });
    expect(within(details).getByRole('button', { name: 'Open entity' })).toBeInTheDocument();
    expect(
      within(details).getByRole('list', { name: 'Claims of Lazarus Group' }),
    ).toHaveTextContent('Lazarus Group attacked Bangladesh Bank');
  });

  it('highlights the shortest path between two selected entities, or says there is none', async () => {
    const [a, b, c, d, x, y] = await Promise.all(
      ['Alpha', 'Bravo', 'Charlie', 'Delta', 'X-ray', 'Yankee'].map((n) => entity(n)),
    );
    const ab = await claim(a!, 'met with', b!);
    const bc = await claim(b!, 'paid', c!);
    const cd = await claim(c!, 'employs', d!);
    await claim(x!, 'communicated with', y!);
    await claim(a!, 'communicated with', x!);
    await entity('Zulu');
    const { user } = renderArea();
    await waitFor(() => expect(edgeCount()).toBe(5));
    const list = await showList(user);

    const pathButton = screen.getByRole('button', { name: 'Shortest path' });
    expect(pathButton).toBeDisabled();
    await user.click(within(list).getByRole('checkbox', { name: 'Select Alpha' }));
    await user.click(within(list).getByRole('checkbox', { name: 'Select Delta' }));
    await user.click(pathButton);
    expect(screen.getByRole('status', { name: 'Highlight' })).toHaveTextContent(
      'Shortest path, 3 links: Alpha → Bravo → Charlie → Delta',
    );
    const highlighted = [...list.querySelectorAll('th[data-highlighted="true"]')].map(
      (th) => th.getAttribute('data-node-id') ?? th.getAttribute('data-edge-id'),
    );
    expect(highlighted.sort()).toEqual([a, b, c, d, ab, bc, cd].sort());
    expect(canvas.calls.filter((call) => call[0] === 'highlight').at(-1)).toEqual([
      'highlight',
      [a, b, c, d, ...[ab, bc, cd].sort()],
    ]);

    // Zulu has no link at all.
    await user.click(within(list).getByRole('checkbox', { name: 'Select Alpha' }));
    await user.click(within(list).getByRole('checkbox', { name: 'Select Zulu' }));
    await user.click(pathButton);
    expect(screen.getByRole('status', { name: 'Highlight' })).toHaveTextContent(
      'No path between Delta and Zulu on this chart.',
    );
  });

  it('saves layout, filters and positions, and they are there when the chart opens again', async () => {
    const lazarus = await entity('Lazarus Group', 'Organization');
    const park = await entity('Park Jin Hyok');
    await claim(park, 'member of', lazarus);
    const { user, unmount } = renderArea();
    await waitFor(() => expect(edgeCount()).toBe(1));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Layout' }), 'grid');
    // The canvas runs a newly chosen layout itself; the same one again is asked for.
    expect(canvas.props?.layout).toBe('grid');
    expect(canvas.calls).not.toContainEqual(['runLayout', 'grid']);
    await user.click(screen.getByRole('button', { name: 'Re-run layout' }));
    expect(canvas.calls).toContainEqual(['runLayout', 'grid']);
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    const filters = screen.getByRole('region', { name: 'Chart filters' });
    await user.click(within(filters).getByRole('checkbox', { name: 'Person' }));
    await waitFor(() => expect(nodeCount()).toBe(1));
    expect(screen.getByText('1 entity and 1 claim hidden by filters')).toBeInTheDocument();
    // A move reported by the canvas: positions are read and saved with those of hidden nodes.
    canvas.positions = { [lazarus]: { x: 100, y: 200 } };
    canvas.props!.onPositionsChange!();
    await waitFor(async () =>
      expect((await storage.charts.list(caseId))[0]?.positions).toEqual({
        [lazarus]: { x: 100, y: 200 },
      }),
    );
    await saved();
    const [stored] = await storage.charts.list(caseId);
    expect(stored).toMatchObject({ layout: 'grid', filters: { entityTypes: ['Organization'] } });

    unmount();
    renderArea({ start: stored!.id });
    await screen.findByTestId('graph-canvas');
    expect(screen.getByRole('combobox', { name: 'Layout' })).toHaveValue('grid');
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeInTheDocument();
    expect(nodeCount()).toBe(1);
    expect(canvas.props?.positions).toEqual({ [lazarus]: { x: 100, y: 200 } });
  });

  it('says what the budget leaves out, and can show everything', async () => {
    const hub = await entity('Hub');
    await claim(hub, 'paid', await entity('Spoke One'));
    await claim(hub, 'paid', await entity('Spoke Two'));
    await entity('Loner');
    const { user } = renderArea();
    await waitFor(() => expect(nodeCount()).toBe(4));
    await user.click(screen.getByText('Budget'));
    const field = screen.getByRole('textbox', { name: 'Most entities drawn' });
    await user.clear(field);
    await user.type(field, '3');
    await waitFor(() => expect(nodeCount()).toBe(3));
    expect(screen.getByText(/Showing 3 of 4 entities; 1 left out: Loner/)).toBeInTheDocument();
    await user.clear(field);
    expect(screen.getByText('A whole number from 1 to 100,000.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(nodeCount()).toBe(4));
    expect(screen.queryByText(/left out/)).not.toBeInTheDocument();
  });

  it('highlights the most linked entities, and those most between others', async () => {
    const hub = await entity('Hub');
    const one = await entity('Spoke One');
    const two = await entity('Spoke Two');
    await claim(hub, 'paid', one);
    await claim(hub, 'paid', two);
    await entity('Loner');
    const { user } = renderArea();
    await waitFor(() => expect(edgeCount()).toBe(2));
    const highlight = screen.getByRole('combobox', { name: 'Highlight' });
    await user.selectOptions(highlight, 'degree');
    expect(screen.getByRole('status', { name: 'Highlight' })).toHaveTextContent(
      'Most linked: Hub, Spoke One, Spoke Two',
    );
    await user.selectOptions(highlight, 'betweenness');
    expect(screen.getByRole('status', { name: 'Highlight' })).toHaveTextContent(
      'Most between others: Hub',
    );
    expect(canvas.calls.at(-1)).toEqual(['highlight', [hub]]);
    await user.click(screen.getByRole('button', { name: 'Clear highlight' }));
    expect(canvas.calls.at(-1)).toEqual(['highlight', []]);
    expect(highlight).toHaveValue('none');
  });

  it('opens the claim dialog with both entities when a link is drawn', async () => {
    const lazarus = await entity('Lazarus Group', 'Organization');
    const bank = await entity('Bangladesh Bank', 'Organization');
    const { user } = renderArea();
    await waitFor(() => expect(nodeCount()).toBe(2));
    await user.click(screen.getByRole('button', { name: 'Draw link' }));
    expect(canvas.props?.linkMode).toBe(true);
    canvas.props!.onLinkRequest!(lazarus, bank);
    const dialog = await screen.findByRole('dialog', { name: 'New claim' });
    await within(dialog).findByRole('button', { name: /Subject.*Lazarus Group/ });
    expect(
      within(dialog).getByRole('button', { name: /Object entity.*Bangladesh Bank/ }),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByRole('combobox', { name: 'Predicate' }), 'attacked');
    await user.click(within(dialog).getByRole('checkbox', { name: /analyst assertion/i }));
    await user.click(within(dialog).getByRole('button', { name: 'Create claim' }));
    await waitFor(() => expect(edgeCount()).toBe(1));
    const [made] = await storage.claims.list(caseId);
    // The new link is selected.
    await waitFor(() => expect(canvas.calls).toContainEqual(['select', [made!.id]]));
    expect(canvas.props?.linkMode).toBe(false);
  });

  it('exports PNG and SVG through the host', async () => {
    await entity('Lazarus Group', 'Organization');
    const { user } = renderArea();
    await screen.findByTestId('graph-canvas');
    await user.click(screen.getByRole('button', { name: 'Export PNG' }));
    await screen.findByText('Exported Case chart.png.');
    await user.click(screen.getByRole('button', { name: 'Export SVG' }));
    await screen.findByText('Exported Case chart.svg.');
    expect(downloads.map((d) => d.name)).toEqual(['Case chart.png', 'Case chart.svg']);
    expect([...downloads[0]!.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(new TextDecoder().decode(downloads[1]!.bytes)).toMatch(/^<svg/);
  });

  it('creates, renames, duplicates and switches charts', async () => {
    const a = await entity('Alpha');
    const b = await entity('Bravo');
    await claim(a, 'met with', b);
    const { user } = renderArea();
    await screen.findByRole('heading', { name: 'Case chart', level: 2 });

    await user.click(screen.getByRole('button', { name: 'New chart…' }));
    let dialog = screen.getByRole('dialog', { name: 'New chart' });
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    expect(title).toHaveValue('Chart 2');
    await user.clear(title);
    await user.click(within(dialog).getByRole('button', { name: 'Create chart' }));
    expect(within(dialog).getByText('Give the chart a title.')).toBeInTheDocument();
    await user.type(title, 'Suspects');
    await user.click(within(dialog).getByRole('radio', { name: /Only entities I add/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create chart' }));
    await screen.findByRole('heading', { name: 'Suspects', level: 2 });
    expect(
      screen.getByRole('heading', { name: 'No entities on this chart yet' }),
    ).toBeInTheDocument();
    expect(nodeCount()).toBe(0);

    // Show only Alpha, then its neighbourhood.
    const contents = screen.getByRole('toolbar', { name: 'Chart contents' });
    await user.click(within(contents).getByRole('button', { name: 'Show whole case' }));
    await waitFor(() => expect(nodeCount()).toBe(2));
    const list = await showList(user);
    await user.click(within(list).getByRole('checkbox', { name: 'Select Alpha' }));
    await user.click(screen.getByRole('button', { name: 'Show only selection' }));
    await waitFor(() => expect(nodeCount()).toBe(1));
    // Alpha stays selected.
    expect(within(list).getByRole('checkbox', { name: 'Select Alpha' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Expand neighbours' }));
    await waitFor(() => expect(nodeCount()).toBe(2));

    await user.click(screen.getByRole('button', { name: 'Rename…' }));
    dialog = screen.getByRole('dialog', { name: 'Rename chart' });
    await user.clear(within(dialog).getByRole('textbox', { name: 'Title' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Alpha’s circle');
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await screen.findByRole('heading', { name: 'Alpha’s circle', level: 2 });

    // The copy has the view as it is now, even before the save lands.
    await user.click(screen.getByRole('button', { name: 'Duplicate' }));
    await screen.findByRole('heading', { name: 'Alpha’s circle (copy)', level: 2 });
    await waitFor(() => expect(nodeCount()).toBe(2));
    await saved();
    const charts = await storage.charts.list(caseId);
    expect(charts.map((c) => c.title).sort()).toEqual(
      ['Alpha’s circle', 'Alpha’s circle (copy)', 'Case chart'].sort(),
    );
    const copy = charts.find((c) => c.title === 'Alpha’s circle (copy)')!;
    expect(copy).toMatchObject({ scope: 'chosen' });
    expect([...copy.entityIds].sort()).toEqual([a, b].sort());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Saved charts' }), 'Case chart');
    await screen.findByRole('heading', { name: 'Case chart', level: 2 });
  });

  it('groups the selection, collapses and ungroups it', async () => {
    const a = await entity('Alpha');
    const b = await entity('Bravo');
    const c = await entity('Charlie');
    await claim(a, 'met with', b);
    await claim(b, 'paid', c);
    const { user } = renderArea();
    await waitFor(() => expect(nodeCount()).toBe(3));
    const list = await showList(user);
    await user.click(within(list).getByRole('checkbox', { name: 'Select Alpha' }));
    await user.click(within(list).getByRole('checkbox', { name: 'Select Bravo' }));
    await user.click(screen.getByRole('button', { name: 'Group…' }));
    const dialog = screen.getByRole('dialog', { name: 'Group selected entities' });
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(within(dialog).getByText('Name the group.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Group name' }), 'Pair');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));
    // An expanded group is a frame around its members: one more node.
    await waitFor(() => expect(nodeCount()).toBe(4));
    const groups = screen.getByRole('region', { name: 'Groups' });
    await user.click(within(groups).getByRole('button', { name: 'Collapse group Pair' }));
    await waitFor(() => expect(nodeCount()).toBe(2));
    expect(edgeCount()).toBe(1);
    await saved();
    expect((await storage.charts.list(caseId))[0]?.groups).toMatchObject([
      { label: 'Pair', collapsed: true },
    ]);
    await user.click(within(groups).getByRole('button', { name: 'Ungroup Pair' }));
    await waitFor(() => expect(nodeCount()).toBe(3));
  });

  it('selects on the chart what is chosen on the timeline, and marks the chart’s selection there', async () => {
    const lazarus = await entity('Lazarus Group', 'Organization');
    const bank = await entity('Bangladesh Bank', 'Organization');
    const attacked = await claim(lazarus, 'attacked', bank);
    const { user } = renderArea();
    await waitFor(() => expect(edgeCount()).toBe(1));
    const timeline = screen.getByRole('region', { name: 'Timeline panel' });
    const item = await within(timeline).findByRole('option', { name: /attacked/ });
    expect(item).toHaveAttribute('aria-selected', 'false');
    await user.click(item);
    expect(canvas.calls).toContainEqual(['select', [attacked]]);
    await waitFor(() =>
      expect(within(timeline).getByRole('option', { name: /attacked/ })).toHaveAttribute(
        'aria-selected',
        'true',
      ),
    );
    expect(
      within(screen.getByRole('region', { name: 'Selection details' })).getByRole('heading', {
        name: 'Selected claim',
      }),
    ).toBeInTheDocument();
    // Chosen on the chart: marked on the timeline. Hidden: the timeline folds away.
    canvas.props!.onSelectionChange({ nodes: [lazarus], edges: [] });
    await waitFor(() =>
      expect(within(timeline).getByRole('option', { name: /attacked/ })).toHaveAttribute(
        'aria-selected',
        'false',
      ),
    );
    await user.click(within(timeline).getByRole('button', { name: 'Hide timeline' }));
    expect(within(timeline).queryByRole('option')).not.toBeInTheDocument();
  });

  it('finds an entity by name and focuses it', async () => {
    const lazarus = await entity('Lazarus Group', 'Organization');
    await entity('Bangladesh Bank', 'Organization');
    const { user } = renderArea();
    await waitFor(() => expect(nodeCount()).toBe(2));
    const find = screen.getByRole('searchbox', { name: 'Find an entity on the chart' });
    await user.type(find, 'lazarus{Enter}');
    expect(canvas.calls).toContainEqual(['focus', lazarus]);
    await user.clear(find);
    await user.type(find, 'nobody');
    expect(screen.getByText('No entity on the chart matches.')).toBeInTheDocument();
  });
});
