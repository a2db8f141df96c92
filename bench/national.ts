/**
 * The national-scale measures of `npm run bench -- --national` (they take hours at the default size): with N the
 * `--rows` of the run, a store of 10 N journeys imported from one generated extract, then one more month of 1.35 N
 * (also imported into an empty store, to compare), then grown to 50 N with further extracts. Measures the imports,
 * the statistics refresh (whole store, and after the month), and on the 50 N store the dashboards, a one-month
 * simulation and the file size per million journeys. Extracts come from the project's own generator (Pays de la Loire,
 * 2024 onwards, one journey id range per seed) and are deleted once imported: only the stores stay on disk.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateTerritory, withServices, type ChildRun } from './common';
import { importWithCli, type CliImport } from './import';
import { simulateWithCli, type CliSimulation } from './campaign';
import { dashboardQueries, refreshStats, type DashboardFigures, type StatsRefreshFigures } from './stats';
import { after, attempt, type Outcome } from './table';

/** What `--national` measures; each figure is an outcome, so that one failure leaves the others. */
export interface NationalFigures {
  tenRows: number;
  monthRows: number;
  fiftyRows: number;
  importTen: Outcome<ChildRun<CliImport>>;
  statsTen: Outcome<StatsRefreshFigures>;
  monthIntoTen: Outcome<ChildRun<CliImport>>;
  statsAfterMonth: Outcome<StatsRefreshFigures>;
  monthIntoEmpty: Outcome<ChildRun<CliImport>>;
  dashboardsFifty: Outcome<DashboardFigures>;
  simulationFifty: Outcome<ChildRun<CliSimulation>>;
  megabytesPerMillionFifty: Outcome<number>;
}

/** The simulated month, and the campaign whose window and territory (Région Pays de la Loire, 2024) cover it. */
const MONTH = { from: '2024-08-01', to: '2024-08-31' };
const CAMPAIGN = 'pdll_2024';
/** The generator numbers journeys from `seed × 10 M`: a file of more rows takes as many seeds. */
const IDS_PER_SEED = 10_000_000;

/** The day `days` after `day` (`YYYY-MM-DD`). */
const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The one-month extract imported into the 10 N store, the refresh of its month there, and its import into an empty store. */
interface MonthFigures {
  intoTen: Outcome<ChildRun<CliImport>>;
  stats: Outcome<StatsRefreshFigures>;
  intoEmpty: Outcome<ChildRun<CliImport>>;
}

/** Measures the national scale from `rows` (the run's N) in `dir`; `log` tells each step as it starts (they are long). */
export async function measureNational(rows: number, dir: string, log: (line: string) => void): Promise<NationalFigures> {
  const tenRows = 10 * rows;
  const monthRows = Math.round(1.35 * rows);
  const fiftyRows = 50 * rows;
  const store = join(dir, 'national.sqlite');
  let seed = 100;
  /** Generates an extract on fresh journey ids, runs `use` on it, then deletes it (tens of gigabytes at full size). */
  const withExtract = async <T>(name: string, extract: { rows: number; from: string; days: number }, use: (file: string) => Promise<T>): Promise<T> => {
    const file = join(dir, `${name}.csv`);
    const fileSeed = seed;
    seed += Math.ceil(extract.rows / IDS_PER_SEED);
    await generateTerritory(file, { ...extract, seed: fileSeed });
    try {
      return await use(file);
    } finally {
      rmSync(file, { force: true });
    }
  };

  log(`import de ${tenRows} lignes dans une base vide`);
  // January to July 2024: about the month's density of journeys per day.
  const importTen = await attempt(() => withExtract('dix', { rows: tenRows, from: '2024-01-01', days: 213 }, (file) => importWithCli(file, store)));
  log('statistiques de la base de 10 N');
  const statsTen = await after(importTen, () => withServices(store, dir, (services) => refreshStats(services)));

  log(`un mois de ${monthRows} lignes, dans la base de 10 N puis dans une base vide`);
  const empty = join(dir, 'mois-seul.sqlite');
  const month = await after(importTen, () =>
    withExtract('mois', { rows: monthRows, from: MONTH.from, days: 31 }, async (file): Promise<MonthFigures> => {
      const intoTen = await attempt(() => importWithCli(file, store));
      const stats = await after(intoTen, () => withServices(store, dir, (services) => refreshStats(services, MONTH)));
      return { intoTen, stats, intoEmpty: await attempt(() => importWithCli(file, empty)) };
    }),
  );
  rmSync(empty, { force: true });

  log(`croissance jusqu’à ${fiftyRows} lignes`);
  const monthPart = <T>(read: (figures: MonthFigures) => Outcome<T>): Outcome<T> => (month.ok ? read(month.value) : month);
  const grown = await after(monthPart((figures) => figures.intoTen), async () => {
    let left = fiftyRows - tenRows - monthRows;
    let from = addDays(MONTH.to, 1);
    for (let part = 1; left > 0; part += 1) {
      const partRows = Math.min(left, tenRows);
      const days = Math.max(1, Math.round((partRows / monthRows) * 30.5));
      await withExtract(`suite-${part}`, { rows: partRows, from, days }, (file) => importWithCli(file, store));
      from = addDays(from, days);
      left -= partRows;
    }
  });
  log('base de 50 N : tableaux de bord, simulation d’un mois, taille');
  const dashboardsFifty = await after(grown, () =>
    withServices(store, dir, (services) => dashboardQueries(services, { from: '2024-06-01', to: MONTH.to, longFrom: '2024-03-01' })),
  );
  const simulationFifty = await after(grown, () => simulateWithCli(store, CAMPAIGN, MONTH.from, MONTH.to));
  const megabytesPerMillionFifty = await after(grown, () => {
    const bytes = [store, `${store}-wal`].filter((file) => existsSync(file)).reduce((sum, file) => sum + statSync(file).size, 0);
    return bytes / 1024 ** 2 / (fiftyRows / 1e6);
  });
  return {
    tenRows, monthRows, fiftyRows, importTen, statsTen, monthIntoTen: monthPart((figures) => figures.intoTen), statsAfterMonth: monthPart((figures) => figures.stats),
    monthIntoEmpty: monthPart((figures) => figures.intoEmpty),
    dashboardsFifty, simulationFifty, megabytesPerMillionFifty,
  };
}
