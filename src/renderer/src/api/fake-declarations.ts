import type { ParsedReq, Res } from '@shared/ipc/contract';
import type { DeclarationBatch, DeclarationReportRow, DeclaredTrip } from '@shared/types/declarations';
import type { JobRecord } from '@shared/types/jobs';

/**
 * The declarations side of the fake `Api` (Déclarations page and component tests): batches, rows not accepted and
 * declared journeys in memory. The form accepts a journey unless its departure commune is `00000` (unknown commune,
 * as the main side words it) or it repeats one already declared (same declarant, day, time, communes and role).
 */

const NAMES: Readonly<Record<string, string>> = { '44109': 'Nantes', '44162': 'Saint-Herblain', '95051': 'Beauchamp', '95127': 'Cergy' };

/** A file imported earlier: two lines accepted, one rejected, one already declared. */
function firstBatch(): { batch: DeclarationBatch; rows: DeclarationReportRow[] } {
  return {
    batch: { batchId: 1, fileName: 'trajets-octobre.csv', rows: 4, accepted: 2, duplicates: 1, rejected: 1, source: 'file', actor: 'agent', createdAt: '2026-12-07T10:00:00.000Z' },
    rows: [
      { id: 1, batchId: 1, line: 3, outcome: 'rejected', field: 'from', reasonCode: 'unknown_commune', reason: 'commune de départ inconnue « 00000 » (code INSEE de commune attendu)', raw: '16/10/2026;07:45;00000;44162;conducteur;1;9;agent-1;;' },
      { id: 2, batchId: 1, line: 5, outcome: 'duplicate', field: null, reasonCode: 'duplicate_declared', reason: 'même trajet que la ligne 2 : compté une fois', raw: '16/10/2026;07:45;44109;44162;conducteur;1;9;agent-1;;' },
    ],
  };
}

/** The handlers of the `declarations:*` channels over in-memory batches and journeys. */
export function createFakeDeclarations(startJob: (kind: JobRecord['kind'], params?: Record<string, unknown>) => string) {
  const first = firstBatch();
  const batches: DeclarationBatch[] = [first.batch];
  const reports: DeclarationReportRow[] = [...first.rows];
  const trips: DeclaredTrip[] = [];

  return {
    'declarations:template': (): Res<'declarations:template'> => ({ path: '/donnees/atelier/exports/modele-trajets-declares.csv' }),
    'declarations:import': (req: ParsedReq<'declarations:import'>): Res<'declarations:import'> => ({
      jobId: startJob('declaration.import', { fileName: 'path' in req ? req.path : req.fileName }),
    }),
    'declarations:add': (entry: ParsedReq<'declarations:add'>): Res<'declarations:add'> => {
      if (entry.from === '00000') {
        return { outcome: 'rejected', trip: null, problems: [{ field: 'from', reasonCode: 'unknown_commune', reason: 'commune de départ inconnue « 00000 » (code INSEE de commune attendu)' }] };
      }
      const startLocal = `${entry.date} ${entry.time}:00`;
      const key = [entry.declarant, startLocal, entry.from, entry.to, entry.role].join('|');
      if (trips.some((trip) => trip.naturalKey === key)) {
        return { outcome: 'duplicate', trip: null, problems: [{ field: null, reasonCode: 'duplicate_declared', reason: 'trajet déjà déclaré' }] };
      }
      const batchId = batches.length + 1;
      const trip: DeclaredTrip = {
        id: trips.length + 1, naturalKey: key, batchId, line: null, declarantId: entry.declarant, personKey: entry.carpooler ?? null, role: entry.role, seats: entry.seats,
        startLocal, distanceM: Math.round((entry.distanceKm ?? 12) * 1000), distanceEstimated: entry.distanceKm === undefined, startInsee: entry.from,
        startName: NAMES[entry.from] ?? null, endInsee: entry.to, endName: NAMES[entry.to] ?? null, comment: entry.comment ?? null, createdAt: '2026-12-07T11:00:00.000Z',
      };
      trips.unshift(trip);
      batches.unshift({ batchId, fileName: null, rows: 1, accepted: 1, duplicates: 0, rejected: 0, source: 'form', actor: 'agent', createdAt: trip.createdAt });
      return { outcome: 'accepted', trip, problems: [] };
    },
    'declarations:batches': ({ offset, limit }: ParsedReq<'declarations:batches'>): Res<'declarations:batches'> => ({ total: batches.length, rows: batches.slice(offset, offset + limit) }),
    'declarations:report': ({ batchId, offset, limit }: ParsedReq<'declarations:report'>): Res<'declarations:report'> => {
      const rows = reports.filter((row) => batchId === undefined || row.batchId === batchId);
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    },
    'declarations:report-export': ({ batchId }: ParsedReq<'declarations:report-export'>): Res<'declarations:report-export'> => ({
      path: '/donnees/atelier/exports/trajets-non-retenus-20261207-110000.csv',
      rows: reports.filter((row) => batchId === undefined || row.batchId === batchId).length,
    }),
    'declarations:trips': ({ declarant, offset, limit }: ParsedReq<'declarations:trips'>): Res<'declarations:trips'> => {
      const rows = trips.filter((trip) => declarant === undefined || trip.declarantId === declarant);
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    },
    'declarations:count': (): Res<'declarations:count'> => ({ journeys: 12, asDriver: 8, asPassenger: 4, declarants: 3, distanceKm: 142.5, estimatedDistances: 2 }),
  };
}
