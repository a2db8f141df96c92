import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import type { AttestationIssuer } from '../../../shared/types/attestations';
import { attestationFileName } from '../../attestations/attestation-files';
import { personMatch, prepareAttestation, type PreparedAttestation } from '../../attestations/issue-attestation';
import { operatorNames, personKnown } from '../../db/attestation-figures';
import { storeCampaignPages } from '../../db/campaign-trip-blocks';
import { countStoreCampaignTrips } from '../../db/campaign-trip-source';
import type { SqlExecutor } from '../../db/sql-executor';
import { withStoreConnection } from '../../db/store-connection';
import { describePerson, operatorUserKey, simulationDriverKey, type AttestationPerson } from '../../domain/attestations/attestation-person';
import { compileCampaign, createCampaignRun, type CompileOverrides } from '../../domain/campaigns';
import { writeBatchWorkbook, type AttestationLine, type SkippedPerson } from '../../exports/attestation-workbooks';
import { uniqueFileNames } from '../../exports/unique-file-names';
import { PRIVATE_FILE_MODE } from '../../platform/private-files';
import type { TaskContext } from './task-context';

/** A saved simulation as it ran: replayed to find the drivers it paid. */
export interface BatchSimulation {
  name: string;
  definition: CampaignDefinition;
  overrides: CompileOverrides;
  from: string;
  to: string;
  includeFlagged: boolean;
  includeConfirmedFraud: boolean;
}

/** What `attestation.batch` is started with. */
export interface AttestationBatchParams {
  storeAddress: string;
  /** Folder the PDFs and the workbook are written to; the service moves them to their folder once registered. */
  stagingDir: string;
  period: { from: string; to: string };
  issuer: AttestationIssuer;
  /** ISO 8601 UTC, the same for every attestation of the batch. */
  issuedAt: string;
  /** The persons of a list (resolved by the service, lines it rejected included), or a simulation's paid drivers. */
  persons:
    | { kind: 'list'; label: string; entries: Array<{ line: number; person: AttestationPerson }>; skipped: SkippedPerson[] }
    | { kind: 'simulation'; label: string; simulation: BatchSimulation };
}

/** An attestation the batch issued, for the register. */
export interface BatchAttestation {
  content: PreparedAttestation['content'];
  code: string;
  pagesDigest: string;
  /** File name in the staging folder (and, once moved, in the batch's folder). */
  fileName: string;
}

/** What the batch hands back: its attestations (entered in the register by the service) and who it left out. */
export interface AttestationBatchResult extends Record<string, unknown> {
  attestations: BatchAttestation[];
  skipped: SkippedPerson[];
  persons: number;
  workbookName: string;
  seconds: number;
}

/**
 * The drivers a saved simulation paid (amount > 0) on the batch's days: the simulation replayed over its whole period
 * (counters and budget as they ran), as the map overlay and the APDF export replay it. Sorted by person key.
 */
async function paidDrivers(db: SqlExecutor, simulation: BatchSimulation, period: { from: string; to: string }, context: TaskContext): Promise<AttestationPerson[]> {
  const run = createCampaignRun(compileCampaign(simulation.definition, simulation.overrides), { options: { explain: false } });
  const { journeys: total } = await countStoreCampaignTrips(db, simulation);
  const drivers = new Set<string>();
  let done = 0;
  for await (const page of storeCampaignPages(db, simulation)) {
    for (const { trip, journey } of page) {
      done += 1;
      // Every journey goes through the engine (counters, budget); only the batch's days' paid drivers are kept.
      const result = run.evaluate(trip);
      if (result.eligible && result.amountCents > 0 && journey.day >= period.from && journey.day <= period.to) drivers.add(trip.driver_identity_key);
    }
    context.signal.throwIfAborted();
    context.progress('simulate', done, total);
  }
  const names = await operatorNames(db);
  const persons: AttestationPerson[] = [];
  for (const driver of [...drivers].sort()) {
    const key = simulationDriverKey(driver);
    if (!key) continue;
    persons.push(
      key.kind === 'identity'
        ? { kind: 'identity', key: key.identityKey, identityKey: key.identityKey }
        : {
            kind: 'operator',
            key: operatorUserKey(key.operatorId, key.storedUserId),
            operatorId: key.operatorId,
            operatorName: names.get(key.operatorId) ?? `opérateur ${key.operatorId}`,
            storedUserId: key.storedUserId,
            shownUserId: null,
          },
    );
  }
  return persons;
}

/**
 * Issues the attestations of a batch (docs/attestations.md, « Lot »): for each person of the list (or each driver a
 * simulation paid on the period), the figures, the PDF in the staging folder and its code; persons unknown to the
 * store are left out with the reason. Ends with the summary workbook. Progress per person; cancel between two.
 */
export async function attestationBatch(params: AttestationBatchParams, context: TaskContext): Promise<AttestationBatchResult> {
  const started = performance.now();
  return withStoreConnection(params.storeAddress, async (db) => {
    const skipped: SkippedPerson[] = params.persons.kind === 'list' ? [...params.persons.skipped] : [];
    const entries =
      params.persons.kind === 'list'
        ? params.persons.entries
        : (await paidDrivers(db, params.persons.simulation, params.period, context)).map((person) => ({ line: null, person }));
    const names = uniqueFileNames(entries.map(({ person }) => ({ identity: person.key, name: (suffix: string) => attestationFileName(person, params.period, suffix) })));
    const attestations: BatchAttestation[] = [];
    const lines: AttestationLine[] = [];
    context.progress('issue', 0, entries.length);
    for (const [index, { line, person }] of entries.entries()) {
      context.signal.throwIfAborted();
      const described = describePerson(person);
      // A person of a list the store has never seen is most likely a typing error: no attestation of zero journeys.
      if (params.persons.kind === 'list' && !(await personKnown(db, personMatch(person)))) {
        skipped.push({ line, person: described.text, reason: 'personne inconnue de la base (aucun trajet, quelle que soit la date)' });
      } else {
        const prepared = await prepareAttestation(db, { person, period: params.period, issuer: params.issuer, issuedAt: params.issuedAt });
        const name = names[index] as string;
        await writeFile(join(params.stagingDir, name), prepared.pdf, { mode: PRIVATE_FILE_MODE });
        attestations.push({ content: prepared.content, code: prepared.code, pagesDigest: prepared.pagesDigest, fileName: name });
        lines.push({
          number: null, issuedAt: params.issuedAt, person: described.text, from: params.period.from, to: params.period.to,
          shortCode: prepared.shortCode, code: prepared.code, totals: prepared.content.figures.totals, file: name, actor: null,
        });
      }
      context.progress('issue', index + 1, entries.length);
    }
    const workbookName = `synthese-attestations-${params.period.from}_${params.period.to}.xlsx`;
    await writeBatchWorkbook(
      join(params.stagingDir, workbookName),
      { source: params.persons.label, period: params.period, issuer: params.issuer, issuedAt: params.issuedAt, lines, skipped },
      context.signal,
    );
    return { attestations, skipped, persons: entries.length + (params.persons.kind === 'list' ? params.persons.skipped.length : 0), workbookName, seconds: (performance.now() - started) / 1000 };
  });
}
