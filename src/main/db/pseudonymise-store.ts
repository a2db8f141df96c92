import { tripRowHash } from '../domain/trips/row-hash';
import type { TripRow } from '../domain/trips/trip-row';
import type { SqlExecutor } from './sql-executor';

/** Journeys read and rewritten per transaction. */
const PAGE_ROWS = 5_000;

/** What converting a store to pseudonymised user ids changed. */
export type StorePseudonymisation = {
  /** Journeys whose user ids were replaced by their pseudonyms. */
  trips: number;
  /** Quarantined lines whose stored text was redacted. */
  rejectedLines: number;
  /** Standing decisions on persons named by a clear user id (`u:<operator>:<id>`), to be recorded again under their pseudonym. */
  personDecisions: Array<{ key: string; pseudonymKey: string; decision: string; comment: string }>;
};

/** Whether the store keeps its journeys' user ids in clear (migration `202612062310_user_id_privacy`). */
export async function keepsClearUserIds(db: SqlExecutor): Promise<boolean> {
  const [row] = await db.all<{ user_ids: string }>('SELECT user_ids FROM store_privacy');
  return row?.user_ids === 'clear';
}

/**
 * Converts a store that kept operators' user ids in clear (docs/privacy.md): every journey's ids become their
 * pseudonyms (`pseudonym`, idempotent on a pseudonym) with its change-detection hash computed again (a later import of
 * an overlapping extract still finds its journeys unchanged), quarantined lines are redacted (`redact`, given the
 * line and its batch's format), declarations naming a carpooler by a user id take its pseudonym, and what derives
 * person keys from user ids is dropped to be rebuilt: simulation blocks and their persons, first journeys of persons
 * (the statistics refresh rebuilds them). The store is then marked
 * pseudonymised. Page by page, each in its own transaction: an interrupted conversion is resumed by running it again.
 * Decisions recorded on persons named by a clear id are returned, for the caller to record them again (the decisions
 * table is append-only and audited).
 */
export async function pseudonymiseStoredUserIds(
  db: SqlExecutor,
  pseudonym: (id: string) => string,
  redact: (raw: string, format: string) => string,
  progress: (done: number, total: number) => void,
): Promise<StorePseudonymisation> {
  const [count] = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM trips');
  const total = count?.n ?? 0;
  const result: StorePseudonymisation = { trips: 0, rejectedLines: 0, personDecisions: [] };
  let done = 0;
  for (let last = 0; ; ) {
    const rows = await db.all<TripRow & { id: number }>('SELECT * FROM trips WHERE id > ? ORDER BY id LIMIT ?', [last, PAGE_ROWS]);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const driver = row.operator_driver_id === null ? null : pseudonym(row.operator_driver_id);
        const passenger = row.operator_passenger_id === null ? null : pseudonym(row.operator_passenger_id);
        if (driver === row.operator_driver_id && passenger === row.operator_passenger_id) continue;
        row.operator_driver_id = driver;
        row.operator_passenger_id = passenger;
        await tx.run('UPDATE trips SET operator_driver_id = ?, operator_passenger_id = ?, row_hash = ? WHERE id = ?', [driver, passenger, tripRowHash(row), row.id]);
        result.trips += 1;
      }
    });
    last = (rows.at(-1) as { id: number }).id;
    done += rows.length;
    progress(done, total);
  }
  const lines = await db.all<{ id: number; raw: string; format: string }>(
    'SELECT r.id, r.raw, b.format FROM rejected_rows r JOIN import_batches b ON b.id = r.batch_id',
  );
  await db.transaction(async (tx) => {
    for (const line of lines) {
      const redacted = redact(line.raw, line.format);
      if (redacted === line.raw) continue;
      await tx.run('UPDATE rejected_rows SET raw = ? WHERE id = ?', [redacted, line.id]);
      result.rejectedLines += 1;
    }
    // Declarations naming a carpooler by an operator's user id keep its person key as the journeys now name it.
    const declared = await tx.all<{ id: number; person_key: string }>("SELECT id, person_key FROM declared_trips WHERE person_key LIKE 'u:%'");
    for (const row of declared) {
      const [, operator, ...id] = row.person_key.split(':');
      const key = `u:${operator ?? ''}:${pseudonym(id.join(':'))}`;
      if (key !== row.person_key) await tx.run('UPDATE declared_trips SET person_key = ? WHERE id = ?', [key, row.id]);
    }
    await tx.run('DELETE FROM campaign_trip_blocks');
    await tx.run('DELETE FROM campaign_persons');
    await tx.run('DELETE FROM people_first');
    await tx.run("UPDATE store_privacy SET user_ids = 'pseudonymised'");
  });
  const decisions = await db.all<{ subject_key: string; decision: string; comment: string }>(
    "SELECT subject_key, decision, comment FROM review_current WHERE subject_kind = 'person' AND subject_key LIKE 'u:%'",
  );
  const standing = new Map(decisions.map((row) => [row.subject_key, row.decision]));
  for (const { subject_key: key, decision, comment } of decisions) {
    const [, operator, ...id] = key.split(':');
    const pseudonymKey = `u:${operator ?? ''}:${pseudonym(id.join(':'))}`;
    // Already taken over (a conversion run again): the pseudonymised key stands with the same decision.
    if (pseudonymKey !== key && standing.get(pseudonymKey) !== decision) result.personDecisions.push({ key, pseudonymKey, decision, comment });
  }
  return result;
}
