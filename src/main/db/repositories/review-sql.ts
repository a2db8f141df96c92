import { personSql } from '../person-sql';
import { jsonArrayLength, jsonText } from '../sql-dialect';
import type { SqlEngine } from '../store-address';

/** Registry + operator-declared incentives of a journey of `trips` aliased `t`, in cents (what a fraud would cost). */
export const AT_RISK_SQL = [0, 1, 2].flatMap((i) => [`COALESCE(t.rpc_incentive_${i}_cents, 0)`, `COALESCE(t.op_incentive_${i}_cents, 0)`]).join(' + ');

/**
 * The distinct names of the operators aliased `o` of a group, comma separated, in no particular order (readers sort
 * them).
 */
export const OPERATOR_NAMES_SQL = (engine: SqlEngine): string => (engine === 'postgres' ? "string_agg(DISTINCT o.name, ',')" : 'group_concat(DISTINCT o.name)');

/** Severity as a number, so that « lowest severity » filters and « highest severity » aggregates are comparisons. */
export const SEVERITY_RANK_SQL = (column: string): string => `CASE ${column} WHEN 'high' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END`;
export const SEVERITY_RANK = { info: 1, warning: 2, high: 3 } as const;
export const SEVERITY_OF_RANK = ['info', 'info', 'warning', 'high'] as const;
/** A severity rank: 1 info, 2 warning, 3 high. */
export type SeverityRank = 1 | 2 | 3;

/**
 * Whether a flag of `check_flags` aliased `alias` only restates the registry's own status (docs/review.md, « File
 * de revue »), 1 or 0: every T11 flag (the published status itself), and a T09 flag whose only reason is an incentive
 * paid on a journey the registry rejected (`incentive_on_rejected_status`: its status again, with money). The queue
 * keeps subjects whose flags are all of this kind in a group of their own, so that they do not bury the others.
 * On PostgreSQL, whose booleans are not integers (the summaries store it in an integer column), a CASE gives it, which
 * also reads the evidence's JSON of T09 flags only (ANDs may run in any order there).
 */
export const RESTATES_REGISTRY_SQL = (alias: string, engine: SqlEngine): string => {
  const t09 = `${alias}.check_id >= 'T09@' AND ${alias}.check_id < 'T09A'`;
  const onlyRejected = (evidence: string): string =>
    `${jsonArrayLength(engine, evidence, ['reasons'])} = 1
       AND ${jsonText(engine, evidence, ['reasons', '0'])} = 'incentive_on_rejected_status'`;
  if (engine === 'postgres') {
    return `CASE WHEN ${alias}.check_id >= 'T11@' AND ${alias}.check_id < 'T11A' THEN 1
      WHEN ${t09} THEN CASE WHEN ${onlyRejected(`${alias}.evidence_json`)} THEN 1 ELSE 0 END ELSE 0 END`;
  }
  return `(${alias}.check_id >= 'T11@' AND ${alias}.check_id < 'T11A'
    OR ${t09} AND ${onlyRejected(`${alias}.evidence_json`)})`;
};

/**
 * First bit of each check family in a mask of check codes, 13 codes each (T01 is bit 0, H01 bit 13, G01 bit 26,
 * D01 bit 39); a code outside them shares `OTHER_BIT`. Masks stay below 2^53: exact as JavaScript numbers too.
 */
const FAMILY_BITS: Readonly<Record<string, number>> = { T: 0, H: 13, G: 26, D: 39 };
const CODES_PER_FAMILY = 13;
const OTHER_BIT = 52;

/**
 * The bit of a check code (`T04`, or a versioned id `T04@1`) in the summaries' masks of check codes. Versions of a
 * code share its bit: the queue counts and hides checks, not versions. Stored in the summaries: changing this
 * numbering means summarising every flag again.
 */
export function checkBit(checkId: string): number {
  const first = FAMILY_BITS[checkId.charAt(0)];
  const number = Number(checkId.slice(1, 3));
  return first !== undefined && Number.isInteger(number) && number >= 1 && number <= CODES_PER_FAMILY ? first + number - 1 : OTHER_BIT;
}

/** The bits of some check codes (`checkBit`), and their union as a mask: the codes a view hides. */
export function hiddenBits(codes: readonly string[]): { bits: number[]; mask: number } {
  const bits = [...new Set(codes.map(checkBit))];
  return { bits, mask: bits.reduce((mask, bit) => mask + 2 ** bit, 0) };
}

/**
 * `checkBit` in SQL, on a column of check ids, as a mask of that one bit. PostgreSQL shifts 32-bit integers unless
 * told (masks use bits up to 52), and fails to cast a code that is not a number (SQLite reads 0).
 */
export const CHECK_BIT_SQL = (column: string, engine: SqlEngine): string => {
  const digits = `substr(${column}, 2, 2)`;
  const number = engine === 'postgres' ? `CASE WHEN ${digits} ~ '^[0-9]+$' THEN CAST(${digits} AS INTEGER) END` : `CAST(${digits} AS INTEGER)`;
  return `(${engine === 'postgres' ? 'CAST(1 AS BIGINT)' : '1'} << CASE WHEN ${number} BETWEEN 1 AND ${CODES_PER_FAMILY}
      AND substr(${column}, 1, 1) IN (${Object.keys(FAMILY_BITS).map((family) => `'${family}'`).join(', ')})
    THEN ${Object.entries(FAMILY_BITS).reduce((sql, [family, bit]) => `${sql} WHEN '${family}' THEN ${bit}`, `CASE substr(${column}, 1, 1)`)} END + ${number} - 1
    ELSE ${OTHER_BIT} END)`;
};

/**
 * How the queue looks at summarised subjects: the lowest severity rank shown, and the check codes hidden from it (a
 * view setting of the investigator, their flags neither shown nor counted). A subject is in group 0 when it has a
 * shown flag of its own, in group 1 when its shown flags all restate the registry's status, in group 2 when every
 * flag it would show is of a hidden check.
 */
export interface QueueView {
  rank: SeverityRank;
  /** Check codes hidden (`T10`). */
  hidden: readonly string[];
}

/** The view of the queue nobody has narrowed: every severity, nothing hidden (what the summaries rank ahead). */
export const DEFAULT_VIEW: QueueView = { rank: 1, hidden: [] };

/**
 * SQL of a subject's group, severity rank and number of distinct checks under `view`, from the mask columns of a
 * summary aliased `alias` (`own_1`…: codes with a flag of their own of at least that rank, `reg_1`…: codes with a
 * flag restating the registry; `own_n1`…, `reg_n1`…: how many). `shown`: whether the subject has any flag of that
 * rank at all, hidden or not; `inOwn`, `inRegistry`: whether it is in group 0, 1 (cheaper than testing `group`,
 * which SQLite would evaluate again at each use).
 */
export function viewSql(alias: string, view: QueueView): { shown: string; group: string; severity: string; count: string; inOwn: string; inRegistry: string } {
  const { bits, mask: hiddenMask } = hiddenBits(view.hidden);
  const kept = (column: string): string => (hiddenMask ? `(${alias}.${column} & ~${hiddenMask})` : `${alias}.${column}`);
  const ranks = ([3, 2, 1] as const).filter((rank) => rank >= view.rank);
  const severity = (kind: 'own' | 'reg'): string =>
    ranks.length === 1 ? String(view.rank) : `CASE ${ranks.slice(0, -1).map((rank) => `WHEN ${kept(`${kind}_${rank}`)} <> 0 THEN ${rank}`).join(' ')} ELSE ${view.rank} END`;
  // The codes counted, less the hidden ones among them: one bit test per hidden code.
  const count = (kind: 'own' | 'reg'): string => [`${alias}.${kind}_n${view.rank}`, ...bits.map((bit) => `((${alias}.${kind}_${view.rank} >> ${bit}) & 1)`)].join(' - ');
  const own = `${kept(`own_${view.rank}`)} <> 0`;
  return {
    inOwn: `(${own})`,
    inRegistry: `(${kept(`own_${view.rank}`)} = 0 AND ${kept(`reg_${view.rank}`)} <> 0)`,
    shown: `(${alias}.own_${view.rank} | ${alias}.reg_${view.rank}) <> 0`,
    group: `CASE WHEN ${own} THEN 0 WHEN ${kept(`reg_${view.rank}`)} <> 0 THEN 1 ELSE 2 END`,
    severity: `CASE WHEN ${own} THEN ${severity('own')} ELSE ${severity('reg')} END`,
    count: `CASE WHEN ${own} THEN ${count('own')} ELSE ${count('reg')} END`,
  };
}

/**
 * Id of the standing decision of a journey (docs/checks.md, « Instruction »), given SQL for its natural key and
 * its driver's and passenger's person keys: its own latest decision; else a confirmed fraud on its driver or
 * passenger; else its persons' latest decision.
 */
export function standingDecisionSql(naturalKey: string, driver: string, passenger: string): string {
  return `COALESCE(
  (SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = ${naturalKey}),
  (SELECT MAX(c.id) FROM review_current c WHERE c.subject_kind = 'person' AND c.decision = 'confirmed' AND c.subject_key IN (${driver}, ${passenger})),
  (SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'person' AND d.subject_key IN (${driver}, ${passenger})))`;
}

/** Id of the standing decision of a journey of `trips` aliased `t` (`standingDecisionSql`). */
export const tripStandingDecisionSql = (engine: SqlEngine): string => standingDecisionSql('t.natural_key', personSql('driver', engine), personSql('passenger', engine));

/**
 * Columns of a journey's facts (`ReviewJourney`), read from `trips` aliased `t` and `operators` aliased `o`;
 * `excluded` is 1 or 0 on both engines.
 */
export const journeyFactsSql = (engine: SqlEngine): string => `t.natural_key, t.journey_id, o.name AS operator_name, t.operator_trip_id, t.start_local, t.end_local,
  t.duration_s, t.distance_m, t.seats, t.status, t.start_insee, t.end_insee, t.start_lat, t.start_lon, t.end_lat, t.end_lon,
  ${personSql('driver', engine)} AS driver, ${personSql('passenger', engine)} AS passenger,
  ${[0, 1, 2].map((i) => `COALESCE(t.rpc_incentive_${i}_cents, 0)`).join(' + ')} AS rpc_cents,
  ${[0, 1, 2].map((i) => `COALESCE(t.op_incentive_${i}_cents, 0)`).join(' + ')} AS op_cents,
  CASE WHEN t.id IN (SELECT trip_id FROM excluded_trips) THEN 1 ELSE 0 END AS excluded`;

/** A row of `journeyFactsSql`. */
export interface JourneyFactsRow {
  natural_key: string;
  journey_id: string | null;
  operator_name: string | null;
  operator_trip_id: string | null;
  start_local: string;
  end_local: string | null;
  duration_s: number | null;
  distance_m: number | null;
  seats: number | null;
  status: string | null;
  start_insee: string | null;
  end_insee: string | null;
  start_lat: number | null;
  start_lon: number | null;
  end_lat: number | null;
  end_lon: number | null;
  driver: string | null;
  passenger: string | null;
  rpc_cents: number;
  op_cents: number;
  excluded: number;
}
