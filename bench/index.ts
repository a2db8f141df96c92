/**
 * Every benchmark at one size, in one table (`npm run bench`): figure, value, reference measured in the same run,
 * ratio, goal and whether it is met. The issue's goals are measured on one territory extract from the project's own
 * generator (`atelier generate --rows N --format territory --seed 1`, April–June 2024), driven through the `atelier`
 * command as a user would run it — as child processes, so that each peak RSS is the command's own — and compared with
 * the SQLite CLI's `.import` of the same file. The other benchmarks (`bench:export`, `bench:scan`, `bench:review`,
 * `bench:demo`, `bench:campaign`, and `bench:stats`' dashboards) run at the same size with their own goals.
 *
 *   npm run bench -- [--rows 1000000] [--out table.json] [--national] [--keep DIR]
 *
 * The shared store's figures, each beside SQLite's and compared value for value, are `npm run bench:postgres`'s
 * (bench/postgres.ts): it imports the extract fresh into both engines, where this run also re-imports a changed file.
 * `--national` adds the 10 N and 50 N measures (hours at the default size; see national.ts); without it they are
 * printed as « non mesuré ». Exit code 1 when a step failed (its rows say « échec », the message is under the table);
 * a missed goal is a result, not a failure.
 */
import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { TERRITORY_COLUMNS } from '../src/main/domain/extracts/formats';
import { measureCampaigns, simulateWithCli } from './campaign';
import { benchDir, fmt, generateTerritory, runAtelierJson, runMain, sqliteImport, withServices, type ChildRun } from './common';
import { measureDemoLoad } from './demo-load';
import { EXPORT_TARGET_RSS_BYTES, EXPORT_TARGET_SECONDS, measureExports } from './export';
import { importInProcess, importWithCli } from './import';
import { measureNational, type NationalFigures } from './national';
import { measureReview } from './review';
import { measureChecks } from './scan';
import { dashboardQueries, refreshStats } from './stats';
import { after, atMost, attempt, evaluateRows, pick, ratioAtMost, renderTable, type Outcome, type RowSpec } from './table';

/** The extract's period, inside the window of the simulated campaign (Région Pays de la Loire, 2024). */
const PERIOD = { from: '2024-04-01', days: 91, to: '2024-06-30' };
const CAMPAIGN = 'pdll_2024';
const DISTANCE = TERRITORY_COLUMNS.indexOf('distance');

/**
 * Copies a territory CSV with the distance of one journey in ten lengthened by 1 m (a field the row hash covers; the
 * journey ids stay): the re-import must update exactly these. Answers how many rows were changed.
 */
async function writeTenPercentVariant(source: string, target: string): Promise<number> {
  const out = createWriteStream(target);
  let index = -1;
  let changed = 0;
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    let text = line;
    // Generated rows have no `;` inside the quoted fields that precede the distance.
    const fields = index >= 0 && index % 10 === 0 ? line.split(';') : null;
    const km = fields ? Number(fields[DISTANCE]) : NaN;
    if (fields && fields[DISTANCE] !== '' && Number.isFinite(km)) {
      fields[DISTANCE] = (km + 0.001).toFixed(3);
      text = fields.join(';');
      changed += 1;
    }
    index += 1;
    if (!out.write(`${text}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return changed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '1000000' }, out: { type: 'string' }, national: { type: 'boolean', default: false }, keep: { type: 'string' } },
  });
  const rows = Number(values.rows);
  // Up to 5 M: the national scale generates extracts of 10 N rows, and the generator writes 50 M at most.
  if (!Number.isInteger(rows) || rows < 1_000 || rows > 5_000_000) throw new Error(`--rows : entier de 1 000 à 5 000 000 attendu (reçu « ${values.rows} »)`);
  const { dir, dispose } = benchDir('all', values.keep);
  const sub = (name: string): string => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const loadAtStart = loadavg();
  const cores = availableParallelism();
  console.log(`Mesures d’Atelier Covoiturage — ${fmt(rows, 0)} lignes — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`Machine : ${cores} cœurs, charge ${loadAtStart.map((load) => fmt(load, 2)).join(' / ')} (1, 5 et 15 min) au départ ; dossier ${dir}`);
  const step = (label: string): void => console.error(`→ ${label}…`);

  try {
    // First: the export's peak RSS is read from this process, whose high-water mark must still be its own.
    step('export xlsx et CSV (bench:export)');
    const exports = await attempt(() => measureExports(rows, sub('export')));

    step('génération de l’extrait');
    const work = sub('import');
    const csv = join(work, 'territoire.csv');
    const store = join(work, 'atelier.sqlite');
    const generated = await attempt(() => generateTerritory(csv, { rows, seed: 1, from: PERIOD.from, days: PERIOD.days }));
    step('référence : sqlite3 .import');
    const reference = await after(generated, () => sqliteImport(csv, join(work, 'reference.sqlite')));
    step('atelier import (processus enfant)');
    const first = await after(generated, () => importWithCli(csv, store));
    step('réimport du même fichier');
    const again = await after(first, () => importWithCli(csv, store));
    step('réimport avec 10 % de lignes modifiées');
    const variant = await after(first, async () => {
      const changedFile = join(work, 'territoire-10pc.csv');
      const changed = await writeTenPercentVariant(csv, changedFile);
      const run = await importWithCli(changedFile, store);
      const updated = run.output.files[0]?.batch?.rowsUpdated ?? 0;
      if (updated !== changed) throw new Error(`réimport à 10 % : ${changed} lignes modifiées mais ${updated} mises à jour`);
      return run;
    });
    step('import dans ce processus (latence de la boucle d’événements)');
    const lag = await after(generated, () => importInProcess(csv, join(sub('latence'), 'atelier.sqlite'), join(dir, 'latence')));
    step('statistiques : rafraîchissement complet et tableaux de bord');
    const stats = await after(first, () =>
      withServices(store, work, async (services) => ({ refresh: await refreshStats(services), dashboards: await dashboardQueries(services, { ...PERIOD, longFrom: PERIOD.from }) })),
    );
    step('atelier campaign simulate (processus enfant)');
    const simulation = await after(first, () => simulateWithCli(store, CAMPAIGN, PERIOD.from, PERIOD.to));
    step('atelier scan (processus enfant)');
    const scan = await after(first, () => runAtelierJson<{ seconds: number }>(['scan', '--db', store, '--json']));

    step('file de revue (bench:review)');
    const review = await attempt(() => measureReview(rows, sub('revue')));
    step('contrôles en mémoire (bench:scan)');
    const checks = await attempt(() => measureChecks({ rows, perPattern: 200, fakeRouter: false, fullRows: false }));
    step('chargement de démonstration (bench:demo)');
    const demo = await attempt(() => measureDemoLoad(rows, sub('demo')));
    step('moteur de campagne et simulations (bench:campaign)');
    const campaigns = await attempt(() => measureCampaigns(rows, sub('campagnes')));
    const national = values.national ? await measureNational(rows, sub('national'), step) : null;

    const firstSeconds = pick(first, (run) => run.output.seconds);
    const rowsSpec: RowSpec[] = [
      ...issueRows(rows, { reference, first, firstSeconds, again, variant, lag, stats, simulation, scan, review }),
      ...nationalRows(national, firstSeconds),
      ...otherRows(rows, { exports, checks, demo, campaigns, review, stats }),
    ];
    const table = evaluateRows(rowsSpec);
    console.log('');
    for (const line of renderTable(table)) console.log(line);
    if (values.out) {
      const machine = { cores, loadAtStart, loadAtEnd: loadavg(), node: process.version, platform: process.platform };
      writeFileSync(values.out, `${JSON.stringify({ date: new Date().toISOString(), rows, national: values.national, machine, figures: table }, null, 2)}\n`);
      console.log(`\nTableau écrit dans ${values.out}`);
    }
    if (table.some((row) => row.error !== null || row.referenceError !== null)) process.exitCode = 1;
  } finally {
    dispose();
  }
}

type Run<T> = Outcome<ChildRun<T>>;

/** The issue's goals at N rows. */
function issueRows(
  rows: number,
  m: {
    reference: Outcome<number>;
    first: Run<{ seconds: number; followup_seconds: number }>;
    firstSeconds: Outcome<number>;
    again: Run<{ seconds: number }>;
    variant: Run<{ seconds: number }>;
    lag: Outcome<{ lagP99Ms: number; lagMaxMs: number }>;
    stats: Outcome<{ refresh: { seconds: number } }>;
    simulation: Run<{ seconds: number }>;
    scan: Run<{ seconds: number }>;
    review: Outcome<{ views: Array<{ kind: string; ms: number }> }>;
  },
): RowSpec[] {
  const section = `Objectifs du ticket, extrait territoire de ${fmt(rows, 0)} lignes`;
  const importRef = { label: '.import', value: m.reference };
  const firstRef = { label: '1er import', value: m.firstSeconds };
  return [
    { section, figure: 'Import (atelier import, seconds)', unit: 's', value: m.firstSeconds, reference: importRef, goals: [ratioAtMost(1.5, '.import')] },
    { section, figure: 'Import : pic RSS du processus (suivi compris)', unit: 'Mo', value: pick(m.first, (run) => run.peakRssMb), goals: [atMost(1024, 'Mo', true, '< 1 Go')] },
    { section, figure: 'Réimport du même fichier', unit: 's', value: pick(m.again, (run) => run.output.seconds), reference: firstRef, goals: [ratioAtMost(0.3, '1er import')] },
    { section, figure: 'Réimport, 10 % des lignes modifiées', unit: 's', value: pick(m.variant, (run) => run.output.seconds), reference: firstRef, goals: [ratioAtMost(0.6, '1er import')] },
    { section, figure: 'Latence du fil principal pendant l’import, p99', unit: 'ms', value: pick(m.lag, (lag) => lag.lagP99Ms), goals: [atMost(20, 'ms', true)] },
    { section, figure: 'Latence du fil principal pendant l’import, max', unit: 'ms', value: pick(m.lag, (lag) => lag.lagMaxMs), goals: [atMost(50, 'ms', true)] },
    {
      section, figure: `Simulation ${CAMPAIGN} depuis la base (seconds)`, unit: 's', value: pick(m.simulation, (run) => run.output.seconds), reference: importRef,
      goals: [atMost(3, 's'), ratioAtMost(0.5, '.import')],
    },
    { section, figure: 'Simulation : processus complet (démarrage compris)', unit: 's', value: pick(m.simulation, (run) => run.wallSeconds), goals: [atMost(3, 's')] },
    { section, figure: 'Analyse complète (atelier scan, seconds)', unit: 's', value: pick(m.scan, (run) => run.output.seconds), reference: importRef, goals: [atMost(10, 's'), ratioAtMost(1.3, '.import')] },
    { section, figure: 'Analyse complète : pic RSS du processus', unit: 'Mo', value: pick(m.scan, (run) => run.peakRssMb), goals: [atMost(1536, 'Mo', false, '≤ 1,5 Go')] },
    {
      section, figure: 'File de revue : page la plus lente', unit: 'ms', goals: [atMost(200, 'ms')],
      value: pick(m.review, (review) => Math.max(...review.views.filter((view) => view.kind === 'page').map((view) => view.ms))),
    },
    { section, figure: 'Statistiques : rafraîchissement complet', unit: 's', value: pick(m.stats, (stats) => stats.refresh.seconds) },
    { section, figure: 'Suivi de l’import (statistiques + analyse, followup_seconds)', unit: 's', value: pick(m.first, (run) => run.output.followup_seconds) },
  ];
}

/** The national scale (`--national`), « non mesuré » without it. */
function nationalRows(national: NationalFigures | null, firstSeconds: Outcome<number>): RowSpec[] {
  const section = 'Échelle nationale (--national ; N = --rows)';
  const measured = <T>(read: (figures: NationalFigures) => Outcome<T>, value: (result: T) => number): Outcome<number> | null => (national ? pick(read(national), value) : null);
  const monthIntoEmpty = measured((n) => n.monthIntoEmpty, (run) => run.output.seconds);
  return [
    {
      section, figure: 'Import de 10 N lignes dans une base vide', unit: 's', value: measured((n) => n.importTen, (run) => run.output.seconds),
      reference: { label: 'import de N', value: national ? firstSeconds : null }, goals: [ratioAtMost(11, 'import de N')],
    },
    { section, figure: 'Statistiques de la base de 10 N : rafraîchissement complet', unit: 's', value: measured((n) => n.statsTen, (stats) => stats.seconds), goals: [atMost(120, 's')] },
    {
      section, figure: 'Un mois de 1,35 N lignes dans la base de 10 N', unit: 's', value: measured((n) => n.monthIntoTen, (run) => run.output.seconds),
      reference: { label: 'base vide', value: monthIntoEmpty }, goals: [ratioAtMost(1.3, 'base vide')],
    },
    { section, figure: 'Statistiques après ce mois dans la base de 10 N', unit: 's', value: measured((n) => n.statsAfterMonth, (stats) => stats.seconds), goals: [atMost(20, 's')] },
    { section, figure: 'Base de 50 N : tableaux de bord, requête la plus lente', unit: 'ms', value: measured((n) => n.dashboardsFifty, (d) => d.worstMs), goals: [atMost(200, 'ms', true)] },
    { section, figure: `Base de 50 N : simulation ${CAMPAIGN} d’un mois (seconds)`, unit: 's', value: measured((n) => n.simulationFifty, (run) => run.output.seconds), goals: [atMost(3, 's', true)] },
    { section, figure: 'Base de 50 N : taille par million de trajets', unit: 'Mo', value: measured((n) => n.megabytesPerMillionFifty, (mb) => mb) },
  ];
}

/** The other benchmarks' own figures at N rows, with the goals their files state. */
function otherRows(
  rows: number,
  m: {
    exports: Outcome<Awaited<ReturnType<typeof measureExports>>>;
    checks: Outcome<ReturnType<typeof measureChecks>>;
    demo: Outcome<Awaited<ReturnType<typeof measureDemoLoad>>>;
    campaigns: Outcome<Awaited<ReturnType<typeof measureCampaigns>>>;
    review: Outcome<Awaited<ReturnType<typeof measureReview>>>;
    stats: Outcome<{ dashboards: { worstMs: number } }>;
  },
): RowSpec[] {
  const section = `Autres mesures, ${fmt(rows, 0)} trajets`;
  const campaignCase = (id: string): Outcome<Awaited<ReturnType<typeof measureCampaigns>>['cases'][number]> =>
    pick(m.campaigns, (figures) => {
      const found = figures.cases.find((c) => c.campaign === id);
      if (!found) throw new Error(`campagne ${id} non mesurée`);
      return found;
    });
  return [
    { section, figure: 'Export xlsx (bench:export)', unit: 's', value: pick(m.exports, (e) => e.xlsx.seconds), goals: [atMost(EXPORT_TARGET_SECONDS, 's', true)] },
    { section, figure: 'Export xlsx : pic RSS', unit: 'Mo', value: pick(m.exports, (e) => e.xlsx.rss / 1024 ** 2), goals: [atMost(EXPORT_TARGET_RSS_BYTES / 1024 ** 2, 'Mo', true, '< 1 Go')] },
    { section, figure: 'Export CSV', unit: 's', value: pick(m.exports, (e) => e.csv.seconds) },
    {
      section, figure: 'Contrôles en mémoire, tous ensemble (bench:scan)', unit: 's', value: pick(m.checks, (c) => c.totalMs / 1000),
      reference: { label: 'tri par départ', value: pick(m.checks, (c) => c.referenceMs / 1000) }, goals: [atMost(10, 's', true)],
    },
    {
      section, figure: 'Analyse d’une base avec motifs injectés (bench:review)', unit: 's', value: pick(m.review, (r) => r.scanSeconds),
      reference: { label: 'lecture des trajets', value: pick(m.review, (r) => r.referenceSeconds) },
    },
    { section, figure: 'Revue : détail le plus lent', unit: 'ms', value: pick(m.review, (r) => Math.max(...r.views.filter((view) => view.kind === 'detail').map((view) => view.ms))), goals: [atMost(200, 'ms', true)] },
    { section, figure: 'Statistiques : tableaux de bord, requête la plus lente', unit: 'ms', value: pick(m.stats, (s) => s.dashboards.worstMs), goals: [atMost(200, 'ms', true)] },
    {
      section, figure: 'Chargement de démonstration (bench:demo)', unit: 's', value: pick(m.demo, (d) => d.seconds),
      reference: { label: '.import du CSV', value: pick(m.demo, (d) => d.referenceSeconds) },
    },
    ...['459', 'pdll_2024'].flatMap((id): RowSpec[] => [
      { section, figure: `Campagne ${id} : moteur seul (bench:campaign)`, unit: 's', value: pick(campaignCase(id), (c) => c.engineSeconds) },
      { section, figure: `Campagne ${id} : job de simulation, base remplie`, unit: 's', value: pick(campaignCase(id), (c) => c.endToEndSeconds), goals: [atMost(3, 's', true)] },
    ]),
  ];
}

runMain(main);
