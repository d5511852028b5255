import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { smallReportInput } from '../fixtures/reports/smallCase';
import { useWatchedPage } from './browser';
import { CaseListPage } from './pages/CaseListPage';
import { ExportDialogPage } from './pages/ExportDialogPage';
import { reportCaseTables } from './reportSeed';
import { seedTables } from './seed';

const baseUrl = inject('baseUrl');

// CI installs Debian's python3-networkx; elsewhere the NetworkX check skips, saying so.
const hasNetworkx =
  spawnSync('python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
const networkxRequired = process.env['CI'] !== undefined;

/** Reads a GraphML file with NetworkX: [nodes, edges]. */
function networkxCounts(path: string): [number, number] {
  const run = spawnSync(
    'python3',
    [
      '-c',
      'import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())',
      path,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`networkx could not read the GraphML: ${run.stderr}`);
  const [nodes, edges] = run.stdout.trim().split(' ').map(Number);
  return [nodes ?? NaN, edges ?? NaN];
}

describe('exporting case data (web build)', () => {
  // Hostile mode: names, titles and literal values start with =HYPERLINK(…), +cmd, @SUM.
  const input = smallReportInput({ hostile: true });
  const session = useWatchedPage(baseUrl, async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await new CaseListPage(page).goto(baseUrl);
    await seedTables(page, reportCaseTables(input));
    await page.goto(`${baseUrl}#/case/${input.case.id}/overview`);
    await page.reload();
  });

  it('exports GraphML that NetworkX reads, and claims CSV with formulas defused', async () => {
    const page = session.page;
    const exporter = new ExportDialogPage(page);
    await page.getByRole('heading', { name: input.case.title, level: 1 }).waitFor();
    await exporter.openFromOverview();
    await page.screenshot({ path: '/tmp/interop-dialog.png' });

    const dir = mkdtempSync(join(tmpdir(), 'casefile-interop-'));
    const graphml = await exporter.exportAs('GraphML');
    const graphmlName = graphml.suggestedFilename();
    expect(graphmlName).toMatch(/\.graphml$/);
    await exporter.dialog.getByText(`Saved as ${graphmlName}.`).waitFor();
    const graphmlPath = join(dir, graphmlName);
    writeFileSync(graphmlPath, readFileSync(await graphml.path()));
    // Entities and literal values are nodes; claims are edges.
    const literals = new Set(
      input.claims.flatMap((c) => (c.object.kind === 'literal' ? [c.object.value] : [])),
    );
    if (hasNetworkx || networkxRequired) {
      expect(networkxCounts(graphmlPath)).toEqual([
        input.entities.length + literals.size,
        input.claims.length,
      ]);
    } else {
      console.warn(
        'GraphML NetworkX check skipped: python3 with networkx is not installed (CI installs python3-networkx).',
      );
    }

    const csv = await exporter.exportAs('CSV claims');
    const csvName = csv.suggestedFilename();
    expect(csvName).toMatch(/-claims\.csv$/);
    await exporter.dialog.getByText(`Saved as ${csvName}.`).waitFor();
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    // The hostile literal value starts with a formula: the cell gets a leading apostrophe.
    expect(text).toContain(`"'=HYPERLINK(""http://x"")`);
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);
    await page.screenshot({ path: '/tmp/interop-dialog-saved.png' });

    // STIX has no object for some of the case's entity types: the dialog says so.
    const stix = await exporter.exportAs('STIX 2.1 bundle');
    await exporter.dialog.getByText(`Saved as ${stix.suggestedFilename()}.`).waitFor();
    const bundle = JSON.parse(readFileSync(await stix.path(), 'utf8')) as { type: string };
    expect(bundle.type).toBe('bundle');
    await exporter.notices
      .getByText(/x-casefile-entity/)
      .first()
      .waitFor();
    await page.screenshot({ path: '/tmp/interop-dialog-notices.png' });
    await exporter.close();
    await exporter.dialog.waitFor({ state: 'detached' });
  });
});
