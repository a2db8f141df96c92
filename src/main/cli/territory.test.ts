import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsResult } from '../../shared/types/stats';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import { TempStore } from '../testing/temp-store';
import { runCli } from './run-cli';

/** `atelier territory summary|report` on a demo store built through the services (August–October 2026). */

const NANTES_METROPOLE = '244400404';
let store: TempStore;
let stats: StatsResult;
let run: CliRun;

function cli(...argv: string[]): Promise<number> {
  return runCli(argv, run.context);
}

/** What the command printed on stdout, as JSON. */
function printed(): Record<string, unknown> {
  return JSON.parse(run.out.join('\n')) as Record<string, unknown>;
}

beforeAll(async () => {
  store = new TempStore();
  const services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
  expect((await services.runner.wait(await services.demo.start({ trips: 2_000, seed: 11, patterns: 0 })))?.status).toBe('done');
  expect((await services.runner.wait((await services.stats.refresh()) ?? ''))?.status).toBe('done');
  stats = await services.stats.query({ level: 'aom', code: NANTES_METROPOLE, direction: 'both', from: '2026-08-01', to: '2026-10-31', granularity: 'month' });
  await services.close();
});

afterAll(async () => {
  await store.cleanup();
});

beforeEach(() => {
  run = freshCliRun();
  vi.stubEnv('ATELIER_KEY_DIR', store.keyDir);
});

afterEach(() => endCliRun(run));

describe('atelier territory summary', () => {
  it('prints the home figures with the Statistiques definitions as JSON', async () => {
    expect(await cli('territory', 'summary', '--db', store.storeAddress, '--level', 'aom', '--code', NANTES_METROPOLE, '--json')).toBe(0);
    const json = printed();
    expect(json).toMatchObject({
      territory: { level: 'aom', code: NANTES_METROPOLE, name: 'Nantes Métropole' },
      from: '2026-08-01',
      to: '2026-10-31',
      journeys: stats.key.journeys,
      carpools: stats.key.trips,
      carpoolers: stats.key.carpoolers,
      incentives_cents: stats.key.rpcCents,
      operators: stats.byOperator.length,
      internal_share: stats.key.internalShare,
      year_before: null,
      incentives: { journeys: stats.key.incented, cents: stats.key.rpcCents },
      waiting: { imports_with_rejected_rows: 0, rejected_rows: 0, saved_simulations: 0 },
      store: { from: '2026-08-01', to: '2026-10-31' },
    });
    expect(json['distance_km']).toBeCloseTo(stats.series.reduce((sum, point) => sum + point.distanceKm, 0), 6);
    expect(json['co2_tonnes']).toBeCloseTo(stats.key.co2Tonnes, 9);
    expect(json['months']).toEqual(stats.series.map((point) => ({ month: point.period, journeys: point.journeys })));
    expect(json['operator_shares']).toHaveLength(stats.byOperator.length);
    expect(json['by_hour']).toEqual(stats.byHour);
    expect(json['by_weekday']).toEqual(stats.byWeekday);
    expect((json['top_flows'] as unknown[]).length).toBeGreaterThan(0);
    expect(Object.keys(json['top_flows'] as object[])).not.toHaveLength(0);
  });

  it('prints the figures in French for a commune and a period', async () => {
    expect(await cli('territory', 'summary', '--db', store.storeAddress, '--level', 'com', '--code', '44109', '--from', '2026-09-01', '--to', '2026-09-30')).toBe(0);
    expect(run.out[0]).toBe('Nantes (Commune 44109), du 01/09/2026 au 30/09/2026 :');
    expect(run.out[1]).toMatch(/^ {2}trajets {12}[\d\u202f]+$/);
    expect(run.out).toContain('  (pas de comparaison sur un an : la base ne couvre pas la même période un an avant)');
    expect(run.out.at(-1)).toMatch(/^Base : trajets du 01\/08\/2026 au 31\/10\/2026, dernier import le \d\d\/\d\d\/\d{4} /);
  });

  it('exits 1 with the reason for a bad level, half a period, an unknown territory or action', async () => {
    expect(await cli('territory', 'summary', '--db', store.storeAddress, '--level', 'canton', '--code', '1')).toBe(1);
    expect(await cli('territory', 'summary', '--db', store.storeAddress, '--level', 'aom', '--code', NANTES_METROPOLE, '--from', '2026-08-01')).toBe(1);
    expect(await cli('territory', 'summary', '--db', store.storeAddress, '--level', 'epci', '--code', '999999999')).toBe(1);
    expect(await cli('territory', 'list', '--db', store.storeAddress)).toBe(1);
    expect(run.err.filter((line) => line.startsWith('Erreur'))).toEqual([
      expect.stringMatching(/^Erreur : --level : .* \(niveaux : com, epci, aom, dep, reg ; dates AAAA-MM-JJ\)$/),
      'Erreur : --to : indiquez le début et la fin de la période (niveaux : com, epci, aom, dep, reg ; dates AAAA-MM-JJ)',
      'Erreur : Territoire inconnu : epci 999999999 (codes INSEE des communes, départements et régions ; SIREN des EPCI et AOM)',
      'Erreur : Action inconnue : territory list (attendu : summary ou report)',
    ]);
  });
});

describe('atelier territory report', () => {
  it('simulates a catalogue campaign on the territory, writes the report and prints its figures; then reuses the simulation', async () => {
    const out = join(run.dir, 'rapport.pdf');
    expect(await cli('territory', 'report', '--db', store.storeAddress, '--level', 'aom', '--code', NANTES_METROPOLE, '--campaign', '1', '--out', out, '--json')).toBe(0);
    const json = printed();
    expect(json).toMatchObject({
      file: out,
      territory: { level: 'aom', code: NANTES_METROPOLE, name: 'Nantes Métropole' },
      from: '2026-08-01',
      to: '2026-10-31',
      year_before: null,
      figures: {
        journeys: { value: stats.key.journeys, year_before: null, change: null },
        carpools: { value: stats.key.trips },
        incentives_cents: { value: stats.key.rpcCents },
      },
      simulation: { from: '2026-08-01', to: '2026-10-31' },
    });
    const simulation = json['simulation'] as { id: number; campaign: string; incentivised: number; amount_cents: number };
    expect(simulation.campaign).toMatch(/appliquée à Nantes Métropole$/);
    expect(simulation.incentivised).toBeGreaterThan(0);
    expect(simulation.amount_cents).toBeGreaterThan(0);
    expect(json['bytes']).toBeGreaterThan(1_000);
    const text = execFileSync('/usr/bin/pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Nantes Métropole');
    expect(text).toContain(`Simulation n° ${simulation.id}`);

    run.out.length = 0;
    const again = join(run.dir, 'rapport-2.pdf');
    expect(await cli('territory', 'report', '--db', store.storeAddress, '--level', 'aom', '--code', NANTES_METROPOLE, '--simulation', String(simulation.id), '--out', again)).toBe(0);
    expect(run.out).toEqual([`${again} : rapport de Nantes Métropole, du 01/08/2026 au 31/10/2026, simulation n° ${simulation.id} (1 page A4).`]);
    expect(existsSync(again)).toBe(true);
  });

  it('exits 1 without --out, with both --campaign and --simulation, or an unknown campaign or simulation', async () => {
    const base = ['territory', 'report', '--db', store.storeAddress, '--level', 'aom', '--code', NANTES_METROPOLE];
    const out = join(run.dir, 'rapport.pdf');
    expect(await cli(...base)).toBe(1);
    expect(await cli(...base, '--campaign', '1', '--simulation', '1', '--out', out)).toBe(1);
    expect(await cli(...base, '--campaign', 'inconnue', '--out', out)).toBe(1);
    expect(await cli(...base, '--simulation', '404', '--out', out)).toBe(1);
    expect(run.err.filter((line) => line.startsWith('Erreur'))).toEqual([
      'Erreur : --out FICHIER.pdf est obligatoire',
      'Erreur : --campaign et --simulation s’excluent : choisissez l’une des deux',
      'Erreur : Campagne inconnue : inconnue',
      'Erreur : Simulation introuvable ou pas encore terminée : 404',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
