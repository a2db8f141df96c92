import type { CheckParameterOverrides } from '../../domain/checks';
import { runChecks, type CheckTrip } from '../../domain/checks';
import { WorkerConnection } from '../../db/worker-connection';
import type { TaskContext } from './task-context';

export interface ChecksScanParams {
  dbFile: string;
  /** Local days, inclusive; absent: every journey. */
  from: string | null;
  to: string | null;
  overrides: CheckParameterOverrides;
  generatedAt: string;
}

const FIELDS = [
  'natural_key', 'operator_id', 'operator_trip_id', 'status', 'start_at', 'end_at', 'start_local', 'duration_s', 'distance_m',
  'start_lat', 'start_lon', 'end_lat', 'end_lon', 'start_insee', 'end_insee', 'seats', 'driver_identity_key', 'passenger_identity_key',
  'operator_driver_id', 'operator_passenger_id', 'driver_revenue_cents', 'passenger_contribution_cents',
  'rpc_incentive_0_cents', 'rpc_incentive_1_cents', 'rpc_incentive_2_cents',
] as const;

/** Rows per INSERT of flags (6 values each). */
const INSERT_ROWS = 500;

/**
 * Runs every check over the journeys of a period (all in memory: the checks sort and sweep them together), then
 * stores the run and its flags in one transaction through the worker's own connection. Same journeys and
 * parameters, same flags.
 */
export async function checksScan(params: ChecksScanParams, context: TaskContext): Promise<Record<string, unknown>> {
  const db = await WorkerConnection.open(params.dbFile);
  try {
    context.progress('read', 0, 0);
    const where = params.from && params.to ? 'WHERE start_local >= ? AND start_local < ?' : '';
    const bindings = params.from && params.to ? [params.from, `${params.to} 24:00:00`] : [];
    const rows = await db.all<{ r: string }>(`SELECT json_array(${FIELDS.join(', ')}) AS r FROM trips ${where}`, bindings);
    const trips: CheckTrip[] = rows.map(({ r }) => {
      const values = JSON.parse(r) as unknown[];
      const trip: Record<string, unknown> = {};
      FIELDS.forEach((field, index) => (trip[field] = values[index] ?? null));
      return trip as unknown as CheckTrip;
    });
    context.signal.throwIfAborted();
    context.progress('scan', 0, trips.length);
    const flags = runChecks(trips, params.overrides);
    context.progress('scan', trips.length, trips.length);
    context.signal.throwIfAborted();
    let runId = 0;
    await db.transaction(async () => {
      await db.run('INSERT INTO check_runs (from_day, to_day, parameters_json, trips, flags, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        params.from, params.to, JSON.stringify(params.overrides), trips.length, flags.length, params.generatedAt,
      ]);
      runId = (await db.all<{ id: number }>('SELECT last_insert_rowid() AS id'))[0]?.id ?? 0;
      for (let offset = 0; offset < flags.length; offset += INSERT_ROWS) {
        const chunk = flags.slice(offset, offset + INSERT_ROWS);
        await db.run(
          `INSERT INTO check_flags (run_id, check_id, severity, journey_keys_json, persons_json, evidence_json) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((flag) => [runId, flag.checkId, flag.severity, JSON.stringify(flag.journeyKeys), JSON.stringify(flag.persons), JSON.stringify(flag.evidence)]),
        );
      }
    });
    const counts: Record<string, Record<string, number>> = {};
    for (const flag of flags) {
      const bySeverity = (counts[flag.checkId] ??= {});
      bySeverity[flag.severity] = (bySeverity[flag.severity] ?? 0) + 1;
    }
    return { runId, trips: trips.length, flags: flags.length, counts };
  } finally {
    await db.close();
  }
}
