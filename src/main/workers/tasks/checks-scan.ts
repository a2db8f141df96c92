import type { ScanScope } from '../../../shared/types/reviews';
import { isWholeStore, readWindow, scopeSql } from '../../checks/scan-scope';
import type { CheckParameterOverrides } from '../../domain/checks';
import { CHECKS, precisionRecall, runChecks, type CheckFlag, type CheckScore, type CheckTrip } from '../../domain/checks';
import { periodSql } from '../../db/level-columns';
import { WorkerConnection } from '../../db/worker-connection';
import type { TaskContext } from './task-context';

export interface ChecksScanParams {
  dbFile: string;
  scope: ScanScope;
  /** The parameters saved in settings (validated there). */
  overrides: CheckParameterOverrides;
  generatedAt: string;
  /** What started the scan: `manual`, or `sync` for the incremental scan after an import. */
  trigger: 'manual' | 'sync';
}

const FIELDS = [
  'natural_key', 'operator_id', 'operator_trip_id', 'status', 'start_at', 'end_at', 'start_local', 'duration_s', 'distance_m',
  'start_lat', 'start_lon', 'end_lat', 'end_lon', 'start_insee', 'end_insee', 'seats', 'driver_identity_key', 'passenger_identity_key',
  'operator_driver_id', 'operator_passenger_id', 'driver_revenue_cents', 'passenger_contribution_cents',
  'rpc_incentive_0_cents', 'rpc_incentive_1_cents', 'rpc_incentive_2_cents',
] as const;

/** Rows per multi-row INSERT (SQLite binds at most 32,766 values). */
const INSERT_ROWS = 500;

/** Inserts rows of `width` values with multi-row statements. */
async function insertRows(db: WorkerConnection, head: string, width: number, rows: unknown[][]): Promise<void> {
  const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  for (let offset = 0; offset < rows.length; offset += INSERT_ROWS) {
    const chunk = rows.slice(offset, offset + INSERT_ROWS);
    await db.run(`${head} VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/**
 * Runs the enabled checks over a scope (docs/checks.md, « Analyses »): reads the journeys of the scope's window
 * (its period widened to whole months ± 30 days, so person and graph checks see the history), keeps the flags that
 * link a journey in scope (every flag for a whole-store scan), and stores the run and its flags in one transaction
 * through the worker's own connection. The flags become the review queue's: they replace the current flags linking
 * a journey in scope (all of them for a whole-store scan). Same journeys and parameters, same flags.
 */
export async function checksScan(params: ChecksScanParams, context: TaskContext): Promise<Record<string, unknown>> {
  const db = await WorkerConnection.open(params.dbFile);
  try {
    context.progress('read', 0, 0);
    const window = readWindow(params.scope);
    const read = window ? periodSql(window.from, window.to) : null;
    const scope = scopeSql(params.scope);
    const where = read ? `WHERE ${read.sql}` : '';
    const bindings = [...scope.bindings, ...(read?.bindings ?? [])];
    const rows = await db.all<{ r: string; s: number }>(
      `SELECT json_array(${FIELDS.map((field) => `t.${field}`).join(', ')}) AS r, CASE WHEN ${scope.sql} THEN 1 ELSE 0 END AS s FROM trips t ${where}`,
      bindings,
    );
    const inScope = new Set<string>();
    const dayOf = new Map<string, string>();
    const trips: CheckTrip[] = rows.map(({ r, s }) => {
      const values = JSON.parse(r) as unknown[];
      const trip: Record<string, unknown> = {};
      FIELDS.forEach((field, index) => (trip[field] = values[index] ?? null));
      const key = trip.natural_key as string;
      dayOf.set(key, String(trip.start_local).slice(0, 10));
      if (s === 1) inScope.add(key);
      return trip as unknown as CheckTrip;
    });
    rows.length = 0;
    context.signal.throwIfAborted();
    context.progress('scan', 0, CHECKS.length);
    const whole = isWholeStore(params.scope);
    // Flags without journeys (identity clusters, territory monitors) are store-wide: only a whole-store scan keeps them.
    // Progress counted in checks run; a cancel stops between two checks (the run is thrown away, nothing stored).
    let checksDone = 0;
    const onTiming = (step: string): void => {
      if (step.includes('@')) context.progress('scan', (checksDone += 1), CHECKS.length);
      context.signal.throwIfAborted();
    };
    const kept = runChecks(trips, params.overrides, { onTiming }).filter((flag) => whole || flag.journeyKeys.some((key) => inScope.has(key)));
    context.progress('scan', CHECKS.length, CHECKS.length);
    context.signal.throwIfAborted();
    const quality = await demoQuality(db, kept, inScope);
    context.progress('store', 0, kept.length);
    const runId = await storeRun(db, params, { trips: trips.length, flags: kept, quality }, dayOf, whole, scope);
    context.progress('store', kept.length, kept.length);
    return { runId, trips: trips.length, inScope: inScope.size, flags: kept.length, counts: countBySeverity(kept), quality };
  } finally {
    await db.close();
  }
}

/**
 * Precision and recall of each check the demo's injected patterns expect, on the journeys in scope, or null when
 * the store holds no labelled pattern (real extracts).
 */
async function demoQuality(db: WorkerConnection, flags: readonly CheckFlag[], inScope: ReadonlySet<string>): Promise<CheckScore[] | null> {
  const rows = await db.all<{ natural_key: string; check_ids_json: string }>('SELECT natural_key, check_ids_json FROM demo_labels');
  const labels: Record<string, string[]> = {};
  for (const row of rows) if (inScope.has(row.natural_key)) labels[row.natural_key] = JSON.parse(row.check_ids_json) as string[];
  const expected = new Set(Object.values(labels).flat());
  if (expected.size === 0) return null;
  return precisionRecall(flags, labels).filter((score) => expected.has(score.checkId));
}

/** Writes the run, retires the current flags it replaces and inserts its own as current, in one transaction. */
async function storeRun(
  db: WorkerConnection,
  params: ChecksScanParams,
  { trips, flags, quality }: { trips: number; flags: CheckFlag[]; quality: CheckScore[] | null },
  dayOf: Map<string, string>,
  whole: boolean,
  scope: { sql: string; bindings: string[] },
): Promise<number> {
  let runId = 0;
  await db.transaction(async () => {
    await db.run('INSERT INTO check_runs (from_day, to_day, parameters_json, trips, flags, created_at, quality_json) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      params.scope.from ?? null, params.scope.to ?? null, JSON.stringify({ scope: params.scope, overrides: params.overrides, trigger: params.trigger }),
      trips, flags.length, params.generatedAt, quality === null ? null : JSON.stringify(quality),
    ]);
    runId = (await db.all<{ id: number }>('SELECT last_insert_rowid() AS id'))[0]?.id ?? 0;
    if (whole) await db.run('UPDATE check_flags SET current = 0 WHERE current = 1');
    else {
      await db.run(
        `UPDATE check_flags SET current = 0 WHERE current = 1 AND id IN
         (SELECT fj.flag_id FROM check_flag_journeys fj JOIN trips t ON t.natural_key = fj.natural_key WHERE ${scope.sql})`,
        scope.bindings,
      );
    }
    const [first] = await db.all<{ next: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM check_flags');
    let id = first?.next ?? 1;
    const flagRows: unknown[][] = [];
    const journeyRows: unknown[][] = [];
    const personRows: unknown[][] = [];
    for (const flag of flags) {
      const days = flag.journeyKeys.map((key) => dayOf.get(key)).filter((day): day is string => day !== undefined).sort();
      flagRows.push([id, runId, flag.checkId, flag.severity, JSON.stringify(flag.journeyKeys), JSON.stringify(flag.persons), JSON.stringify(flag.evidence), 1, days[0] ?? null, days.at(-1) ?? null]);
      for (const key of new Set(flag.journeyKeys)) journeyRows.push([id, key]);
      for (const person of new Set(flag.persons)) personRows.push([id, person]);
      id += 1;
    }
    await insertRows(db, 'INSERT INTO check_flags (id, run_id, check_id, severity, journey_keys_json, persons_json, evidence_json, current, first_day, last_day)', 10, flagRows);
    await insertRows(db, 'INSERT INTO check_flag_journeys (flag_id, natural_key)', 2, journeyRows);
    await insertRows(db, 'INSERT INTO check_flag_persons (flag_id, person)', 2, personRows);
  });
  return runId;
}

/** Flags per check id and severity, for the job summary and the CLI. */
function countBySeverity(flags: readonly CheckFlag[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const flag of flags) {
    const bySeverity = (counts[flag.checkId] ??= {});
    bySeverity[flag.severity] = (bySeverity[flag.severity] ?? 0) + 1;
  }
  return counts;
}
