import type { Knex } from 'knex';
import { ADVISORY_LOCKS, lockKeyOf } from './advisory-locks';
import { knexEngine } from './knex-executor';
import { PgConnection } from './pg-executor';

/**
 * Whether a job recorded as running still runs somewhere. On SQLite, every process that opens the store runs on this
 * computer: its process id tells (`owner_pid`, signal 0). On a shared PostgreSQL store, another computer's process id
 * means nothing here, and a live import there must not be taken for a dead one (its batch would be deleted): the
 * process running a job holds a session advisory lock keyed by the job's id for the job's life, on a connection of its
 * own, which the server releases when that process or its connection dies. A job is alive while someone holds it.
 */

/** Holds a running job's presence on a PostgreSQL store until `release` (nothing to hold on SQLite). */
export async function holdJobPresence(db: Knex, jobId: string): Promise<() => Promise<void>> {
  if (knexEngine(db) !== 'postgres') return async () => undefined;
  const { connectionString } = db.client.config.connection as { connectionString: string };
  const connection = await PgConnection.open(connectionString);
  try {
    await connection.all('SELECT pg_advisory_lock(?, ?)', [ADVISORY_LOCKS.jobPresence, lockKeyOf(jobId)]);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return () => connection.close();
}

/**
 * The ids among `jobIds` whose job still runs: on PostgreSQL, those whose presence someone holds (tried in `trx`'s
 * transaction, so a lock it gets is let go at its end); on SQLite, those whose process (`ownerPid`) is alive here.
 */
export async function runningJobs(
  trx: Knex.Transaction,
  jobs: ReadonlyArray<{ id: string; ownerPid: number | null }>,
  isProcessAlive: (pid: number) => boolean,
): Promise<Set<string>> {
  const alive = new Set<string>();
  for (const job of jobs) {
    if (knexEngine(trx) === 'postgres') {
      const result = (await trx.raw('SELECT pg_try_advisory_xact_lock(?, ?) AS free', [ADVISORY_LOCKS.jobPresence, lockKeyOf(job.id)])) as { rows: Array<{ free: boolean }> };
      if (result.rows[0]?.free === false) alive.add(job.id);
    } else if (job.ownerPid !== null && isProcessAlive(job.ownerPid)) {
      alive.add(job.id);
    }
  }
  return alive;
}
