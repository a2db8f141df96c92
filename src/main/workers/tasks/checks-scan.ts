import type { ScanScope } from '../../../shared/types/reviews';
import { isWholeStore, readWindow } from '../../checks/scan-scope';
import type { CheckParameterOverrides } from '../../domain/checks';
import { CHECKS, precisionRecall, runChecks, type CheckFlag, type CheckScore, type CheckTrip } from '../../domain/checks';
import { storeCheckRun } from '../../db/check-run-writer';
import { readDemoLabels, readScanTrips } from '../../db/scan-source';
import type { SqlExecutor } from '../../db/sql-executor';
import { withStoreConnection } from '../../db/store-connection';
import { scanDeclarations } from '../../declarations/scan-declarations';
import type { TaskContext } from './task-context';

/** What `checks.scan` is started with: the store, the scope, the parameters and what started it. */
export interface ChecksScanParams {
  storeAddress: string;
  scope: ScanScope;
  /** The parameters saved in settings (validated there). */
  overrides: CheckParameterOverrides;
  generatedAt: string;
  /** What started the scan: `manual`, or `sync` for the incremental scan after an import. */
  trigger: 'manual' | 'sync';
}

/** What a scan answers (job summary, CLI): the run stored and its flags per check id and severity. */
export type ChecksScanSummary = {
  runId: number;
  /** Journeys read: the scope and the history around it. */
  trips: number;
  inScope: number;
  flags: number;
  counts: Record<string, Record<string, number>>;
  quality: CheckScore[] | null;
};

/**
 * Runs the enabled checks over a scope (docs/checks.md, « Analyses »), then D01 on the declared journeys of the same
 * window (docs/declarations.md): reads the journeys of the scope's window (its period widened to whole months ± 30
 * days, so person and graph checks see the history), keeps the flags that link a journey in scope, registry or
 * declared (every flag for a whole-store scan), and stores the run and its flags in one transaction
 * through the worker's own connection. The flags become the review queue's: they replace the current flags linking
 * a journey in scope (all of them for a whole-store scan). Same journeys and parameters, same flags.
 */
export function checksScan(params: ChecksScanParams, context: TaskContext): Promise<ChecksScanSummary> {
  return withStoreConnection(params.storeAddress, async (db) => {
    context.progress('read', 0, 0);
    const { trips, inScope } = await readScanTrips(db, params.scope, readWindow(params.scope));
    context.signal.throwIfAborted();
    // D01 (declared journeys) runs after the catalogue's checks on the journeys: one more step.
    const steps = CHECKS.length + 1;
    context.progress('scan', 0, steps);
    const whole = isWholeStore(params.scope);
    // Flags without journeys (identity clusters, territory monitors) are store-wide: only a whole-store scan keeps them.
    // Progress counted in checks run; a cancel stops between two checks (the run is thrown away, nothing stored).
    let checksDone = 0;
    const onTiming = (step: string): void => {
      if (step.includes('@')) context.progress('scan', (checksDone += 1), steps);
      context.signal.throwIfAborted();
    };
    const declared = await scanDeclarations(db, params.scope, readWindow(params.scope), trips, params.overrides);
    const kept = [
      ...runChecks(trips, params.overrides, { onTiming }).filter((flag) => whole || flag.journeyKeys.some((key) => inScope.has(key))),
      ...declared.flags.filter((flag) => whole || flag.journeyKeys.some((key) => inScope.has(key) || declared.inScope.has(key))),
    ];
    context.progress('scan', steps, steps);
    context.signal.throwIfAborted();
    const quality = await demoQuality(db, kept, inScope);
    context.progress('store', 0, kept.length);
    const days = flaggedDays(trips, kept);
    for (const [key, day] of declared.days) days.set(key, day);
    const runId = await storeCheckRun(db, { ...params, trips: trips.length, flags: kept, quality }, days, whole);
    context.progress('store', kept.length, kept.length);
    return { runId, trips: trips.length, inScope: inScope.size, flags: kept.length, counts: countBySeverity(kept), quality };
  });
}

/** Local day (`YYYY-MM-DD`) of each flagged journey by natural key: built after the checks, for the few they flag. */
function flaggedDays(trips: readonly CheckTrip[], flags: readonly CheckFlag[]): Map<string, string> {
  const flagged = new Set(flags.flatMap((flag) => flag.journeyKeys));
  const days = new Map<string, string>();
  for (const trip of trips) if (flagged.has(trip.natural_key)) days.set(trip.natural_key, trip.start_local.slice(0, 10));
  return days;
}

/**
 * Precision and recall of each check the demo's injected patterns expect, on the journeys in scope, or null when
 * the store holds no labelled pattern (real extracts).
 */
async function demoQuality(db: SqlExecutor, flags: readonly CheckFlag[], inScope: ReadonlySet<string>): Promise<CheckScore[] | null> {
  const labels = await readDemoLabels(db, inScope);
  const expected = new Set(Object.values(labels).flat());
  if (expected.size === 0) return null;
  return precisionRecall(flags, labels).filter((score) => expected.has(score.checkId));
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
