import { apdfNames, apdfSourceTrips } from '../../db/apdf-source';
import { WorkerConnection } from '../../db/worker-connection';
import { createGeoResolver, withAom } from '../../domain/geo/geo-resolver';
import { writeApdfWorkbook, type ApdfTrip } from '../../exports/apdf-workbook';
import { checkApdfWorkbook } from '../../exports/read-back';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import type { TaskContext } from './task-context';

export interface ExportApdfParams {
  dbFile: string;
  campaign: { id: string; name: string };
  operator: { id: number; name: string };
  /** `YYYY-MM`. */
  month: string;
  outDir: string;
}

/**
 * Writes the APDF workbook of a campaign × operator × month from the registry incentives of the extracts, then
 * reads it back and runs the registry's consistency checks on it (a failed check fails the job, file removed).
 */
export async function exportApdf(params: ExportApdfParams, context: TaskContext): Promise<Record<string, unknown>> {
  const db = await WorkerConnection.open(params.dbFile);
  try {
    const names = apdfNames(createGeoResolver(withAom(loadDecoupageReference(), new Map())));
    let count = 0;
    async function* rows(): AsyncGenerator<ApdfTrip> {
      for await (const trip of apdfSourceTrips(db, { campaignId: params.campaign.id, operatorId: params.operator.id, month: params.month })) {
        count += 1;
        if (count % 5_000 === 0) context.progress('write', count, 0);
        yield {
          journeyId: trip.journeyId,
          operatorJourneyId: trip.operatorJourneyId,
          operatorTripId: trip.operatorTripId,
          startAt: trip.startAt,
          endAt: trip.endAt,
          startLocation: names.location(trip.startInsee),
          startEpci: names.epci(trip.startEpci),
          startInsee: trip.startInsee,
          endLocation: names.location(trip.endInsee),
          endEpci: names.epci(trip.endEpci),
          endInsee: trip.endInsee,
          durationS: trip.durationS,
          distanceM: trip.distanceM,
          operatorName: trip.operatorName,
          operatorClass: trip.operatorClass,
          driverOperatorUserId: trip.driverOperatorUserId,
          passengerOperatorUserId: trip.passengerOperatorUserId,
          incentiveCents: trip.incentiveCents,
          // Extracts do not say which dates were boosted: every journey is « normale » as published.
          incentiveType: 'normale',
        };
      }
    }
    const result = await writeApdfWorkbook({ campaign: params.campaign, operator: params.operator, month: params.month, rows: rows(), outDir: params.outDir, signal: context.signal });
    context.progress('check', count, count);
    const problems = await checkApdfWorkbook(result.file, { campaignId: params.campaign.id });
    if (problems.length > 0) throw new Error(`Classeur APDF incohérent : ${problems.join(' ; ')}`);
    return { ...result };
  } finally {
    await db.close();
  }
}
