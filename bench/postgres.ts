/**
 * The shared store's benchmarks: the same extract imported, refreshed, queried, simulated and scanned on a PostgreSQL
 * database and on a SQLite file, in the same run, through the same `atelier` commands (child processes) and services,
 * with every figure the commands print compared value for value (they must be identical, bench/engine-figures.ts).
 *
 *   npm run bench:postgres -- [--rows 1000000] [--server postgres://USER@HOST:PORT/DB] [--keep DIR] [--sans-analyse]
 *   npm run bench:postgres -- --csv EXTRAIT.csv --from AAAA-MM-JJ --to AAAA-MM-JJ --territory NIVEAU:CODE
 *                             --campaign ID [--apdf OPÉRATEUR:AAAA-MM]
 *
 * Without `--csv` the extract is generated (`--rows` journeys of the Pays de la Loire, April–June 2024, campaign
 * pdll_2024, APDF of BlaBlaCar Daily for May); with it, a given extract (the open-data sample, say) is measured with
 * the period, territory, campaign and APDF operator given. `--sans-analyse` leaves the scan out (at 10 M journeys it
 * is the longest step of both engines).
 *
 * `--server` (default `ATELIER_TEST_PG_URL`) names a server and a role that may create databases: the benchmark
 * creates its own database there and drops it at the end (kept with `--keep`). Without either, it starts a throwaway
 * cluster (scripts/pg-test-cluster.sh) and stops it at the end.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PgServerAdmin } from '../src/main/db/pg-admin';
import { simulateWithCli, type CliSimulation } from './campaign';
import { benchDir, fmt, generateTerritory, runAtelierJson, runMain, sqliteImport, withServices, type ChildRun } from './common';
import { importWithCli, type CliImport } from './import';
import { figureCount, figureDifferences, storeFigures, type EngineFigures, type FigurePlan } from './engine-figures';
import { dashboardQueries, refreshStats } from './stats';
import { after, atMost, attempt, evaluateRows, pick, renderTable, type Outcome, type RowSpec } from './table';

/** The generated extract's period, as in `npm run bench` (Région Pays de la Loire, April–June 2024). */
const PERIOD = { from: '2024-04-01', days: 91, to: '2024-06-30' };

/** What the figure commands are asked about the generated extract. */
const GENERATED_PLAN: FigurePlan = {
  from: PERIOD.from,
  to: PERIOD.to,
  territory: { level: 'reg', code: '52' },
  campaign: 'pdll_2024',
  apdf: { operator: 'BlaBlaCar Daily', month: '2024-05' },
};

/** What one engine did with the extract. */
export interface EngineRun {
  imported: Outcome<ChildRun<CliImport>>;
  again: Outcome<ChildRun<CliImport>>;
  stats: Outcome<{ refresh: { seconds: number }; dashboards: { worstMs: number } }>;
  simulation: Outcome<ChildRun<CliSimulation>>;
  /** Null when left out (`--sans-analyse`). */
  scan: Outcome<ChildRun<Record<string, unknown> & { seconds: number }>> | null;
  /** Every figure the commands printed, the timed ones included. */
  figures: Outcome<EngineFigures>;
}

/**
 * Imports `csv` into the store at `address`, imports it again, refreshes, queries, simulates and scans it (unless
 * `withScan` is false), then runs the other figure commands of `plan` (their files go to `work`).
 */
export async function runEngine(csv: string, address: string, work: string, plan: FigurePlan, withScan = true): Promise<EngineRun> {
  const imported = await attempt(() => importWithCli(csv, address));
  const again = await after(imported, () => importWithCli(csv, address));
  const stats = await after(imported, () =>
    withServices(address, work, async (services) => ({ refresh: await refreshStats(services), dashboards: await dashboardQueries(services, { from: plan.from, to: plan.to, longFrom: plan.from }) })),
  );
  const simulation = await after(imported, () => simulateWithCli(address, plan.campaign, plan.from, plan.to));
  const scan = withScan ? await after(simulation, () => runAtelierJson<Record<string, unknown> & { seconds: number }>(['scan', '--db', address, '--json'])) : null;
  const ready: Outcome<unknown> = scan ?? simulation;
  const figures = await after(ready, () =>
    storeFigures(address, work, plan, {
      import: imported.ok ? imported.value.output : null,
      réimport: again.ok ? again.value.output : null,
      simulation: simulation.ok ? simulation.value.output : { simulation_id: 0 },
      ...(scan?.ok ? { analyse: scan.value.output } : {}),
    }),
  );
  return { imported, again, stats, simulation, scan, figures };
}

/** A database of its own on `server`, dropped by `drop` (kept with `keep`). */
export async function benchDatabase(server: string, keep: boolean): Promise<{ address: string; drop: () => Promise<void> }> {
  const name = `atelier_bench_${randomBytes(4).toString('hex')}`;
  await PgServerAdmin.with(server, (admin) => admin.create(name));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { address: url.toString(), drop: () => (keep ? Promise.resolve() : PgServerAdmin.with(server, (admin) => admin.drop(name))) };
}

/** The rows of the table: each PostgreSQL figure beside SQLite's of the same run, and whether the figures agree. */
export function postgresRows(extract: string, plan: FigurePlan, sqlite: EngineRun, postgres: EngineRun, reference: Outcome<number> | null): RowSpec[] {
  const section = `Base partagée PostgreSQL et SQLite, ${extract}`;
  const compared = pick(sqlite.figures, figureCount);
  const seconds = (run: EngineRun, read: (run: EngineRun) => Outcome<ChildRun<{ seconds: number }>>): Outcome<number> => pick(read(run), (child) => child.output.seconds);
  const beside = (label: string, read: (run: EngineRun) => Outcome<number>, unit: 's' | 'ms'): RowSpec[] => [
    { section, figure: `${label} — SQLite`, unit, value: read(sqlite) },
    { section, figure: `${label} — PostgreSQL`, unit, value: read(postgres), reference: { label: 'SQLite', value: read(sqlite) } },
  ];
  return [
    ...(reference === null ? [] : [{ section, figure: 'Import — PostgreSQL (atelier import, seconds)', unit: 's' as const, value: seconds(postgres, (r) => r.imported), reference: { label: '.import', value: reference } }]),
    ...beside('Import (seconds)', (run) => seconds(run, (r) => r.imported), 's'),
    ...beside('Réimport du même fichier', (run) => seconds(run, (r) => r.again), 's'),
    ...beside('Statistiques : rafraîchissement complet', (run) => pick(run.stats, (s) => s.refresh.seconds), 's'),
    {
      section, figure: 'Tableaux de bord, requête la plus lente — PostgreSQL', unit: 'ms', value: pick(postgres.stats, (s) => s.dashboards.worstMs),
      reference: { label: 'SQLite', value: pick(sqlite.stats, (s) => s.dashboards.worstMs) }, goals: [atMost(200, 'ms', true)],
    },
    ...beside(`Simulation ${plan.campaign} depuis la base (seconds)`, (run) => seconds(run, (r) => r.simulation), 's'),
    ...(sqlite.scan === null || postgres.scan === null ? [] : beside('Analyse complète (atelier scan, seconds)', scanSeconds, 's')),
    {
      section, figure: `Chiffres différents de SQLite (sur ${compared.ok ? fmt(compared.value, 0) : '?'} comparés)`,
      unit: 'écarts', goals: [atMost(0, 'écarts', false, 'aucun')],
      value: differencesOf(sqlite, postgres, (differences) => differences.length),
    },
  ];
}

/** The scan's seconds of a run that scanned. */
function scanSeconds(run: EngineRun): Outcome<number> {
  return run.scan === null ? { ok: false, error: 'analyse non lancée' } : pick(run.scan, (child) => child.output.seconds);
}

/** The figures the two engines printed that differ (`figureDifferences`); fails when one engine did not get that far. */
export function differencesOf<T>(sqlite: EngineRun, postgres: EngineRun, read: (differences: string[]) => T): Outcome<T> {
  const [a, b] = [sqlite.figures, postgres.figures];
  if (!a.ok || !b.ok) return { ok: false, error: `${a.ok ? '' : `SQLite : ${a.error}`} ${b.ok ? '' : `PostgreSQL : ${b.error}`}`.trim() };
  return { ok: true, value: read(figureDifferences(a.value, b.value)) };
}

/** Starts a throwaway cluster (scripts/pg-test-cluster.sh): its admin address and how to stop it. */
function throwawayCluster(): { server: string; stop: () => void } {
  const script = resolve(__dirname, '../scripts/pg-test-cluster.sh');
  const printed = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const exported = new Map([...printed.matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]));
  return { server: exported.get('ATELIER_TEST_PG_URL') ?? '', stop: () => execFileSync('bash', [script, 'stop', exported.get('ATELIER_TEST_PG_DIR') ?? ''], { stdio: 'inherit' }) };
}

/** The headline figures of one engine's run, to read beside the count of differences. */
function keyFigures(simulation: CliSimulation, scan: Record<string, unknown> | null): string {
  const amount = fmt(simulation.amount_cents / 100, 2);
  const flags = scan === null ? 'analyse non lancée' : `${fmt(Number(scan.flags), 0)} signalements`;
  return `${fmt(simulation.journeys, 0)} trajets simulés, ${fmt(simulation.incentivised, 0)} incités, ${amount} € ; ${flags}`;
}

/** The plan given on the command line for `--csv`, each option required (`--apdf` optional). */
function givenPlan(values: { from?: string; to?: string; territory?: string; campaign?: string; apdf?: string }): FigurePlan {
  const { from, to, territory, campaign, apdf } = values;
  if (!from || !to || !territory || !campaign) throw new Error('--csv demande --from, --to, --territory NIVEAU:CODE et --campaign');
  const [level = '', code = ''] = territory.split(':');
  const month = apdf?.slice(apdf.lastIndexOf(':') + 1);
  return { from, to, territory: { level, code }, campaign, apdf: apdf && month ? { operator: apdf.slice(0, apdf.lastIndexOf(':')), month } : null };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' }, server: { type: 'string' }, keep: { type: 'string' }, csv: { type: 'string' },
      from: { type: 'string' }, to: { type: 'string' }, territory: { type: 'string' }, campaign: { type: 'string' }, apdf: { type: 'string' },
      'sans-analyse': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const plan = values.csv === undefined ? GENERATED_PLAN : givenPlan(values);
  const { dir, dispose } = benchDir('postgres', values.keep);
  const given = values.server ?? process.env.ATELIER_TEST_PG_URL;
  const cluster = given === undefined ? throwawayCluster() : null;
  const server = given ?? cluster?.server ?? '';
  runMain(
    async () => {
      const csv = values.csv === undefined ? join(dir, 'territoire.csv') : resolve(values.csv);
      if (values.csv === undefined) console.error('→ génération de l’extrait…');
      // The `.import` reference knows the generated territory format only.
      const generated = values.csv === undefined ? await attempt(() => generateTerritory(csv, { rows, seed: 1, from: PERIOD.from, days: PERIOD.days })) : null;
      // Each store is removed once measured (unless kept): at 10 M journeys, three stores and the extract would not
      // fit on every disk.
      const dropFile = (file: string): void => {
        if (values.keep === undefined) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      };
      const reference = generated === null ? null : await after(generated, () => sqliteImport(csv, join(dir, 'reference.sqlite')));
      dropFile(join(dir, 'reference.sqlite'));
      console.error('→ SQLite…');
      const withScan = !values['sans-analyse'];
      const sqlite = await runEngine(csv, join(dir, 'atelier.sqlite'), join(dir, 'sqlite'), plan, withScan);
      dropFile(join(dir, 'atelier.sqlite'));
      const database = await benchDatabase(server, values.keep !== undefined);
      try {
        console.error(`→ PostgreSQL (${database.address})…`);
        const postgres = await runEngine(csv, database.address, join(dir, 'postgres'), plan, withScan);
        const extract = values.csv === undefined ? `extrait généré de ${fmt(rows, 0)} lignes` : basename(csv);
        const table = evaluateRows(postgresRows(extract, plan, sqlite, postgres, reference));
        for (const line of renderTable(table)) console.log(line);
        for (const run of [sqlite, postgres]) if (run.simulation.ok) console.log(`  ${keyFigures(run.simulation.value.output, run.scan?.ok ? run.scan.value.output : null)}`);
        const differences = differencesOf(sqlite, postgres, (lines) => lines);
        for (const difference of differences.ok ? differences.value : []) console.log(`  différence : ${difference}`);
        if (table.some((row) => row.error !== null || row.referenceError !== null)) process.exitCode = 1;
      } finally {
        await database.drop();
      }
    },
    () => {
      cluster?.stop();
      dispose();
    },
  );
}
