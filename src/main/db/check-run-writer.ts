import type { ScanScope } from '../../shared/types/reviews';
import type { CheckFlag, CheckParameterOverrides, CheckScore } from '../domain/checks';
import { declaredScopeSql } from './declaration-source';
import { insertRows } from './multi-row-insert';
import { refreshReviewSummaries } from './review-summaries';
import { scopeSql } from './scan-source';
import type { SqlExecutor } from './sql-executor';
import { ADVISORY_LOCKS, lockTransaction } from './advisory-locks';

/** One finished scan, as `storeCheckRun` records it. */
export interface CheckRunRecord {
  scope: ScanScope;
  overrides: CheckParameterOverrides;
  /** What started the scan: `manual`, or `sync` for the incremental scan after an import. */
  trigger: 'manual' | 'sync';
  /** ISO instant of the scan. */
  generatedAt: string;
  /** Journeys read (scope and history). */
  trips: number;
  /** The flags kept: those linking a journey in scope (every flag for a whole-store scan). */
  flags: readonly CheckFlag[];
  /** Precision and recall on the demo's labelled patterns, or null. */
  quality: CheckScore[] | null;
}

/**
 * Writes the run, retires the current flags it replaces (every current flag for a `whole`-store scan, else those
 * linking a journey, registry or declared, of the run's scope) and inserts its own as current, in one transaction, with the review
 * summaries of the journeys and persons whose current flags changed (db/review-summaries.ts). `dayOf` gives each
 * flagged journey's local day (the flag's first and last day). Answers the run id.
 */
export async function storeCheckRun(db: SqlExecutor, run: CheckRunRecord, dayOf: ReadonlyMap<string, string>, whole: boolean): Promise<number> {
  const scope = scopeSql(run.scope);
  return db.transaction(async (tx) => {
    await lockTransaction(tx, ADVISORY_LOCKS.checkRun);
    const [inserted] = await tx.all<{ id: number }>(
      'INSERT INTO check_runs (from_day, to_day, parameters_json, trips, flags, created_at, quality_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [
        run.scope.from ?? null, run.scope.to ?? null, JSON.stringify({ scope: run.scope, overrides: run.overrides, trigger: run.trigger }),
        run.trips, run.flags.length, run.generatedAt, run.quality === null ? null : JSON.stringify(run.quality),
      ],
    );
    const runId = inserted?.id ?? 0;
    if (whole) await tx.run('UPDATE check_flags SET current = 0 WHERE current = 1');
    else {
      await tx.run(
        `UPDATE check_flags SET current = 0 WHERE current = 1 AND id IN
         (SELECT fj.flag_id FROM check_flag_journeys fj JOIN trips t ON t.natural_key = fj.natural_key WHERE ${scope.sql})`,
        scope.bindings,
      );
      // D01 flags may link declared journeys only (two declarations): those of the scope are replaced too.
      const declared = declaredScopeSql(run.scope);
      await tx.run(
        `UPDATE check_flags SET current = 0 WHERE current = 1 AND id IN (SELECT fj.flag_id FROM check_flag_journeys fj WHERE fj.natural_key IN (${declared.sql}))`,
        declared.bindings,
      );
    }
    const [first] = await tx.all<{ next: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM check_flags');
    let id = first?.next ?? 1;
    const flagRows: unknown[][] = [];
    const journeyRows: unknown[][] = [];
    const personRows: unknown[][] = [];
    for (const flag of run.flags) {
      const days = flag.journeyKeys.map((key) => dayOf.get(key)).filter((day): day is string => day !== undefined).sort();
      flagRows.push([id, runId, flag.checkId, flag.severity, JSON.stringify(flag.journeyKeys), JSON.stringify(flag.persons), JSON.stringify(flag.evidence), 1, days[0] ?? null, days.at(-1) ?? null]);
      for (const key of new Set(flag.journeyKeys)) journeyRows.push([id, key]);
      for (const person of new Set(flag.persons)) personRows.push([id, person]);
      id += 1;
    }
    await insertRows(tx, 'check_flags', ['id', 'run_id', 'check_id', 'severity', 'journey_keys_json', 'persons_json', 'evidence_json', 'current', 'first_day', 'last_day'], flagRows);
    await insertRows(tx, 'check_flag_journeys', ['flag_id', 'natural_key'], journeyRows);
    await insertRows(tx, 'check_flag_persons', ['flag_id', 'person'], personRows);
    await refreshReviewSummaries(tx);
    return runId;
  });
}
