import type { Knex } from 'knex';
import { AOM_SOURCE_RANK, type AomCommune, type AomSource } from '../../domain/geo/aom';
import { ADVISORY_LOCKS, lockKnexTransaction } from '../advisory-locks';

/** What `replaceFromSource` did: rows written for new communes, rows replaced, rows kept (higher authority). */
export type AomReplaceSummary = {
  inserted: number;
  replaced: number;
  kept: number;
};

/** One AOM name an extract gave for a commune, with the number of journeys it was seen on. */
export interface LearnedAomName {
  commune: string;
  aomName: string;
  seen: number;
}

/** Rows per INSERT: 5 bound values each, well under SQLite's 32,766 variables. */
const CHUNK = 500;

/** SQL rank of a source column, from AOM_SOURCE_RANK (unknown sources rank lowest). */
function rankSql(column: string): string {
  const cases = Object.entries(AOM_SOURCE_RANK).map(([source, rank]) => `WHEN '${source}' THEN ${rank}`);
  return `(CASE ${column} ${cases.join(' ')} ELSE -1 END)`;
}

/**
 * The AOM table (`aom_communes`: commune → AOM SIREN, name, source) and the AOM names learned from extracts
 * (`aom_names_learned`). Sources rank demo < learned < cerema (AOM_SOURCE_RANK).
 */
export class AomRepository {
  constructor(private readonly db: Knex) {}

  /**
   * Writes the rows of one source, in one transaction. A row replaces the stored row of its commune only when that
   * row comes from a source of equal or lower rank (a Cerema import replaces demo, learned and older Cerema rows;
   * a demo load never overwrites Cerema). Communes absent from `rows` are never deleted: a partial or older file
   * cannot erase what is known. Duplicate communes in `rows`: the last wins. `at` is an ISO UTC instant.
   */
  async replaceFromSource(source: AomSource, rows: readonly AomCommune[], at: string): Promise<AomReplaceSummary> {
    const unique = [...new Map(rows.map((row) => [row.commune, row])).values()];
    const rank = AOM_SOURCE_RANK[source];
    const summary: AomReplaceSummary = { inserted: 0, replaced: 0, kept: 0 };
    await this.db.transaction(async (trx) => {
      await lockKnexTransaction(trx, ADVISORY_LOCKS.aomReplace);
      for (let offset = 0; offset < unique.length; offset += CHUNK) {
        const chunk = unique.slice(offset, offset + CHUNK);
        const existing: Array<{ commune: string; source: string }> = await trx('aom_communes')
          .whereIn('commune', chunk.map((row) => row.commune))
          .select('commune', 'source');
        const sourceOf = new Map(existing.map((row) => [row.commune, row.source]));
        for (const row of chunk) {
          const stored = sourceOf.get(row.commune);
          if (stored === undefined) summary.inserted += 1;
          else if ((AOM_SOURCE_RANK[stored as AomSource] ?? -1) <= rank) summary.replaced += 1;
          else summary.kept += 1;
        }
        // The WHERE of DO UPDATE protects rows of a higher-ranked source (SQLite upsert, 3.24+).
        await trx.raw(
          `INSERT INTO aom_communes (commune, aom, aom_name, source, updated_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT (commune) DO UPDATE SET aom = excluded.aom, aom_name = excluded.aom_name, source = excluded.source,
             updated_at = excluded.updated_at
           WHERE ${rankSql('aom_communes.source')} <= ${rankSql('excluded.source')}`,
          chunk.flatMap((row) => [row.commune, row.aom, row.aomName, source, at]),
        );
      }
    });
    return summary;
  }

  /** Commune INSEE code → AOM SIREN, for every commune the table knows (what `withAom` takes). */
  async loadMap(): Promise<Map<string, string>> {
    const rows: Array<{ commune: string; aom: string }> = await this.db('aom_communes').select('commune', 'aom');
    return new Map(rows.map((row) => [row.commune, row.aom]));
  }

  /**
   * AOM SIREN → name. When sources spell a name differently the highest-ranked source wins (Cerema over demo),
   * then the most frequent spelling.
   */
  async loadNames(): Promise<Map<string, string>> {
    const rows: Array<{ aom: string; aom_name: string }> = await this.db('aom_communes')
      .whereNotNull('aom_name')
      .whereNot('aom_name', '')
      .select('aom', 'aom_name', this.db.raw('COUNT(*) AS n'), this.db.raw(`MAX(${rankSql('source')}) AS source_rank`))
      .groupBy('aom', 'aom_name')
      .orderBy([
        { column: 'source_rank', order: 'asc' },
        { column: 'n', order: 'asc' },
        { column: 'aom_name', order: 'desc' },
      ]);
    // Ascending order: the best spelling of each AOM comes last and overwrites the others.
    return new Map(rows.map((row) => [row.aom, row.aom_name]));
  }

  /**
   * Adds occurrences of AOM names seen in extracts (journeys per commune and name): `seen` accumulates across
   * imports. Names are trimmed; empty names and non-positive counts are ignored.
   */
  async learnNames(counts: readonly LearnedAomName[]): Promise<void> {
    const merged = new Map<string, LearnedAomName>();
    for (const count of counts) {
      const aomName = count.aomName.trim();
      if (aomName === '' || !(count.seen > 0)) continue;
      const key = `${count.commune}\u0000${aomName}`;
      const previous = merged.get(key);
      merged.set(key, { commune: count.commune, aomName, seen: (previous?.seen ?? 0) + Math.round(count.seen) });
    }
    const rows = [...merged.values()];
    await this.db.transaction(async (trx) => {
      for (let offset = 0; offset < rows.length; offset += CHUNK) {
        await trx('aom_names_learned')
          .insert(rows.slice(offset, offset + CHUNK).map((row) => ({ commune: row.commune, aom_name: row.aomName, seen: row.seen })))
          .onConflict(['commune', 'aom_name'])
          .merge({ seen: trx.raw('aom_names_learned.seen + excluded.seen') });
      }
    });
  }

  /** Names learned for one commune, most seen first (ties by name). */
  async learnedNames(commune: string): Promise<LearnedAomName[]> {
    const rows: Array<{ commune: string; aom_name: string; seen: number }> = await this.db('aom_names_learned')
      .where({ commune })
      .orderBy([
        { column: 'seen', order: 'desc' },
        { column: 'aom_name', order: 'asc' },
      ]);
    return rows.map((row) => ({ commune: row.commune, aomName: row.aom_name, seen: Number(row.seen) }));
  }

  /** Rows of the AOM table, of one source or of all. */
  async count(source?: AomSource): Promise<number> {
    const query = this.db('aom_communes');
    if (source !== undefined) query.where({ source });
    const row = (await query.count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Rows of the AOM table per source (`demo`, `learned`, `cerema`) and the latest update of each. */
  async summary(): Promise<Array<{ source: AomSource; communes: number; aoms: number; updatedAt: string | null }>> {
    const rows: Array<{ source: AomSource; communes: number; aoms: number; updated_at: string | null }> = await this.db('aom_communes')
      .select('source', this.db.raw('COUNT(*) AS communes'), this.db.raw('COUNT(DISTINCT aom) AS aoms'), this.db.raw('MAX(updated_at) AS updated_at'))
      .groupBy('source')
      .orderBy('source');
    return rows.map((row) => ({ source: row.source, communes: Number(row.communes), aoms: Number(row.aoms), updatedAt: row.updated_at }));
  }

  /**
   * Brings the AOM of stored journeys in line with the table (after a Cerema import): each end whose commune has a
   * row gets that row's AOM; ends of communes the table does not know keep theirs. Answers the journeys changed.
   */
  async reapplyToTrips(): Promise<number> {
    let changed = 0;
    await this.db.transaction(async (trx) => {
      for (const end of ['start', 'end'] as const) {
        const lookup = `(SELECT a.aom FROM aom_communes a WHERE a.commune = trips.${end}_com)`;
        changed += Number(
          await trx('trips')
            .whereNotNull(`${end}_com`)
            .whereRaw(`EXISTS ${lookup.replace('a.aom', '1')}`)
            .whereRaw(`${end}_aom IS DISTINCT FROM ${lookup}`)
            .update({ [`${end}_aom`]: trx.raw(lookup) }),
        );
      }
    });
    return changed;
  }
}
