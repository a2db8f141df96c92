/**
 * The shared store's benchmarks: the same extract imported, refreshed, queried, simulated and scanned on a PostgreSQL
 * database and on a SQLite file, in the same run, through the same `atelier` commands (child processes) and services,
 * with the figures each prints compared value for value (they must be identical).
 *
 *   npm run bench:postgres -- [--rows 1000000] [--server postgres://USER@HOST:PORT/DB] [--keep DIR]
 *
 * `--server` (default `ATELIER_TEST_PG_URL`) names a server and a role that may create databases: the benchmark
 * creates its own database there and drops it at the end (kept with `--keep`). Without either, it starts a throwaway
 * cluster (scripts/pg-test-cluster.sh) and stops it at the end.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PgServerAdmin } from '../src/main/db/pg-admin';
import { simulateWithCli, type CliSimulation } from './campaign';
import { benchDir, fmt, generateTerritory, runAtelierJson, runMain, sqliteImport, withServices, type ChildRun } from './common';
import { importWithCli, type CliImport } from './import';
import { dashboardQueries, refreshStats } from './stats';
import { after, atMost, attempt, evaluateRows, pick, renderTable, type Outcome, type RowSpec } from './table';

/** The extract's period and campaign, as in `npm run bench` (Région Pays de la Loire, April–June 2024). */
const PERIOD = { from: '2024-04-01', days: 91, to: '2024-06-30' };
const CAMPAIGN = 'pdll_2024';

/** What one engine did with the extract. */
export interface EngineRun {
  imported: Outcome<ChildRun<CliImport>>;
  again: Outcome<ChildRun<CliImport>>;
  stats: Outcome<{ refresh: { seconds: number }; dashboards: { worstMs: number } }>;
  simulation: Outcome<ChildRun<CliSimulation>>;
  scan: Outcome<ChildRun<Record<string, unknown> & { seconds: number }>>;
}

/** Imports `csv` into the store at `address`, imports it again, refreshes, queries, simulates and scans it. */
export async function runEngine(csv: string, address: string, work: string): Promise<EngineRun> {
  const imported = await attempt(() => importWithCli(csv, address));
  const again = await after(imported, () => importWithCli(csv, address));
  const stats = await after(imported, () =>
    withServices(address, work, async (services) => ({ refresh: await refreshStats(services), dashboards: await dashboardQueries(services, { ...PERIOD, longFrom: PERIOD.from }) })),
  );
  const simulation = await after(imported, () => simulateWithCli(address, CAMPAIGN, PERIOD.from, PERIOD.to));
  const scan = await after(imported, () => runAtelierJson<Record<string, unknown> & { seconds: number }>(['scan', '--db', address, '--json']));
  return { imported, again, stats, simulation, scan };
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
export function postgresRows(rows: number, sqlite: EngineRun, postgres: EngineRun, reference: Outcome<number>): RowSpec[] {
  const section = `Base partagée PostgreSQL et SQLite, extrait de ${fmt(rows, 0)} lignes`;
  const seconds = (run: EngineRun, read: (run: EngineRun) => Outcome<ChildRun<{ seconds: number }>>): Outcome<number> => pick(read(run), (child) => child.output.seconds);
  const beside = (label: string, read: (run: EngineRun) => Outcome<number>, unit: 's' | 'ms'): RowSpec[] => [
    { section, figure: `${label} — SQLite`, unit, value: read(sqlite) },
    { section, figure: `${label} — PostgreSQL`, unit, value: read(postgres), reference: { label: 'SQLite', value: read(sqlite) } },
  ];
  return [
    { section, figure: 'Import — PostgreSQL (atelier import, seconds)', unit: 's', value: seconds(postgres, (r) => r.imported), reference: { label: '.import', value: reference } },
    ...beside('Import (seconds)', (run) => seconds(run, (r) => r.imported), 's'),
    ...beside('Réimport du même fichier', (run) => seconds(run, (r) => r.again), 's'),
    ...beside('Statistiques : rafraîchissement complet', (run) => pick(run.stats, (s) => s.refresh.seconds), 's'),
    {
      section, figure: 'Tableaux de bord, requête la plus lente — PostgreSQL', unit: 'ms', value: pick(postgres.stats, (s) => s.dashboards.worstMs),
      reference: { label: 'SQLite', value: pick(sqlite.stats, (s) => s.dashboards.worstMs) }, goals: [atMost(200, 'ms', true)],
    },
    ...beside(`Simulation ${CAMPAIGN} depuis la base (seconds)`, (run) => seconds(run, (r) => r.simulation), 's'),
    ...beside('Analyse complète (atelier scan, seconds)', (run) => seconds(run, (r) => r.scan), 's'),
    {
      section, figure: 'Chiffres différents de SQLite (import, réimport, simulation, analyse)', unit: 'écarts', goals: [atMost(0, 'écarts', false, 'aucun')],
      value: pick(figureDifferences(sqlite, postgres), (differences) => differences.length),
    },
  ];
}

/** Keys of the commands' JSON that measure the run rather than the data (timings, ids, paths): left out of comparisons. */
const VOLATILE = /seconds|Ms$|^(file|path|jobId|job_id|simulation_id|runId|run_id|batchId|id)$|At$/;

/** A command's JSON without its volatile keys, at any depth. */
function dataOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dataOf);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !VOLATILE.test(key)).map(([key, inner]) => [key, dataOf(inner)]));
}

/**
 * The figures the two engines printed that differ (import and re-import counts, simulation amounts and counts, scan
 * counts per check), one French line each; fails when one engine did not get that far.
 */
export function figureDifferences(sqlite: EngineRun, postgres: EngineRun): Outcome<string[]> {
  const steps = { import: (r: EngineRun) => r.imported, réimport: (r: EngineRun) => r.again, simulation: (r: EngineRun) => r.simulation, analyse: (r: EngineRun) => r.scan };
  const differences: string[] = [];
  for (const [name, read] of Object.entries(steps)) {
    const [a, b] = [read(sqlite), read(postgres)];
    if (!a.ok || !b.ok) return { ok: false, error: `${name} : ${a.ok ? '' : a.error} ${b.ok ? '' : b.error}`.trim() };
    const [left, right] = [JSON.stringify(dataOf(a.value.output)), JSON.stringify(dataOf(b.value.output))];
    if (left !== right) differences.push(`${name} : SQLite ${left} ≠ PostgreSQL ${right}`);
  }
  return { ok: true, value: differences };
}

/** Starts a throwaway cluster (scripts/pg-test-cluster.sh): its admin address and how to stop it. */
function throwawayCluster(): { server: string; stop: () => void } {
  const script = resolve(__dirname, '../scripts/pg-test-cluster.sh');
  const printed = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const exported = new Map([...printed.matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]));
  return { server: exported.get('ATELIER_TEST_PG_URL') ?? '', stop: () => execFileSync('bash', [script, 'stop', exported.get('ATELIER_TEST_PG_DIR') ?? ''], { stdio: 'inherit' }) };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, server: { type: 'string' }, keep: { type: 'string' } } });
  const rows = Number(values.rows);
  const { dir, dispose } = benchDir('postgres', values.keep);
  const given = values.server ?? process.env.ATELIER_TEST_PG_URL;
  const cluster = given === undefined ? throwawayCluster() : null;
  const server = given ?? cluster?.server ?? '';
  runMain(
    async () => {
      const csv = join(dir, 'territoire.csv');
      console.error('→ génération de l’extrait…');
      const generated = await attempt(() => generateTerritory(csv, { rows, seed: 1, from: PERIOD.from, days: PERIOD.days }));
      const reference = await after(generated, () => sqliteImport(csv, join(dir, 'reference.sqlite')));
      console.error('→ SQLite…');
      const sqlite = await runEngine(csv, join(dir, 'atelier.sqlite'), dir);
      const database = await benchDatabase(server, values.keep !== undefined);
      try {
        console.error(`→ PostgreSQL (${database.address})…`);
        const postgres = await runEngine(csv, database.address, dir);
        const table = evaluateRows(postgresRows(rows, sqlite, postgres, reference));
        for (const line of renderTable(table)) console.log(line);
        const differences = figureDifferences(sqlite, postgres);
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
