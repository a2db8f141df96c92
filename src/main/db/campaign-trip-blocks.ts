import { BLOCK_FORMAT, blockPersons, decodeBlock, encodeBlock, type CampaignJourney, type CampaignOperator } from './campaign-block-codec';
import { campaignOperators, dayJourneys, detached, excludedTrips, utcRange, type CampaignTripRange } from './campaign-trip-source';
import { insertRows } from './multi-row-insert';
import { jsonArrayValues } from './sql-dialect';
import type { SqlExecutor } from './sql-executor';
import { ADVISORY_LOCKS, lockTransaction } from './advisory-locks';

/**
 * The keys of the period's blocks: the distinct first ten characters (UTC days) of the starts in `[fromUtc, toUtc)`,
 * in order, found by one seek of `start_at`'s index per key.
 */
async function blockKeys(db: SqlExecutor, fromUtc: string, toUtc: string): Promise<string[]> {
  // Past a ten-character key, its journeys all sort before `key || U+10FFFF`; a shorter key (an odd start) is a
  // journey's whole start, and the next key is the next longer prefix.
  const lastCharacter = db.engine === 'postgres' ? 'chr(1114111)' : 'char(1114111)';
  const rows = await db.all<{ key: string }>(
    `WITH RECURSIVE keys(key) AS (
       SELECT (SELECT substr(min(t.start_at), 1, 10) FROM committed_trips t WHERE t.start_at >= ?1 AND t.start_at < ?2)
       UNION ALL
       SELECT (SELECT substr(min(t.start_at), 1, 10) FROM committed_trips t
               WHERE t.start_at >= CASE WHEN length(keys.key) = 10 THEN keys.key || ${lastCharacter} ELSE keys.key END
                 AND t.start_at < ?2 AND substr(t.start_at, 1, 10) > keys.key)
       FROM keys WHERE keys.key IS NOT NULL)
     SELECT key FROM keys WHERE key IS NOT NULL`,
    [fromUtc, toUtc],
  );
  return rows.map((row) => row.key);
}

/**
 * The store's person dictionary (`campaign_persons`) as far as a read needs it. Blocks name persons by id so that a
 * simulation reads each person's text once (not once per block) and hands the engine one string per person.
 */
class PersonDictionary {
  /** Texts by id (ids are small integers). */
  readonly texts: Array<string | undefined> = [];
  /** Ids by text, once a block is built (every person of the dictionary is then known). */
  private ids = new Map<string, number>();
  private highest = 0;
  /** Persons numbered by `idOf` and not stored yet. */
  private added: Array<[number, string]> = [];

  /** Learns the texts of the ids a stored block names that this read does not know yet. */
  async learn(db: SqlExecutor, block: Uint8Array): Promise<void> {
    const missing = new Set<number>();
    for (const id of blockPersons(block)) if (this.texts[id] === undefined) missing.add(id);
    if (missing.size === 0) return;
    const rows = await db.all<{ id: number; person: string }>(`SELECT id, person FROM campaign_persons WHERE id IN ${jsonArrayValues(db.engine, 'bigint')}`, [JSON.stringify([...missing])]);
    for (const { id, person } of rows) this.texts[id] = person;
  }

  /**
   * Catches up, within the write transaction `tx`, with the persons stored since (all of them the first time), by
   * this read or another: `tx` keeps other writers out until the new ones are stored.
   */
  async catchUp(tx: SqlExecutor): Promise<void> {
    for (const { id, person } of await tx.all<{ id: number; person: string }>('SELECT id, person FROM campaign_persons WHERE id > ?', [this.highest])) {
      this.ids.set(person, id);
      this.texts[id] = person;
      this.highest = Math.max(this.highest, id);
    }
  }

  /** The id of a person, the next one the first time it is met (`store` keeps it). */
  readonly idOf = (cut: string): number => {
    let id = this.ids.get(cut);
    if (id === undefined) {
      // Kept for the whole read: a copy, not a slice of the text the journeys were read from.
      const person = detached(cut);
      id = this.highest += 1;
      this.ids.set(person, id);
      this.texts[id] = person;
      this.added.push([id, person]);
    }
    return id;
  };

  /** Stores the persons met since the last call, in the write transaction `tx`. */
  async store(tx: SqlExecutor): Promise<void> {
    await insertRows(tx, 'campaign_persons', ['id', 'person'], this.added);
    this.added = [];
  }
}

/**
 * What SQLite's write transaction (`BEGIN IMMEDIATE`, one writer) gives a build by itself, taken on PostgreSQL at the
 * start of the build's transaction: builds one at a time (the person dictionary), and journeys and import batches
 * that cannot change until it ends (SHARE mode waits for the writers in flight and holds off new ones), so that a
 * change committed between the read and the write cannot leave a stale block behind (its trigger deletes the block
 * before it is written, or runs after it is).
 */
async function lockForBuild(tx: SqlExecutor): Promise<void> {
  if (tx.engine !== 'postgres') return;
  await lockTransaction(tx, ADVISORY_LOCKS.blockBuild);
  await tx.exec('LOCK TABLE trips, import_batches IN SHARE MODE');
}

/**
 * Builds the block of a key from `trips` and stores it, in one write transaction: no change to those journeys can
 * come between the read and the write (a later change deletes the block: the triggers of `trips`).
 */
function buildBlock(db: SqlExecutor, key: string, operators: ReadonlyMap<number, CampaignOperator>, persons: PersonDictionary): Promise<Buffer> {
  return db.transaction(async (tx) => {
    await lockForBuild(tx);
    const journeys = await dayJourneys(tx, key, operators);
    await persons.catchUp(tx);
    const block = encodeBlock(journeys, persons.idOf);
    await persons.store(tx);
    await tx.run(
      tx.engine === 'postgres'
        ? 'INSERT INTO campaign_trip_blocks (day, format, data) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET format = excluded.format, data = excluded.data'
        : 'INSERT OR REPLACE INTO campaign_trip_blocks (day, format, data) VALUES (?, ?, ?)',
      [key, BLOCK_FORMAT, block],
    );
    return block;
  });
}

/** What `warmCampaignBlocks` did: the UTC days of the period holding journeys, and the blocks it had to build. */
export type CampaignBlocksWarmSummary = {
  days: number;
  built: number;
};

/**
 * Builds the campaign blocks of a period (local days, inclusive) that are missing, so that the first simulation
 * after an import reads blocks instead of building them (docs/campaigns-format.md). Run after an import, beside the
 * statistics and the scan; each block in its own short write transaction, as a simulation would build it.
 */
export async function warmCampaignBlocks(
  db: SqlExecutor,
  range: { from: string; to: string },
  hooks: { progress(done: number, total: number): void; cancelled(): boolean },
): Promise<CampaignBlocksWarmSummary> {
  const [fromUtc, toUtc] = utcRange(range);
  const keys = await blockKeys(db, fromUtc, toUtc);
  const stored = new Set((await db.all<{ day: string }>('SELECT day FROM campaign_trip_blocks WHERE day >= ? AND day < ? AND format = ?', [fromUtc.slice(0, 10), toUtc, BLOCK_FORMAT])).map((row) => row.day));
  const missing = keys.filter((key) => !stored.has(key));
  const operators = await campaignOperators(db);
  const persons = new PersonDictionary();
  for (const [index, key] of missing.entries()) {
    if (hooks.cancelled()) throw new Error('annulé');
    await buildBlock(db, key, operators, persons);
    hooks.progress(index + 1, missing.length);
  }
  return { days: keys.length, built: missing.length };
}

/**
 * The journeys of a period (local days, inclusive) a block at a time, the same as `storeCampaignTrips` gives (order,
 * fields, journeys left out), without the facts: what simulations evaluate.
 *
 * A million journeys are read in a fraction of the time the engine takes to evaluate them: the fields campaigns
 * read are kept per UTC day of start in `campaign_trip_blocks` (typed columns, each text once, persons by id), built
 * from `trips` the first time a simulation needs them and deleted by triggers whenever a journey of that day is
 * inserted, changed or deleted. Each journey is decoded as it is iterated; the next block is read while this one is
 * evaluated; each person's text is read once per simulation.
 */
export async function* storeCampaignPages(db: SqlExecutor, range: CampaignTripRange): AsyncGenerator<Iterable<CampaignJourney>> {
  const operators = await campaignOperators(db);
  const excluded = await excludedTrips(db, range);
  const [fromUtc, toUtc] = utcRange(range);
  const keys = await blockKeys(db, fromUtc, toUtc);
  // Blocks hold whole UTC days, flagged journeys and confirmed fraud included: what the read leaves out is left here.
  // The starts of a ten-character key strictly between the period's first and last UTC days are all in the period.
  const kept = (id: number, ok: boolean): boolean => (ok || range.includeFlagged) && !excluded.has(id);
  const inPeriod = (id: number, ok: boolean, start: string): boolean => start >= fromUtc && start < toUtc && kept(id, ok);
  const inside = (key: string): boolean => key.length === 10 && key > fromUtc.slice(0, 10) && key < toUtc.slice(0, 10);
  const persons = new PersonDictionary();
  const stored = (key: string): Promise<Array<{ data: Buffer }>> =>
    db.all<{ data: Buffer }>('SELECT data FROM campaign_trip_blocks WHERE day = ? AND format = ?', [key, BLOCK_FORMAT]);
  let next = keys[0] === undefined ? null : stored(keys[0]);
  try {
    for (const [index, key] of keys.entries()) {
      const found = (await (next as Promise<Array<{ data: Buffer }>>))[0]?.data;
      next = null;
      if (found) await persons.learn(db, found);
      const data = found ?? (await buildBlock(db, key, operators, persons));
      const following = keys[index + 1];
      if (following !== undefined) next = stored(following);
      yield decodeBlock(data, operators, persons.texts, inside(key) ? kept : inPeriod);
    }
  } finally {
    // A consumer that stops early (a cancelled job) must not leave a read running on a closing connection.
    await next?.catch(() => undefined);
  }
}
