import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobDone } from '../../shared/types/jobs';
import { AuditVerification, StoreInfo } from '../../shared/types/store';
import { openDatabase } from '../db/connection';
import { migrationNames } from '../db/migrations';
import { createAppServices } from '../services/app-services';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import { TEST_WORKER } from '../testing/temp-store';
import { formatCents, formatInteger } from '../../shared/util/format';
import type { CliContext } from './cli-services';
import { runCli } from './run-cli';

let dir: string;
let out: string[];
let err: string[];
let context: CliContext;

function cli(...argv: string[]): Promise<number> {
  return runCli(argv, context);
}

let run: CliRun;

beforeEach(() => {
  run = freshCliRun();
  ({ dir, out, err, context } = run);
  // Store keys and audit anchors in the temp dir too (platform/store-key.ts).
  vi.stubEnv('ATELIER_KEY_DIR', join(dir, 'clés'));
});

afterEach(() => endCliRun(run));

describe('atelier info', () => {
  it('fails with 1 on a missing file, names it, and does not create it', async () => {
    const missing = join(dir, 'absente.sqlite');
    expect(await cli('info', '--db', missing)).toBe(1);
    expect(err.join('\n')).toContain(`Base introuvable : ${missing}`);
    expect(out).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('atelier demo then info', () => {
  it('loads 500 journeys (0) and info --json reports them as valid StoreInfo', async () => {
    const db = join(dir, 'essai.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '500', '--seed', '12')).toBe(0);
    expect(out.join('\n')).toContain('Données de démonstration chargées : 500 trajets insérés, 0 déjà présents');
    // Progress goes to stderr, keeping stdout for the result.
    expect(err[0]).toMatch(/^écriture \d+ \/ 500 lignes/);
    err.length = 0;

    out.length = 0;
    expect(await cli('info', '--db', db, '--json')).toBe(0);
    const info = StoreInfo.parse(JSON.parse(out.join('\n')));
    expect(info).toMatchObject({ engine: 'sqlite', location: db, engineVersion: expect.stringMatching(/^SQLite 3\.\d+/) });
    expect(info.tables.find((table) => table.name === 'trips')?.rows).toBe(500);
    expect(info.tables.find((table) => table.name === 'audit_log')?.rows).toBe(1);

    out.length = 0;
    expect(await cli('info', '--db', db)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`Base     : ${db}`);
    expect(text).toMatch(/Moteur {3}: SQLite 3\.\d+/);
    expect(text).toContain(`Schéma   : ${migrationNames.at(-1)} (${migrationNames.length} migrations)`);
    expect(text).toMatch(/trips\s+500/);
    expect(err).toEqual([]);
  });

  it('prints the JobDone as JSON with --json, and reports a second load as already present', async () => {
    const db = join(dir, 'essai.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '200', '--json')).toBe(0);
    expect(JobDone.parse(JSON.parse(out.join('\n')))).toMatchObject({ status: 'done', summary: { rowsInserted: 200 } });

    out.length = 0;
    expect(await cli('demo', '--db', db, '--trips', '200')).toBe(0);
    expect(out.join('\n')).toContain('0 trajets insérés, 200 déjà présents');
  });
});

describe('atelier — usage errors', () => {
  it.each([
    [['demo', '--trips', '5'], '--trips'],
    [['demo', '--trips', 'beaucoup'], '--trips'],
    [['demo', '--trips', '2000001'], '--trips'],
    [['demo', '--seed=-1'], '--seed'],
  ])('%j fails with 1 naming the option, before touching any store', async (argv, option) => {
    expect(await cli(...argv)).toBe(1);
    expect(err.join('\n')).toContain(option);
    expect(err.join('\n')).toContain('doit être un entier');
    expect(existsSync(join(dir, 'défaut'))).toBe(false);
  });

  it('fails with 1 on an unknown command', async () => {
    expect(await cli('exporter')).toBe(1);
    expect(err.join('\n')).toContain('Commande inconnue : exporter');
  });

  it('fails with 1 on an unknown option, or an option missing its value', async () => {
    expect(await cli('info', '--verbeux')).toBe(1);
    expect(err.join('\n')).toContain('--verbeux');
    err.length = 0;
    expect(await cli('demo', '--db')).toBe(1);
    expect(err.join('\n')).toContain('--db');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('prints the usage with 0 for --help, and with 1 when no command is given', async () => {
    expect(await cli('--help')).toBe(0);
    expect(out.join('\n')).toContain('Utilisation :');
    expect(out.join('\n')).toContain('atelier demo');
    out.length = 0;
    expect(await cli()).toBe(1);
    expect(out.join('\n')).toContain('Utilisation :');
    // A command's own --help (or -h) gives the usage too, not an error, and touches no store.
    for (const argv of [['campaign', '--help'], ['import', '-h'], ['audit', 'verify', '--help']]) {
      out.length = 0;
      expect(await cli(...argv)).toBe(0);
      expect(out.join('\n')).toContain('atelier campaign simulate');
    }
    expect(err).toEqual([]);
  });
});

describe('atelier generate then import', () => {
  it('writes a territory zip that atelier import reads whole', async () => {
    const file = join(dir, 'synthetique.zip');
    expect(await cli('generate', '--rows', '700', '--format', 'territory', '--seed', '3', '--from', '2025-01-01', '--days', '31', '--out', file, '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ file, format: 'territory', rows: 700, seed: 3, region: '52', firstDay: '2025-01-01', days: 31 });
    out.length = 0;
    const db = join(dir, 'base.sqlite');
    expect(await cli('import', file, '--db', db)).toBe(0);
    expect(out.join('\n')).toContain('synthetique.zip [territory, committed] : 700 lues, 700 insérées, 0 mises à jour, 0 inchangées, 0 rejetées — période 2025-01-01 → 2025-01-31');
    expect(out.at(-1)).toMatch(/^Durée : import \d+(,\d)? s, puis statistiques, analyse des nouveaux trajets et préparation des simulations \d+(,\d)? s\.$/);
  });

  it('prints the import and follow-up durations with --json, the follow-up having refreshed the statistics and scanned', async () => {
    const file = join(dir, 'extrait.csv');
    expect(await cli('generate', '--rows', '600', '--format', 'territory', '--seed', '5', '--from', '2025-03-01', '--days', '20', '--out', file)).toBe(0);
    out.length = 0;
    const db = join(dir, 'base.sqlite');
    expect(await cli('import', file, '--db', db, '--json')).toBe(0);
    const result = JSON.parse(out.join('\n')) as { files: Array<{ file: string; status: string; batch: { rowsInserted: number } }>; seconds: unknown; followup_seconds: unknown };
    expect(result.files).toEqual([expect.objectContaining({ file, status: 'done', batch: expect.objectContaining({ rowsInserted: 600 }) })]);
    expect(typeof result.seconds === 'number' && result.seconds >= 0).toBe(true);
    expect(typeof result.followup_seconds === 'number' && result.followup_seconds >= 0).toBe(true);
    // What the follow-up time covers happened before the command returned: aggregates of the period, a scan of it, and
    // the simulation blocks of its days (20 local days; no generated journey starts between midnight and 1 a.m.).
    const sql = openDatabase(db);
    try {
      const days = (await sql('stats_day').where({ level: 'country' }).distinct('day')) as Array<{ day: string }>;
      expect(days.map((row) => row.day).sort().at(0)).toBe('2025-03-01');
      expect(await sql('check_runs').select('from_day', 'to_day', 'trips')).toEqual([expect.objectContaining({ from_day: '2025-03-01', to_day: '2025-03-20' })]);
      const blocks = (await sql('campaign_trip_blocks').orderBy('day').pluck('day')) as string[];
      expect(blocks).toHaveLength(20);
      expect([blocks[0], blocks.at(-1)]).toEqual(['2025-03-01', '2025-03-20']);
    } finally {
      await sql.destroy();
    }
  });

  it('refuses an unknown format or region and a missing --out, with exit code 1', async () => {
    expect(await cli('generate', '--rows', '10', '--format', 'xlsx', '--out', join(dir, 'a.csv'))).toBe(1);
    expect(await cli('generate', '--rows', '10', '--region', '84', '--out', join(dir, 'a.csv'))).toBe(1);
    expect(await cli('generate', '--rows', '10')).toBe(1);
    expect(err).toEqual([
      'Erreur : --format inconnu « xlsx » (attendu : territory, operator, dump, opendata, opendata2022, opendata2025)',
      'Erreur : --region « 84 » non disponible (attendu : 11 ou 52)',
      'Erreur : --out est obligatoire (fichier .csv, .csv.gz ou .zip)',
    ]);
    expect(readdirSync(dir).filter((name) => name.startsWith('a.csv'))).toEqual([]);
  });
});

describe('atelier aom', () => {
  it('imports a Cerema CSV and summarises the table by source', async () => {
    const db = join(dir, 'base.sqlite');
    const file = join(dir, 'aom.csv');
    writeFileSync(file, 'Code INSEE commune;Siren AOM;Nom AOM\n72181;247200132;Le Mans Métropole\n');
    expect(await cli('aom', 'import', file, '--db', db)).toBe(0);
    expect(out.join('\n')).toContain('1 communes lues — 1 ajoutées, 0 remplacées, 0 conservées ; 0 lignes refusées');
    out.length = 0;
    expect(await cli('aom', 'summary', '--db', db, '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toContainEqual(expect.objectContaining({ source: 'cerema', communes: 1, aoms: 1 }));
  });

  it('exits 1 with the reason when the file cannot be read', async () => {
    const file = join(dir, 'aom.csv');
    writeFileSync(file, 'code;nom\n44109;Nantes\n');
    expect(await cli('aom', 'import', file, '--db', join(dir, 'base.sqlite'))).toBe(1);
    expect(err.at(-1)).toMatch(/^Erreur : « aom\.csv » : colonnes non reconnues/);
  });
});

describe('atelier export stats', () => {
  it('writes the territory workbook of a demo store, and refuses an unknown level', async () => {
    const db = join(dir, 'base.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '800', '--seed', '2')).toBe(0);
    out.length = 0;
    const file = join(dir, 'loire-atlantique.xlsx');
    expect(await cli('export', 'stats', '--db', db, '--level', 'dep', '--code', '44', '--from', '2026-01-01', '--to', '2026-12-31', '--out', file, '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ file });
    expect(existsSync(file)).toBe(true);
    expect(await cli('export', 'stats', '--db', db, '--level', 'canton', '--code', '44', '--from', '2026-01-01', '--to', '2026-12-31', '--out', file)).toBe(1);
    expect(err.at(-1)).toMatch(/^Erreur : --level : /);
  });
});

describe('atelier export trips and apdf', () => {
  it('exports a filtered trip list and the APDF workbook of the demo campaign', async () => {
    const db = join(dir, 'base.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '1500', '--seed', '4')).toBe(0);
    out.length = 0;
    const csv = join(dir, 'trajets.csv');
    expect(await cli('export', 'trips', '--db', db, '--from', '2026-09-01', '--to', '2026-09-30', '--level', 'dep', '--code', '44', '--status', 'ok', '--out', csv, '--json')).toBe(0);
    const { rows } = JSON.parse(out.join('\n')) as { rows: number };
    expect(rows).toBeGreaterThan(0);
    expect(readFileSync(csv, 'utf8').split('\r\n').filter((line) => line !== '')).toHaveLength(rows + 1);
    // For French Excel unless asked otherwise: `;`, French dates; `--csv standard`: `,`, ISO dates.
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toMatch(/;\d{2}\/09\/2026 \d{2}:\d{2}:\d{2};/);
    const standard = join(dir, 'trajets-standard.csv');
    expect(await cli('export', 'trips', '--db', db, '--from', '2026-09-01', '--to', '2026-09-30', '--csv', 'standard', '--out', standard)).toBe(0);
    expect(readFileSync(standard, 'utf8').split('\r\n')[1]).toMatch(/,2026-09-\d{2} \d{2}:\d{2}:\d{2},/);
    expect(await cli('export', 'trips', '--db', db, '--from', '2026-09-01', '--to', '2026-09-30', '--csv', 'tableur', '--out', standard)).toBe(1);
    expect(err.at(-1)).toBe('Erreur : --csv : « tableur » inconnu (attendu : excel ou standard)');

    out.length = 0;
    const apdfDir = join(dir, 'apdf');
    expect(await cli('export', 'apdf', '--db', db, '--campaign', '9001', '--operator', 'blablacar daily', '--month', '2026-09', '--out', apdfDir, '--json')).toBe(0);
    const summary = JSON.parse(out.join('\n')) as { file: string; trips: number; subsidized: number; amountCents: number };
    expect(summary.file).toMatch(new RegExp(`APDF-2026-09-9001-\\d+-${summary.trips}-${summary.subsidized}-${summary.amountCents}-demonstration__nantes_metropole\\.xlsx$`));
    expect(readdirSync(apdfDir)).toEqual([summary.file.split('/').at(-1)]);

    expect(await cli('export', 'apdf', '--db', db, '--campaign', '9001', '--operator', 'Inconnu', '--month', '2026-09', '--out', apdfDir)).toBe(1);
    expect(err.at(-1)).toBe('Erreur : Opérateur inconnu dans la base : « Inconnu »');
    // A month without incentives is the user's mistake, said as the page says it: exit code 1, not an internal error.
    expect(await cli('export', 'apdf', '--db', db, '--campaign', '9001', '--operator', 'blablacar daily', '--month', '2025-01', '--out', apdfDir)).toBe(1);
    expect(err.at(-1)).toBe('Erreur : Aucune incitation de la campagne 9001 pour cet opérateur en 2025-01 dans la base.');
  });
});

describe('atelier campaign', () => {
  /** An IDFM trip (campaign 459): BlaBlaCar Daily, class C, Massy → Orsay (both in AOM 217500016). */
  function idfmTrip(overrides: Record<string, unknown> = {}): string {
    return JSON.stringify({
      datetime: '2024-04-16T06:10:00Z', distance: 20_000, seats: 1, operator_class: 'C', operator_uuid: '0b361f5b-4651-45f1-8f59-5952d5e745fd',
      operator_id: 1, operator_journey_id: 'j1', operator_trip_id: 't1', driver_identity_key: 'driver-a', passenger_identity_key: 'passenger-a',
      passenger_is_over_18: true, driver_revenue: 200, passenger_contribution: 0,
      start: { com: '91377', arr: '91377', epci: '200056232', aom: '217500016', dep: '91', reg: '11', country: 'XXXXX' },
      end: { com: '91471', arr: '91471', epci: '200056232', aom: '217500016', dep: '91', reg: '11', country: 'XXXXX' },
      start_lat: 48.73, start_lon: 2.27, end_lat: 48.69, end_lon: 2.18, ...overrides,
    });
  }

  it('replays IDFM: 1,50 € + 0,10 €/km from 15 km, 6 trips a day per driver, results in input order, counters out', async () => {
    const trips = join(dir, 'trips.jsonl');
    const lines = [
      ...Array.from({ length: 7 }, (_, i) => idfmTrip({ datetime: `2024-04-16T${String(6 + i).padStart(2, '0')}:10:00Z`, passenger_identity_key: `p${i}` })),
      idfmTrip({ distance: 1_500, datetime: '2024-04-17T07:00:00Z' }),
      idfmTrip({ distance: 40_000, datetime: '2024-04-17T06:00:00Z', driver_identity_key: 'driver-b' }),
    ];
    writeFileSync(trips, `${lines.join('\n')}\n`);
    const results = join(dir, 'results.jsonl');
    const counters = join(dir, 'counters.json');
    expect(await cli('campaign', 'run', '--campaign', '459', '--trips', trips, '--out', results, '--counters-out', counters)).toBe(0);
    const rows = readFileSync(results, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { index: number; amount_cents: number; eligible: boolean; reasons: Array<{ code: string }> });
    expect(rows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((row) => row.amount_cents)).toEqual([200, 200, 200, 200, 200, 200, 0, 0, 300]);
    expect(rows[7]?.eligible).toBe(false);
    expect(err.at(-1)).toContain('459 « Île-de-France Mobilités » : 9 trajets');
    const saved = JSON.parse(readFileSync(counters, 'utf8')) as Array<{ counter: string; target: string; identity_key?: string; period: string; value: number }>;
    expect(saved).toContainEqual(expect.objectContaining({ counter: 'amount_cents', target: 'driver', identity_key: 'driver-a', period: 'month', period_value: '2024-04', value: 1_200 }));

    // Carried over: the same driver's month already at 149 € leaves 1 € for the next trip.
    writeFileSync(counters, JSON.stringify([{ counter: 'amount_cents', target: 'driver', identity_key: 'driver-a', period: 'month', period_value: '2024-04', value: 14_900 }]));
    writeFileSync(trips, `${idfmTrip({ datetime: '2024-04-20T06:00:00Z' })}\n`);
    out.length = 0;
    expect(await cli('campaign', 'run', '--campaign', '459', '--trips', trips, '--counters-in', counters)).toBe(0);
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({ index: 0, amount_cents: 100, stateless_amount_cents: 200 });
  });

  it('lists the catalogue, validates files with their JSON path, and names the bad line of a trips file', async () => {
    expect(await cli('campaign', 'list', '--json')).toBe(0);
    const ids = (JSON.parse(out.join('\n')) as Array<{ id: string }>).map((c) => c.id);
    expect(ids).toHaveLength(46);
    expect(ids).toEqual(expect.arrayContaining(['249', '459', 'occitanie_2022', '1', '2', '3']));

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 1, id: 'x' }));
    expect(await cli('campaign', 'validate', bad)).toBe(1);
    expect(err.at(-1)).toMatch(/^Erreur : bad\.json : /);

    const trips = join(dir, 'trips.jsonl');
    writeFileSync(trips, `${idfmTrip()}\n{"datetime": 3}\n`);
    expect(await cli('campaign', 'run', '--campaign', '459', '--trips', trips)).toBe(1);
    expect(err.at(-1)).toBe('Erreur : trips.jsonl, ligne 2 : champ « datetime » manquant ou non texte (instant ISO UTC attendu)');
  });
});

describe('atelier campaign simulate', () => {
  /** Template 1 (2 € + 0,10 €/km from 20 to 50 km, classes B and C) cloned onto Pays de la Loire, without a window. */
  function regionalDefinition(): string {
    const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
    const file = join(dir, 'pdl.json');
    writeFileSync(file, JSON.stringify({ ...template, id: 'essai_pdl', name: 'Essai Pays de la Loire', status: 'campaign', territory: { reg: ['52'] } }));
    return file;
  }

  it('simulates a definition file and a catalogue campaign on the store, saved as the page saves them, with the budget given', async () => {
    const db = join(dir, 'base.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '1500', '--seed', '6', '--json')).toBe(0);
    const { summary } = JSON.parse(out.join('\n')) as { summary: { periodFrom: string; periodTo: string } };
    const [from, to] = [summary.periodFrom, summary.periodTo];
    // The journeys a simulation reads, counted straight from the table: the period's local days, registry-valid only.
    const sql = openDatabase(db);
    const dayAfterTo = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const counted = (await sql('trips').where('start_local', '>=', from).where('start_local', '<', dayAfterTo)
      .where((valid) => valid.where({ status: 'ok' }).orWhereNull('status')).count({ n: '*' }).first()) as { n: number };
    const flagged = (await sql('trips').whereNot({ status: 'ok' }).count({ n: '*' }).first()) as { n: number };
    await sql.destroy();
    expect(flagged.n).toBeGreaterThan(0);

    out.length = 0;
    err.length = 0;
    const definition = regionalDefinition();
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', definition, '--from', from, '--to', to, '--json')).toBe(0);
    const simulated = JSON.parse(out.join('\n')) as { journeys: number; eligible: number; incentivised: number; amount_cents: number; seconds: number; simulation_id: number };
    expect(Object.keys(simulated)).toEqual(['journeys', 'eligible', 'incentivised', 'amount_cents', 'seconds', 'simulation_id', 'warnings']);
    expect(simulated.journeys).toBe(counted.n);
    expect(simulated.amount_cents).toBeGreaterThan(0);
    expect(simulated.incentivised).toBeLessThanOrEqual(simulated.eligible);
    expect(simulated.seconds).toBeGreaterThanOrEqual(0);
    // Progress went to stderr (stdout parsed whole as the JSON above), counted in journeys up to all of them.
    expect(err[0]).toBe('démarrage');
    expect(err.join('\n')).toMatch(new RegExp(`^simulation ${formatInteger(simulated.journeys)} / ${formatInteger(simulated.journeys)} trajets \\(100\u202f%\\)`, 'm'));

    out.length = 0;
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', definition, '--from', from, '--to', to, '--budget-cents', '1000')).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`${formatInteger(simulated.journeys)} trajets, ${formatInteger(simulated.eligible)} éligibles`);
    expect(text).toMatch(/^Simulation n° \d+ enregistrée — essai_pdl « Essai Pays de la Loire », du \d\d\/\d\d\/\d{4} au /);
    expect(text).toContain('budget épuisé le');

    out.length = 0;
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', '459', '--from', from, '--to', to, '--json')).toBe(0);
    const idfm = JSON.parse(out.join('\n')) as typeof simulated & { warnings: Array<{ code: string }> };
    // An Île-de-France campaign on Pays de la Loire journeys: all read, none eligible, and said (docs/discovery.md).
    expect(idfm).toMatchObject({ journeys: counted.n, eligible: 0, amount_cents: 0 });
    expect(idfm.warnings.map((warning) => warning.code)).toContain('territory_outside');

    const services = await createAppServices({ storeAddress: db, dataDir: dir, mode: 'cli', worker: TEST_WORKER, version: 'test' });
    try {
      const saved = await services.campaigns.list();
      expect(saved.map((entry) => entry.campaignId)).toEqual(['459', 'essai_pdl', 'essai_pdl']);
      const result = await services.campaigns.result(simulated.simulation_id);
      expect(result.totals).toMatchObject({ trips: simulated.journeys, eligible: simulated.eligible, paid: simulated.incentivised, amountCents: simulated.amount_cents });
      const budgeted = saved.find((entry) => entry.id !== simulated.simulation_id && entry.campaignId === 'essai_pdl');
      expect(budgeted?.totals).toMatchObject({ budgetCents: 1000 });
      expect(budgeted?.totals?.amountCents).toBeLessThanOrEqual(1000);
      expect(text).toContain(formatCents(budgeted?.totals?.amountCents ?? -1));
    } finally {
      await services.close();
    }
  });

  it('refuses a bad definition file naming it and the field, an unknown campaign and bad dates, before opening the store', async () => {
    const bad = join(dir, 'mauvaise.json');
    writeFileSync(bad, JSON.stringify({ ...(JSON.parse(readFileSync(regionalDefinition(), 'utf8')) as object), budget_cents: -5 }));
    const db = join(dir, 'absente.sqlite');
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', bad, '--from', '2026-01-01', '--to', '2026-01-31')).toBe(1);
    expect(err.at(-1)).toMatch(/^Erreur : mauvaise\.json : .*budget_cents/);
    expect(err.at(-1)).not.toContain('\n');
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', 'inconnue', '--from', '2026-01-01', '--to', '2026-01-31')).toBe(1);
    expect(err.at(-1)).toContain('Campagne inconnue : « inconnue »');
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', '459', '--from', '2026-02-01', '--to', '2026-01-31')).toBe(1);
    expect(err.at(-1)).toBe('Erreur : --to : la date de début doit précéder la date de fin');
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', '459', '--from', '2026-13-01', '--to', '2026-01-31')).toBe(1);
    expect(err.at(-1)).toBe('Erreur : --from : date attendue au format AAAA-MM-JJ');
    expect(await cli('campaign', 'simulate', '--db', db, '--campaign', '459', '--from', '2026-01-01')).toBe(1);
    expect(err.at(-1)).toBe('Erreur : --from AAAA-MM-JJ et --to AAAA-MM-JJ sont obligatoires');
    expect(existsSync(db)).toBe(false);
  });
});

describe('atelier scan, flags, review, decide and export cases', () => {
  it('scans the demo store after loading it, lists flags, the queue, records a decision and writes the case files', async () => {
    const db = join(dir, 'base.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '1500', '--seed', '8', '--patterns', '1')).toBe(0);
    expect(out.join('\n')).toMatch(/trajets suspects injectés et étiquetés/);
    // `atelier demo` scanned the new journeys: the injected self-carpool is already in the queue.
    out.length = 0;
    expect(await cli('flags', '--db', db, '--check', 'T01', '--json')).toBe(0);
    const listed = JSON.parse(out.join('\n')) as { flags: Array<{ checkId: string; journeyKeys: string[]; evidence: object }> };
    expect(listed.flags.length).toBeGreaterThan(0);
    expect(listed.flags.every((flag) => flag.checkId === 'T01@1' && flag.journeyKeys.length > 0)).toBe(true);

    out.length = 0;
    expect(await cli('scan', '--db', db, '--json')).toBe(0);
    const first = JSON.parse(out.join('\n')) as { runId: number; trips: number; flags: number; counts: Record<string, Record<string, number>>; quality: Array<{ checkId: string; recall: number }>; seconds: number };
    expect(first.trips).toBeGreaterThan(1500);
    expect(typeof first.seconds === 'number' && first.seconds >= 0).toBe(true);
    expect(first.quality.find((score) => score.checkId === 'T01@1')?.recall).toBe(1);
    out.length = 0;
    expect(await cli('scan', '--db', db)).toBe(0);
    expect(out.join('\n')).toMatch(/T01@1 +précision 100\s%, rappel 100\s%/);
    expect(out.at(-1)).toMatch(/^Durée de l’analyse : \d+(,\d)? s\.$/);
    out.length = 0;
    expect(await cli('scan', '--db', db, '--json')).toBe(0);
    const again = JSON.parse(out.join('\n')) as typeof first;
    expect(again.runId).toBe(first.runId + 2);
    expect(again.counts).toEqual(first.counts);

    out.length = 0;
    expect(await cli('review', '--db', db, '--check', 'T01', '--json')).toBe(0);
    const queue = JSON.parse(out.join('\n')) as { total: number; journeys: Array<{ naturalKey: string }> };
    expect(queue.total).toBe(new Set(listed.flags.flatMap((flag) => flag.journeyKeys)).size);
    const key = queue.journeys[0]!.naturalKey;
    expect(await cli('decide', '--db', db, '--journey', key, '--decision', 'confirmed')).toBe(1);
    expect(err.at(-1)).toBe('Erreur : Décision refusée — comment : une fraude confirmée doit être motivée');
    out.length = 0;
    expect(await cli('decide', '--db', db, '--journey', key, '--decision', 'confirmed', '--comment', 'même personne')).toBe(0);
    expect(out.join('\n')).toMatch(/1 décision\(s\) « fraude confirmée » enregistrée\(s\)[\s\S]*: 1 trajet\(s\)/);
    out.length = 0;
    expect(await cli('review', '--db', db, '--decision', 'confirmed', '--json')).toBe(0);
    expect((JSON.parse(out.join('\n')) as { journeys: Array<{ naturalKey: string }> }).journeys.map((row) => row.naturalKey)).toEqual([key]);

    out.length = 0;
    const cases = join(dir, 'dossiers');
    expect(await cli('export', 'cases', '--db', db, '--out', cases, '--json')).toBe(0);
    const written = JSON.parse(out.join('\n')) as { files: string[]; operators: number };
    expect(written.files).toHaveLength(written.operators + 1);
    expect(readdirSync(cases).sort()).toEqual(written.files.map((file) => file.split('/').at(-1)).sort());
  });
});

describe('atelier audit verify', () => {
  /** A store with a few audited actions (an import entry, a setting, a decision), keys in ATELIER_KEY_DIR. */
  async function storeWithHistory(db: string): Promise<void> {
    const services = await createAppServices({ storeAddress: db, dataDir: dir, mode: 'cli', worker: TEST_WORKER, version: '0.0.0-test', actor: 'testeur' });
    try {
      await services.audit.record({ action: 'extract.import', entity: 'import_batches', entityId: '1', before: null, after: { rowsInserted: 3 } });
      await services.reviews.decide({ subjects: [{ kind: 'journey', key: 'TRAJET-1' }], decision: 'confirmed', comment: 'Anneau' });
      await services.settings.set('demo.defaultTrips', 500);
    } finally {
      await services.close();
    }
  }

  it('exits 0 on an intact log, then 1 naming the first broken entry in French once a decision is edited, and --json', async () => {
    const db = join(dir, 'audit.sqlite');
    await storeWithHistory(db);
    expect(await cli('audit', 'verify', '--db', db)).toBe(0);
    expect(out[0]).toBe('Journal d’audit intact : 3 entrée(s) vérifiée(s) ; 1 décision(s) et 1 réglage(s) conformes au journal.');
    expect(out.join('\n')).toContain('Ancre hors de la base : entrée n° 3.');
    expect(out.join('\n')).toContain(`Clé de la base (à sauvegarder avec elle, à part) : ${join(dir, 'clés')}`);

    const raw = openDatabase(db);
    await raw.raw('DROP TRIGGER review_decisions_no_update');
    await raw('review_decisions').update({ decision: 'legitimate' });
    await raw.destroy();
    out.length = 0;
    expect(await cli('audit', 'verify', '--db', db)).toBe(1);
    expect(out[0]).toBe('Journal d’audit NON INTÈGRE.');
    expect(out[1]).toMatch(/^Première anomalie : entrée n° 2 du \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(review\.decide\) : décision n° 1 \(trajet TRAJET-1\) modifiée dans la table : décision « légitime » dans la table, « fraude confirmée » au journal/);

    out.length = 0;
    expect(await cli('audit', 'verify', '--db', db, '--json')).toBe(1);
    const result = AuditVerification.parse(JSON.parse(out.join('\n')));
    expect(result).toMatchObject({ intact: false, entries: 3, firstBrokenId: 2, firstBroken: { entryId: 2, action: 'review.decide' } });
  });

  it('exits 1 with a clear message when the key is not where it is looked for, without creating another', async () => {
    const db = join(dir, 'audit.sqlite');
    await storeWithHistory(db);
    const elsewhere = join(dir, 'ailleurs');
    expect(await cli('audit', 'verify', '--db', db, '--key-dir', elsewhere)).toBe(1);
    expect(out.join('\n')).toContain(`Première anomalie : Clé du journal d’audit introuvable : ${elsewhere}`);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('exits 1 on a missing store or an unknown action', async () => {
    expect(await cli('audit', 'verify', '--db', join(dir, 'absente.sqlite'))).toBe(1);
    expect(err.join('\n')).toContain('Base introuvable');
    err.length = 0;
    expect(await cli('audit', 'check')).toBe(1);
    expect(err.join('\n')).toContain('Action inconnue : audit check (attendu : verify)');
  });
});

describe('atelier db pseudonymise', () => {
  it('converts a store whose user ids are in clear, then has nothing left to do; an unknown action is a usage error', async () => {
    const db = join(dir, 'ancienne.sqlite');
    expect(await cli('demo', '--db', db, '--trips', '300', '--seed', '4')).toBe(0);
    // Turn it into a store of an earlier version: user ids in clear.
    const sql = openDatabase(db);
    try {
      await sql('store_privacy').update({ user_ids: 'clear' });
      await sql('trips').whereNotNull('operator_driver_id').update({ operator_driver_id: sql.raw("'clair-' || id") });
    } finally {
      await sql.destroy();
    }
    out.length = 0;
    expect(await cli('db', 'pseudonymise', '--db', db, '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ trips: 300, rejectedLines: 0, decisions: 0 });
    out.length = 0;
    expect(await cli('db', 'pseudonymise', '--db', db)).toBe(0);
    expect(out).toEqual(['Identifiants pseudonymisés : 0 trajet(s), 0 ligne(s) rejetée(s) masquée(s), 0 décision(s) reprise(s) sous le pseudonyme.']);
    expect(await cli('db', 'copier', '--db', db)).toBe(1);
    expect(err.at(-1)).toBe('Erreur : Action inconnue : db copier (attendu : pseudonymise, copy, init-roles, key export ou key import)');
  });
});
