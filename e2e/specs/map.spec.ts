import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

const ROOT = resolve(__dirname, '../..');

/** What the map's canvas offers in the page (this project's Node types have no DOM). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}

/** Pixels of the map canvas by kind: paper and grey background, flow blues, the yellow selection halo. */
function countPixels(page: Page): Promise<{ total: number; blue: number; yellow: number; background: number }> {
  return page.getByTestId('map-canvas').evaluate((element) => {
    const canvas = element as unknown as PageCanvas;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('pas de contexte 2D');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let blue = 0;
    let yellow = 0;
    let background = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
      if (b > r + 40 && b > g + 40) blue += 1;
      else if (r > 200 && g > 160 && b < 110) yellow += 1;
      else if (Math.abs(r - g) < 8 && Math.abs(g - b) < 8 && r > 140) background += 1;
    }
    return { total: data.length / 4, blue, yellow, background };
  });
}

/** The map draws on a canvas; each drawing increments `data-drawn`. Waits for one more drawing than `after`. */
async function drawnAfter(page: Page, after: number): Promise<number> {
  const canvas = page.getByTestId('map-canvas');
  await expect.poll(async () => Number((await canvas.getAttribute('data-drawn')) ?? 0)).toBeGreaterThan(after);
  return Number(await canvas.getAttribute('data-drawn'));
}

/** The path of the file the last export wrote, read from its alert. */
async function exported(page: Page, button: string): Promise<string> {
  const alert = page.getByTestId('map-export-written');
  // No alert before the first export (getAttribute would wait for one).
  const before = (await alert.count()) > 0 ? await alert.getAttribute('data-path') : null;
  await page.getByTestId(button).click();
  await expect(alert).toHaveAttribute('data-path', /.+/);
  await expect.poll(() => alert.getAttribute('data-path')).not.toBe(before);
  return (await alert.getAttribute('data-path')) ?? '';
}

test.describe('Carte', () => {
  test('la carte des flux se dessine, se lit en tableaux, se filtre, est accessible et s’exporte', async ({ page, storeAddress, startApp }, testInfo) => {
    // `atelier demo` loads the journeys and builds the statistics and map aggregates, as the app does after a sync.
    atelier('demo', '--db', storeAddress, '--trips', '3000', '--seed', '3');
    const app = await startApp();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Carte', exact: true }).click();

    await expect(page.getByTestId('map-heading')).toContainText('Loire-Atlantique (Département) — flux entre communes');
    const rows = page.getByTestId('map-flows-table-row');
    await expect(rows.first()).toBeVisible();
    let drawn = await drawnAfter(page, 0);
    await testInfo.attach('carte-communes', { body: await page.getByTestId('map-figure').screenshot(), contentType: 'image/png' });

    // It really drew: flows in blue over the grey contours, on a canvas at the screen's density.
    const pixels = await countPixels(page);
    expect(pixels.blue, JSON.stringify(pixels)).toBeGreaterThan(500);
    expect(pixels.background).toBeGreaterThan(0);
    await expect(page.getByTestId('map-canvas')).toHaveAttribute('aria-label', /^Carte : Loire-Atlantique .* flux et .* lieux dessinés/);
    await expect(page.getByTestId('map-hidden')).toHaveText(/^Le seuil de 6 trajets (masque|ne masque aucun)/);
    await expect(page.getByTestId('map-legend-source')).toContainText('Registre de preuve de covoiturage, extraits importés ; fonds :');

    // A flow chosen in the table is ringed in yellow on the map and detailed beside it.
    await rows.nth(1).locator('th button').click();
    drawn = await drawnAfter(page, drawn);
    await expect(page.getByTestId('map-selection-name')).toContainText('→');
    expect((await countPixels(page)).yellow).toBeGreaterThan(20);
    await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');

    // Zoom from the keyboard-operable buttons, then back to the territory.
    await page.getByTestId('map-zoom-in').click();
    drawn = await drawnAfter(page, drawn);
    await page.getByTestId('map-fit').click();
    drawn = await drawnAfter(page, drawn);

    // Sorting the table by journeys, smallest first.
    await page.getByTestId('map-flows-table-sort-journeys').click();
    await expect(page.getByTestId('map-flows-table-sort-journeys').locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');

    // Another level and filters: EPCI, weekdays only, a higher threshold.
    await page.getByTestId('map-level').selectOption('epci');
    // DSFR draws the box on the label: click it as a user does.
    for (const day of ['Sam', 'Dim']) await page.getByTestId('map-days').getByText(day, { exact: true }).click();
    await expect(page.getByTestId('map-day-7')).not.toBeChecked();
    await page.getByTestId('map-min-count').fill('10');
    await page.getByTestId('map-submit').click();
    await expect(page.getByTestId('map-heading')).toContainText('flux entre EPCI');
    await expect(page.getByTestId('map-legend')).toContainText('Jours : Lun, Mar, Mer, Jeu, Ven');
    await expect(page.getByTestId('map-hidden')).toHaveText(/^Le seuil de 10 trajets (masque \d+ flux \(\d+ trajets?\) et|ne masque aucun)/);
    await drawnAfter(page, drawn);
    await page.getByTestId('map-circles').selectOption('departures');
    await expect(page.getByTestId('map-legend')).toContainText('Cercles : Départs par lieu');
    // Départements have contours in the application: their choropleth draws.
    await page.getByTestId('map-level').selectOption('dep');
    await page.getByTestId('map-submit').click();
    await expect(page.getByTestId('map-heading')).toContainText('flux entre départements');
    await page.getByTestId('map-choropleth').selectOption('perThousand');
    await expect(page.getByTestId('map-legend')).toContainText('Trajets pour 1 000 habitants');
    await testInfo.attach('carte-departements', { body: await page.getByTestId('map-figure').screenshot(), contentType: 'image/png' });

    expect(await seriousViolations(page)).toEqual([]);

    // Exports: what the map shows, as GeoJSON and CSV from the same query, and the composed image as PNG.
    const flowCount = await page.getByTestId('map-flows-table-row').count();
    const geojson = JSON.parse(readFileSync(await exported(page, 'map-export-geojson'), 'utf8')) as { type: string; features: unknown[] };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(flowCount);
    const csv = readFileSync(await exported(page, 'map-export-csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\n')[0]).toContain(';');
    const pngPath = await exported(page, 'map-export-png');
    expect(pngPath).toMatch(/\.png$/);
    const png = readFileSync(pngPath);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Wider than the map alone: the legend is printed beside it (IHDR width, big-endian, at byte 16).
    const mapWidth = (await page.getByTestId('map-canvas').boundingBox())?.width ?? 0;
    expect(png.readUInt32BE(16)).toBeGreaterThan(mapWidth * 2);
    await testInfo.attach('carte-export', { body: png, contentType: 'image/png' });
    expect(consoleErrors).toEqual([]);
  });

  test('5 000 flux : dessin complet mesuré, gestes et survol à 60 images par seconde (Canvas 2D, sans WebGL)', async ({ page }, testInfo) => {
    // The page's drawing modules, bundled as they are, timed in a blank Chromium page (the project's flags: no GPU,
    // so the software renderer of a virtual machine or a remote desktop).
    const bundle = await build({
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: { '@shared': resolve(ROOT, 'src/shared'), '@renderer': resolve(ROOT, 'src/renderer/src') } },
      build: {
        write: false,
        minify: false,
        lib: { entry: resolve(ROOT, 'src/renderer/src/components/map/map-benchmark.ts'), formats: ['iife'], name: 'MapBench', fileName: 'map-bench' },
      },
    });
    const output = (Array.isArray(bundle) ? bundle[0] : bundle) as { output: Array<{ type: string; code?: string }> };
    await page.goto('about:blank');
    await page.addScriptTag({ content: output.output.find((chunk) => chunk.type === 'chunk')?.code ?? '' });

    type Timing = { median: number; p95: number };
    type Benchmark = { flows: number; discs: number; sceneMs: number; full: Timing; gesture: Timing; hover: Timing };
    const timings = await page.evaluate(() => (globalThis as unknown as { MapBench: { benchmarkMap(): Benchmark } }).MapBench.benchmarkMap());
    const ms = (value: number): string => `${value.toFixed(1)} ms`;
    const summary =
      `5 000 flux (${timings.flows} tracés, ${timings.discs} internes), 1200×700 px à dpr 2, Chromium sans GPU : scène ${ms(timings.sceneMs)} ; ` +
      `dessin complet médian ${ms(timings.full.median)} (p95 ${ms(timings.full.p95)}) ; image de geste médiane ${ms(timings.gesture.median)} ` +
      `(p95 ${ms(timings.gesture.p95)}) ; image de survol médiane ${ms(timings.hover.median)} (p95 ${ms(timings.hover.p95)})`;
    console.log(summary);
    await testInfo.attach('performance', { body: summary, contentType: 'text/plain' });
    expect(timings.flows + timings.discs).toBe(5_000);
    // One image at 60 per second is 16.7 ms: pans, zooms and hovering fit in it; the full drawing runs once per
    // answer, size or end of gesture.
    expect(timings.gesture.median).toBeLessThan(16.7);
    expect(timings.hover.median).toBeLessThan(16.7);
    expect(timings.full.median).toBeLessThan(1_000);
  });
});
