import type { ScanScope } from '../../../shared/types/reviews';
import { getHeapStatistics } from 'node:v8';
import { KeptFlags } from '../../checks/kept-flags';
import { scanFits, scanMemoryRefusal } from '../../checks/scan-memory';
import { isWholeStore, monthScopes, readWindow } from '../../checks/scan-scope';
import type { CheckParameterOverrides } from '../../domain/checks';
import { CHECKS, precisionRecall, runChecks, type CheckFlag, type CheckScore, type CheckTrip } from '../../domain/checks';
import { storeCheckRun } from '../../db/check-run-writer';
import { countScanTrips, readDemoLabels, readScanTrips, scanDayRange } from '../../db/scan-source';
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
 * declared (every flag for a whole-store scan), and stores the run and its flags in one transaction through the
 * worker's own connection. The flags become the review queue's: they replace the current flags linking a journey in
 * scope (all of them for a whole-store scan). Same journeys and parameters, same flags.
 *
 * A window too large for this worker's heap is not read at once (docs/checks.md « Mémoire »): the scope is cut into
 * calendar months (`scanParts`), each checked with its own window, and the run stores their flags together.
 */
export function checksScan(params: ChecksScanParams, context: TaskContext): Promise<ChecksScanSummary> {
  return withStoreConnection(params.storeAddress, (db) => scanInParts(db, params, context, getHeapStatistics().heap_size_limit));
}

/**
 * The scan of `checksScan` on an open connection, within a heap of `heapLimitBytes` bytes (the worker's ceiling;
 * tests give a small one to cut a small store).
 */
export async function scanInParts(db: SqlExecutor, params: ChecksScanParams, context: TaskContext, heapLimitBytes: number): Promise<ChecksScanSummary> {
  context.progress('read', 0, 0);
  const parts = await scanParts(db, params.scope, heapLimitBytes);
  const whole = isWholeStore(params.scope);
  // D01 (declared journeys) runs after the catalogue's checks on the journeys: one more step per part.
  const perPart = CHECKS.length + 1;
  const steps = parts.length * perPart;
  let stepsDone = 0;
  const kept = new KeptFlags(parts.length > 1);
  const days = new Map<string, string>();
  const labels: Record<string, string[]> = {};
  let inScopeCount = 0;
  let read = 0;
  for (const [index, part] of parts.entries()) {
    const window = readWindow(part);
    const { trips, inScope } = await readScanTrips(db, part, window);
    context.signal.throwIfAborted();
    read += trips.length;
    inScopeCount += inScope.size;
    context.progress('scan', stepsDone, steps);
    // Progress counted in checks run; a cancel stops between two checks (the run is thrown away, nothing stored).
    const onTiming = (step: string): void => {
      if (step.includes('@')) context.progress('scan', (stepsDone += 1), steps);
      context.signal.throwIfAborted();
    };
    const declared = await scanDeclarations(db, part, window, trips, params.overrides);
    const linksScope = (flag: CheckFlag): boolean => flag.journeyKeys.some((key) => inScope.has(key) || declared.inScope.has(key));
    const partFlags = [...runChecks(trips, params.overrides, { onTiming }), ...declared.flags];
    // Checks left out (T07 without a router) report no step: the part's steps are all done here.
    stepsDone = (index + 1) * perPart;
    context.progress('scan', stepsDone, steps);
    context.signal.throwIfAborted();
    const partKept = kept.add(partFlags, parts.length === 1 ? (flag) => whole || linksScope(flag) : (flag) => keepsInPart(flag, part, whole, linksScope));
    for (const [key, day] of flaggedDays(trips, partKept)) days.set(key, day);
    for (const [key, day] of declared.days) days.set(key, day);
    Object.assign(labels, await readDemoLabels(db, inScope));
  }
  const quality = demoQuality(kept.flags, labels);
  // Journeys read: the months' windows overlap, so they are counted once over their union.
  const trips = parts.length === 1 ? read : await countScanTrips(db, readWindowOf(parts));
  const flags = kept.flags;
  context.progress('store', 0, flags.length);
  const runId = await storeCheckRun(db, { ...params, trips, flags, quality }, days, whole);
  context.progress('store', flags.length, flags.length);
  return { runId, trips, inScope: inScopeCount, flags: flags.length, counts: countBySeverity(flags), quality };
}

/**
 * The scopes a scan reads one after the other: the scope itself when its window fits the heap, else its calendar
 * months (over the store's days for a scope without a period). Refused, in French, when one month's window does not
 * fit either.
 */
async function scanParts(db: SqlExecutor, scope: ScanScope, heapLimitBytes: number): Promise<ScanScope[]> {
  if (scanFits(await countScanTrips(db, readWindow(scope)), heapLimitBytes)) return [scope];
  const days = scope.from && scope.to ? { from: scope.from, to: scope.to } : await scanDayRange(db);
  const parts = days ? monthScopes(scope, days) : [scope];
  let largest = 0;
  for (const part of parts) largest = Math.max(largest, await countScanTrips(db, readWindow(part)));
  if (!scanFits(largest, heapLimitBytes)) throw new Error(scanMemoryRefusal(largest, heapLimitBytes));
  return parts;
}

/** The days every part's window covers together: from the first window's start to the last one's end. */
function readWindowOf(parts: readonly ScanScope[]): { from: string; to: string } | null {
  const first = parts[0] ? readWindow(parts[0]) : null;
  const last = parts.at(-1) ? readWindow(parts.at(-1) as ScanScope) : null;
  return first && last ? { from: first.from, to: last.to } : null;
}

/**
 * Whether a month of a scan cut by months keeps `flag`: one linking a journey of the month; for a whole-store scan,
 * also a flag without journeys (G08's territory monitors) about this month, each month's window holding its own.
 */
function keepsInPart(flag: CheckFlag, part: ScanScope, whole: boolean, linksScope: (flag: CheckFlag) => boolean): boolean {
  if (flag.journeyKeys.length > 0) return linksScope(flag);
  const month = flag.evidence.month;
  return whole && typeof month === 'string' && month === part.from?.slice(0, 7);
}

/** Local day (`YYYY-MM-DD`) of each flagged journey by natural key: built after the checks, for the few they flag. */
function flaggedDays(trips: readonly CheckTrip[], flags: readonly CheckFlag[]): Map<string, string> {
  const flagged = new Set(flags.flatMap((flag) => flag.journeyKeys));
  const days = new Map<string, string>();
  for (const trip of trips) if (flagged.has(trip.natural_key)) days.set(trip.natural_key, trip.start_local.slice(0, 10));
  return days;
}

/**
 * Precision and recall of each check the demo's injected patterns expect (`labels`: natural key → check ids, for
 * the journeys in scope), or null when the store holds no labelled pattern (real extracts).
 */
function demoQuality(flags: readonly CheckFlag[], labels: Record<string, string[]>): CheckScore[] | null {
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
