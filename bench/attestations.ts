/**
 * Benchmark of attestations de covoiturage (issue 13: « batch of 1,000 attestations runs as a job with progress under
 * a minute »): a store of generated Pays de la Loire journeys; a list of the N busiest drivers; the batch job end to
 * end through the bundled worker (figures, PDF, code, summary workbook, register and audit entries), with the
 * progress events it sent; then one attestation issued alone and one PDF verified (best of 3). Prints seconds, the
 * goal and whether it is met, and the peak RSS.
 *
 *   npm run bench:attestations -- [--rows 300000] [--persons 1000] [--keep DIR]
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/main/db/connection';
import { PAYS_DE_LA_LOIRE } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import { benchDir, DEMO_OPERATOR_IDS, fillStore, fmt, openServices, peakRssMb, runMain, timeRuns } from './common';

/** The goal for a batch of 1,000 attestations, in seconds. */
export const BATCH_TARGET_SECONDS = 60;
const PERIOD = { from: '2026-08-01', to: '2026-10-31' };

/** What `bench:attestations` measures. */
export interface AttestationFigures {
  rows: number;
  persons: number;
  fillSeconds: number;
  batchSeconds: number;
  issued: number;
  progressEvents: number;
  folderMb: number;
  createMs: number;
  verifyMs: number;
  peakRssMb: number;
}

/** Fills a store of `rows` journeys in `dir`, then issues `persons` attestations as one batch and times it. */
export async function measureAttestations(rows: number, persons: number, dir: string): Promise<AttestationFigures> {
  const storeAddress = join(dir, 'atelier.sqlite');
  let started = performance.now();
  await fillStore(storeAddress, {
    source: 'bench:attestations',
    journeys: generateDemoTrips({ seed: 13, journeys: rows, firstDay: PERIOD.from, days: 92, operatorIds: DEMO_OPERATOR_IDS, region: PAYS_DE_LA_LOIRE }),
    periodFrom: PERIOD.from,
    periodTo: PERIOD.to,
  });
  const fillSeconds = (performance.now() - started) / 1000;

  // The employer's list: the busiest drivers (most figures to count, longest month tables).
  const db = await openMigratedDatabase(storeAddress);
  const keys = (await db.raw(
    `SELECT driver_identity_key AS k FROM trips WHERE driver_identity_key IS NOT NULL GROUP BY driver_identity_key ORDER BY COUNT(*) DESC, k LIMIT ?`,
    [persons],
  )) as Array<{ k: string }>;
  await db.destroy();
  const list = join(dir, 'personnes.csv');
  writeFileSync(list, `personne\n${keys.map((row) => row.k).join('\n')}\n`);

  const services = await openServices(storeAddress, dir, 'bench');
  try {
    await services.settings.set('attestations.issuerName', 'Région Pays de la Loire');
    await services.settings.set('attestations.issuerSiret', '23440003400026');
    let progressEvents = 0;
    const stop = services.bus.subscribe((event) => {
      if (event === 'job:progress') progressEvents += 1;
    });
    const folder = join(dir, 'lot');
    started = performance.now();
    const { jobId } = await services.attestations.batch({ source: { kind: 'csv', path: list }, ...PERIOD }, folder);
    const done = await services.runner.wait(jobId);
    const batchSeconds = (performance.now() - started) / 1000;
    stop();
    if (done?.status !== 'done') throw new Error(`Lot en échec : ${done?.error ?? done?.status ?? 'inconnu'}`);
    const folderBytes = readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);

    const person = { kind: 'identity', identityKey: keys[0]?.k ?? '' } as const;
    const create = await timeRuns(3, () => services.attestations.create({ person, ...PERIOD }, join(dir, 'seule.pdf')));
    const verify = await timeRuns(3, () => services.attestations.verifyFile(join(dir, 'seule.pdf')));
    if (!verify.result.authentic) throw new Error(`Vérification en échec : ${verify.result.message}`);
    return {
      rows, persons: keys.length, fillSeconds, batchSeconds, issued: done.summary.issued, progressEvents, folderMb: folderBytes / 1024 / 1024,
      createMs: create.bestMs, verifyMs: verify.bestMs, peakRssMb: peakRssMb(),
    };
  } finally {
    await services.close();
  }
}

function print(figures: AttestationFigures): void {
  // The goal is for 1,000 attestations: another size is held to the same time per attestation.
  const target = (BATCH_TARGET_SECONDS * figures.persons) / 1_000;
  const met = figures.batchSeconds < target ? 'atteint' : 'NON ATTEINT';
  console.log(`Base de ${fmt(figures.rows, 0)} trajets générés (Pays de la Loire, 92 jours), remplie en ${fmt(figures.fillSeconds)} s`);
  console.log(
    `Lot de ${fmt(figures.persons, 0)} attestations (liste CSV, ${PERIOD.from} → ${PERIOD.to}) : ${fmt(figures.batchSeconds, 1)} s de bout en bout, ` +
      `${fmt((figures.batchSeconds * 1000) / Math.max(1, figures.issued), 1)} ms par attestation, ${fmt(figures.issued, 0)} PDF + synthèse (${fmt(figures.folderMb, 1)} Mo), ` +
      `${fmt(figures.progressEvents, 0)} événements de progression — objectif < ${fmt(target, 0)} s (${BATCH_TARGET_SECONDS} s pour 1 000) : ${met}`,
  );
  console.log(`Une attestation seule (chiffres, PDF, registre) : ${fmt(figures.createMs, 1)} ms ; vérification d’un PDF : ${fmt(figures.verifyMs, 1)} ms (meilleur de 3)`);
  console.log(`Pic RSS du processus (worker compris) : ${fmt(figures.peakRssMb, 0)} Mo`);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '300000' }, persons: { type: 'string', default: '1000' }, keep: { type: 'string' } } });
  const { dir, dispose } = benchDir('attestations', values.keep);
  runMain(async () => print(await measureAttestations(Number(values.rows), Number(values.persons), dir)), dispose);
}
