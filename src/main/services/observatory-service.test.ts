import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from './app-services';
import { stylesheetUrls } from '../exports/observatory-site';
import { TempStore } from '../testing/temp-store';

/**
 * The observatory on the demo (Pays de la Loire, August–October 2026): its indicators are the Statistiques page's
 * figures for the same territory and period, the privacy threshold hides small counts, and the published site is
 * self-contained (no external address, every file it links is in it, accessible structure, no script).
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const NANTES = { level: 'aom', code: '244400404' } as const;
const PERIOD = { from: '2026-08-01', to: '2026-10-31' } as const;
let store: TempStore;
let services: AppServices;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 4_000, seed: 12 })))?.status).toBe('done');
  expect((await services.runner.wait((await services.stats.refresh()) ?? ''))?.status).toBe('done');
});

afterAll(async () => {
  await store.cleanup();
});

/** Every file under a folder, relative to it with `/`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

describe('ObservatoryService.indicators', () => {
  it('gives the Statistiques page’s figures for the same territory and period', async () => {
    const indicators = await services.observatory.indicators({ territory: NANTES, ...PERIOD });
    const stats = await services.stats.query({ ...NANTES, ...PERIOD, direction: 'both', granularity: 'month' });
    expect(indicators).toMatchObject({
      territory: { ...NANTES, name: 'Nantes Métropole' }, ...PERIOD, minCount: 6,
      journeys: stats.key.journeys, carpools: stats.key.trips, carpoolers: stats.key.carpoolers, co2Tonnes: stats.key.co2Tonnes,
      operatorsSendingProofs: stats.byOperator.length, attestationsIssued: 0,
    });
    expect(indicators.journeys).toBeGreaterThan(1_000);
    expect(indicators.months).toEqual(stats.series.map((point) => ({ month: point.period, journeys: point.journeys, carpools: point.trips })));
    expect(indicators.co2Method).toContain('195 g CO₂e');
    // One operator count per month, each the Statistiques page's for that month.
    for (const { month, operators } of indicators.operatorsByMonth) {
      const monthStats = await services.stats.query({ ...NANTES, from: `${month}-01`, to: `${month}-${month === '2026-09' ? '30' : '31'}`, direction: 'both', granularity: 'month' });
      expect(operators).toBe(monthStats.byOperator.length);
    }
    // The demo's campaign is Nantes Métropole's: it paid every registry incentive of the territory.
    expect(indicators.authoritiesWithCampaign).toEqual([{ authority: 'Nantes Métropole', campaigns: 1, journeys: stats.key.incented, cents: stats.key.rpcCents }]);
  });

  it('compares the carpools of AOM with a campaign and the others, from the first to the last complete month', async () => {
    const indicators = await services.observatory.indicators({ territory: null, ...PERIOD });
    const whole = await services.stats.query({ level: 'country', code: '99100', ...PERIOD, direction: 'both', granularity: 'month' });
    expect(indicators).toMatchObject({ territory: null, journeys: whole.key.journeys, carpools: whole.key.trips });
    const { evolution } = indicators;
    expect(evolution).toMatchObject({ firstMonth: '2026-08', lastMonth: '2026-10', withCampaign: { aoms: 1 } });
    expect(evolution.withoutCampaign.aoms).toBeGreaterThan(1);
    const carpoolsFrom = async (month: { from: string; to: string }): Promise<number> =>
      (await services.stats.query({ ...NANTES, ...month, direction: 'from', granularity: 'month' })).key.trips;
    const first = await carpoolsFrom({ from: '2026-08-01', to: '2026-08-31' });
    const last = await carpoolsFrom({ from: '2026-10-01', to: '2026-10-31' });
    expect(evolution.withCampaign).toMatchObject({ first, last });
    expect(evolution.withCampaign.change).toBeCloseTo((last - first) / first, 9);
    // Every car trip starts in one AOM at most: the two groups add up to no more than all carpools of the month.
    const august = await services.stats.query({ level: 'country', code: '99100', from: '2026-08-01', to: '2026-08-31', direction: 'from', granularity: 'month' });
    expect((evolution.withCampaign.first ?? 0) + (evolution.withoutCampaign.first ?? 0)).toBeLessThanOrEqual(august.key.trips);
    // A single AOM as territory: its own group only.
    const nantes = await services.observatory.indicators({ territory: NANTES, ...PERIOD });
    expect(nantes.evolution.withoutCampaign).toEqual({ aoms: 0, first: 0, last: 0, change: null });
  });

  it('defaults to the last twelve complete months the statistics cover (the demo’s three), and hides small counts', async () => {
    const defaulted = await services.observatory.indicators({ territory: NANTES });
    expect(defaulted).toMatchObject(PERIOD);
    await services.settings.set('map.minCount', 1_000);
    try {
      // Orvault: a few hundred journeys at most over the demo's period, fewer per month.
      const small = await services.observatory.indicators({ territory: { level: 'com', code: '44114' }, ...PERIOD });
      expect(small.minCount).toBe(1_000);
      expect(small.journeys).toBeNull();
      expect(small.carpools).toBeNull();
      expect(small.months.every((month) => month.journeys === null || month.journeys === 0)).toBe(true);
      expect(small.authoritiesWithCampaign).toEqual([]);
      expect(small.operatorsSendingProofs).toBeGreaterThan(0);
    } finally {
      await services.settings.set('map.minCount', 6);
    }
  });
});

describe('ObservatoryService.publish', () => {
  it('writes a self-contained static site: no external address, every file it links is in it, accessible, no script', async () => {
    const { jobId, dir } = await services.observatory.publish({ territory: NANTES, ...PERIOD });
    const done = await services.runner.wait(jobId);
    expect(done).toMatchObject({ kind: 'observatory.publish', status: 'done', summary: { dir } });
    expect(dir).toBe(join(store.dir, 'exports', 'observatoire-aom-244400404-2026-08-01_2026-10-31'));
    const files = filesUnder(dir);
    expect(files).toContain('index.html');
    expect(files).toContain('assets/observatoire.css');
    expect(files).toContain('assets/dsfr/core/core.min.css');
    expect(files).toContain('assets/dsfr/fonts/Marianne-Regular.woff2');
    expect(files).toContain('assets/dsfr/LICENSE.md');
    // Icons are inlined in the stylesheets (an SVG file names its XML namespace, an http:// text).
    expect(files.filter((path) => path.endsWith('.svg'))).toEqual([]);
    // No staging folder left beside it.
    expect(readdirSync(dirname(dir)).filter((name) => name.includes('partial'))).toEqual([]);

    // No address outside the site in any text file (the DSFR's licence comment names none either).
    for (const file of files.filter((path) => /\.(html|css|svg|md)$/.test(path))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/https?:\/\//i);
    }
    // Every url() of the stylesheets is a file of the site.
    for (const sheet of files.filter((path) => path.endsWith('.css'))) {
      for (const url of stylesheetUrls(readFileSync(join(dir, sheet), 'utf8'))) {
        const target = resolve(dir, dirname(sheet), url);
        expect(relative(dir, target).startsWith('..'), `${sheet} → ${url}`).toBe(false);
        expect(files, `${sheet} → ${url}`).toContain(relative(dir, target).split(sep).join('/'));
      }
    }

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const window = new Window();
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    expect(document.documentElement.getAttribute('lang')).toBe('fr');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(document.querySelector('h1')?.textContent).toBe('Le covoiturage : Nantes Métropole');
    expect([...document.querySelectorAll('h2')].map((h2) => h2.textContent)).toEqual([
      'Chiffres clés', 'Trajets et covoiturages par mois', 'Opérateurs qui envoient des preuves', 'Le covoiturage là où une campagne paie, et ailleurs',
      'Autorités qui mènent une campagne', 'Attestations de covoiturage', 'Méthode et définitions',
    ]);
    // Every link and source is a relative path to a file of the site.
    for (const element of document.querySelectorAll('[href], [src]')) {
      const target = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
      if (target.startsWith('#')) {
        expect(document.getElementById(target.slice(1)), target).not.toBeNull();
        continue;
      }
      expect(files, target).toContain(target);
    }
    // Charts are images with a title and a description, each followed by its data table with a caption.
    const charts = [...document.querySelectorAll('svg')];
    expect(charts).toHaveLength(3);
    for (const chart of charts) {
      expect(chart.getAttribute('role')).toBe('img');
      const [titleId, descId] = (chart.getAttribute('aria-labelledby') ?? '').split(' ');
      expect(document.getElementById(titleId ?? '')?.textContent).not.toBe('');
      expect(document.getElementById(descId ?? '')?.textContent).not.toBe('');
    }
    const tables = [...document.querySelectorAll('table')];
    expect(tables).toHaveLength(4);
    for (const table of tables) {
      expect(table.querySelector('caption')?.textContent).not.toBe('');
      expect(table.querySelectorAll('thead th[scope="col"]').length).toBeGreaterThan(0);
    }
    expect(document.body.textContent).toContain('Nantes Métropole');
    await window.happyDOM.close();
  });

  it('writes into a new or empty folder it is given, and refuses one that holds files', async () => {
    const out = join(store.dir, 'site-public');
    mkdirSync(out);
    const { jobId, dir } = await services.observatory.publish({ territory: null, ...PERIOD }, out);
    expect(dir).toBe(out);
    expect((await services.runner.wait(jobId))?.status).toBe('done');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<h1>Le covoiturage : toutes les données de la base</h1>');
    await expect(services.observatory.publish({ territory: null, ...PERIOD }, out)).rejects.toThrow(/n’est pas vide/);
    // A second publication of the same scope and period gets its own folder.
    const again = await services.observatory.publish({ territory: NANTES, ...PERIOD });
    await services.runner.wait(again.jobId);
    expect(again.dir).toBe(join(store.dir, 'exports', 'observatoire-aom-244400404-2026-08-01_2026-10-31 (2)'));
  });
});
