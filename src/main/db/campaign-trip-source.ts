import type { CampaignTrip, TripPlace } from '../domain/campaigns';
import type { SimulatedJourney } from '../domain/campaigns/simulation-summary';
import { parisLocalToUtc } from '../domain/time/paris-time';
import type { BlockJourney, CampaignJourney, CampaignOperator } from './campaign-block-codec';
import { countExcluded } from './review-exclusions';
import { startRead, type SqlExecutor, type StartedRead } from './sql-executor';
import type { SqlEngine } from './store-address';

/** Journeys per page of `storeCampaignTrips`: about 4 MB of text. */
const PAGE_ROWS = 10_000;

/**
 * Field separators, tried in turn: a page whose texts contain the separator (an operator's id with a control
 * character…) parses to too many fields and is read again with the next one.
 */
const SEPARATORS = ['\u001f', '\u001e', '\u001d', '\u001c'] as const;

/** The columns of a trip end, in the order of `TripPlace`'s levels (com, arr, epci, aom, dep, reg, country). */
const placeColumns = (end: 'start' | 'end'): string[] => ['com', 'insee', 'epci', 'aom', 'dep', 'reg', 'country'].map((column) => `t.${end}_${column}`);

/**
 * A side's person for the limits: its identity key, else the operator's user id (as the registry does). PostgreSQL
 * has no `ifnull`: its `coalesce` gives the same text.
 */
const personColumn = (side: 'driver' | 'passenger', engine: SqlEngine): string => {
  const ifNull = engine === 'postgres' ? 'coalesce' : 'ifnull';
  return `${ifNull}(t.${side}_identity_key, 'op' || ${ifNull}(t.operator_id, 0) || ':' || ${ifNull}(t.operator_${side}_id, ''))`;
};

/** Journeys the registry left ok (no status, or `ok`): the others are flagged (fraud, anomaly, pending). */
export const REGISTRY_OK_SQL = "(t.status = 'ok' OR t.status IS NULL)";
/** The negation of `REGISTRY_OK_SQL`, written as the partial index `trips_flagged_start_at` is (so SQLite uses it). */
const FLAGGED_SQL = "t.status IS NOT NULL AND t.status <> 'ok'";

/**
 * `REGISTRY_OK_SQL` as the integer 1 or 0: a condition is one already on SQLite, a boolean on PostgreSQL (which a
 * page's text would spell `true`/`false`, and rows would give as booleans).
 */
export function registryOkFlag(engine: SqlEngine): string {
  return engine === 'postgres' ? `CASE WHEN ${REGISTRY_OK_SQL} THEN 1 ELSE 0 END` : REGISTRY_OK_SQL;
}

/** What the engine and the simulation summary read of a journey, in the order of a page's fields (`JOURNEY_FIELDS`). */
const journeyFields = (engine: SqlEngine): string[] => [
  't.id', registryOkFlag(engine), 't.start_at', 'substr(t.start_local, 1, 10)', 't.operator_id', 't.distance_m', 't.seats', 't.operator_class',
  't.driver_revenue_cents', 't.passenger_contribution_cents', 't.start_lat', 't.start_lon', 't.end_lat', 't.end_lon',
  ...placeColumns('start'), ...placeColumns('end'), 't.operator_journey_id', 't.operator_trip_id', personColumn('driver', engine), personColumn('passenger', engine),
];
/** `journeyFields` per engine, written once. */
const JOURNEY_FIELDS: Readonly<Record<SqlEngine, readonly string[]>> = { sqlite: journeyFields('sqlite'), postgres: journeyFields('postgres') };

/** What an APDF workbook or an explanation prints besides, read after the journey's fields when asked. */
const FACT_FIELDS = ['t.journey_id', 't.end_at', 't.duration_s', 't.operator_driver_id', 't.operator_passenger_id'];

/** Exact powers of ten: a decimal of at most 15 digits divided by one is the double `Number` would read. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);

/** Which journeys a campaign reads: a period of local days (inclusive), with or without flagged and confirmed ones. */
export interface CampaignTripRange {
  from: string;
  to: string;
  /** Keep journeys the registry flagged (fraud_error, anomaly_error, pending). */
  includeFlagged: boolean;
  /** Keep journeys an investigator confirmed as fraud (absent: left out). */
  includeConfirmedFraud?: boolean;
}

/** A stored journey with what an APDF workbook prints besides the trip (registry id, end, duration, operators' user ids). */
export interface StoreCampaignTrip extends CampaignJourney {
  facts: {
    journeyId: string;
    endAt: string | null;
    durationS: number | null;
    operatorName: string;
    operatorDriverId: string | null;
    operatorPassengerId: string | null;
  };
}

/**
 * UTC bounds `[from, to)` of local days: the journeys are read in `start_at` order through its index, so the period
 * is filtered on `start_at` too (a filter on `start_local` would make SQLite sort the whole period).
 */
export function utcRange(range: { from: string; to: string }): [string, string] {
  const [fy, fm, fd] = range.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = range.to.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(ty, tm - 1, td + 1));
  return [parisLocalToUtc(fy, fm, fd, 0, 0), parisLocalToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0)];
}

/** Operators by id: few, looked up when journeys are mapped rather than joined on every row. */
export async function campaignOperators(db: SqlExecutor): Promise<Map<number, CampaignOperator>> {
  return new Map((await db.all<CampaignOperator & { id: number }>('SELECT id, name, registry_uuid FROM operators')).map((row) => [row.id, row]));
}

/**
 * A copy of a text cut from a page that does not keep the page alive: V8 keeps a slice's whole parent string, and
 * the persons and trip ends met are kept for the whole run (counters, summary).
 */
export const detached = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/**
 * Reads a page's fields one after the other. SQL NULL and the empty text both come as an empty field and are read
 * as null: the store keeps blank extract cells as NULL, never as empty texts.
 */
class PageCursor {
  at = 0;
  private readonly separatorCode: number;

  constructor(
    private readonly page: string,
    private readonly separator: string,
  ) {
    this.separatorCode = separator.charCodeAt(0);
  }

  /** Index of the separator ending the field that starts at `from` (the page's length for the last field). */
  private endOf(from: number): number {
    const end = this.page.indexOf(this.separator, from);
    return end < 0 ? this.page.length : end;
  }

  /** True when every field was read: a text holding the separator leaves fields over. */
  get complete(): boolean {
    return this.at === this.page.length + 1;
  }

  /**
   * The next field as a number. Plain decimals of at most 15 digits are read without cutting a string (the quotient
   * of two exact doubles is correctly rounded, as `Number` is); anything else goes through `Number`.
   */
  number(): number | null {
    const page = this.page;
    const start = this.at;
    let index = start;
    let code = page.charCodeAt(index);
    const negative = code === 45;
    if (negative) code = page.charCodeAt((index += 1));
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (;;) {
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + code - 48;
        digits += 1;
        if (decimals >= 0) decimals += 1;
      } else if (code === 46 && decimals < 0) decimals = 0;
      else break;
      code = page.charCodeAt((index += 1));
    }
    if ((code === this.separatorCode || index === page.length) && digits > 0 && digits <= 15 && decimals !== 0) {
      this.at = index + 1;
      const value = decimals > 0 ? mantissa / (POWERS_OF_TEN[decimals] as number) : mantissa;
      return negative ? -value : value;
    }
    const end = this.endOf(start);
    this.at = end + 1;
    return end === start ? null : Number(page.slice(start, end));
  }

  /** The next field as text (a slice of the page: for values that do not outlive the journey). */
  text(): string | null {
    const start = this.at;
    const end = this.endOf(start);
    this.at = end + 1;
    return end === start ? null : this.page.slice(start, end);
  }

  /** The next field through `known` (texts met again and again: persons), one detached copy per distinct text. */
  shared(known: Map<string, string>): string {
    const text = this.text() ?? '';
    let found = known.get(text);
    if (found === undefined) {
      found = detached(text);
      known.set(found, found);
    }
    return found;
  }

  /** The next seven fields as a trip end's codes, one object per distinct set of codes. */
  place(known: Map<string, TripPlace>): TripPlace {
    const start = this.at;
    let end = start - 1;
    for (let field = 0; field < 7; field += 1) end = this.endOf(end + 1);
    const key = this.page.slice(start, end);
    this.at = end + 1;
    let found = known.get(key);
    if (found === undefined) {
      const [com, arr, epci, aom, dep, reg, country] = key.split(this.separator).map((code) => (code === '' ? null : detached(code)));
      found = { com, arr, epci, aom, dep, reg, country } as TripPlace;
      known.set(detached(key), found);
    }
    return found;
  }
}

/** What stays the same over a read: operators, persons and trip ends met. */
interface ReadState {
  operators: ReadonlyMap<number, CampaignOperator>;
  /** One detached text per person; null when the journeys are encoded at once (a block numbers its persons). */
  persons: Map<string, string> | null;
  /** By separator: a trip end is known by the text of its seven fields, separators included. */
  places: Map<string, Map<string, TripPlace>>;
}

type FactsOf<WithFacts extends boolean> = WithFacts extends true ? { facts: StoreCampaignTrip['facts'] } : unknown;
type Decoded<WithFacts extends boolean> = BlockJourney & FactsOf<WithFacts>;

/**
 * The journeys of one page's text, or null when it does not parse to `rows` journeys (a text holding the
 * separator). Throws if SQLite gave them out of order (`group_concat` does not promise to keep it; PostgreSQL's
 * `string_agg` is told the order).
 */
function decodePage<WithFacts extends boolean>(page: string, rows: number, separator: string, withFacts: WithFacts, state: ReadState): Array<Decoded<WithFacts>> | null {
  const cursor = new PageCursor(page, separator);
  let places = state.places.get(separator);
  if (!places) state.places.set(separator, (places = new Map()));
  const journeys: Array<Decoded<WithFacts>> = [];
  let lastStart = '';
  let lastId = -1;
  let ordered = true;
  for (let row = 0; row < rows; row += 1) {
    const id = cursor.number() ?? 0;
    const ok = cursor.number() === 1;
    const datetime = cursor.text() ?? '';
    if (datetime < lastStart || (datetime === lastStart && id <= lastId)) ordered = false;
    lastStart = datetime;
    lastId = id;
    const day = cursor.text() ?? '';
    const operatorId = cursor.number();
    const operator = operatorId === null ? undefined : state.operators.get(operatorId);
    const distance = cursor.number() ?? 0;
    const seats = cursor.number() ?? 1;
    const operatorClass = cursor.text();
    const trip: CampaignTrip = {
      datetime,
      distance,
      seats,
      operator_class: operatorClass as CampaignTrip['operator_class'],
      operator_uuid: operator?.registry_uuid ?? null,
      operator_id: operatorId,
      operator_journey_id: null,
      operator_trip_id: null,
      driver_identity_key: '',
      passenger_identity_key: '',
      // Extracts do not say the passenger's age: unknown, which adult-only campaigns accept.
      passenger_is_over_18: null,
      driver_revenue: cursor.number(),
      passenger_contribution: cursor.number(),
      start_lat: cursor.number(),
      start_lon: cursor.number(),
      end_lat: cursor.number(),
      end_lon: cursor.number(),
      start: cursor.place(places),
      end: cursor.place(places),
    };
    trip.operator_journey_id = cursor.text();
    trip.operator_trip_id = cursor.text();
    trip.driver_identity_key = state.persons ? cursor.shared(state.persons) : (cursor.text() ?? '');
    trip.passenger_identity_key = state.persons ? cursor.shared(state.persons) : (cursor.text() ?? '');
    const journey: SimulatedJourney = { day, operator: operator?.name ?? 'Opérateur inconnu', operatorClass: operatorClass ?? '?', distanceM: distance, driver: trip.driver_identity_key };
    const decoded: BlockJourney = { id, ok, trip, journey };
    if (withFacts) {
      const facts = { journeyId: cursor.text() ?? '', endAt: cursor.text(), durationS: cursor.number(), operatorName: operator?.name ?? '', operatorDriverId: cursor.text(), operatorPassengerId: cursor.text() };
      journeys.push({ ...decoded, facts } as Decoded<WithFacts>);
    } else journeys.push(decoded as Decoded<WithFacts>);
  }
  // A page that did not parse is read again (its order is that of misread fields); one that did must be in order.
  if (!cursor.complete) return null;
  if (!ordered) throw new Error('SQLite a rendu les trajets d’une page dans le désordre.');
  return journeys;
}

/**
 * SQL of one page's text: the count of journeys matching `where` and their fields, joined by the separator bound
 * first and again between every two fields. PostgreSQL's `string_agg` is given the order (a subquery's order does
 * not bind it) and its separators a type (`concat` takes any).
 */
function pageSql(engine: SqlEngine, fields: readonly string[], where: string, limit: number | null): string {
  const order = 'ORDER BY t.start_at, t.id';
  const limited = limit === null ? '' : ` LIMIT ${limit}`;
  if (engine === 'postgres') {
    return `SELECT count(*) AS n, string_agg(p.r, CAST(? AS TEXT) ORDER BY p.start_at, p.id) AS page FROM (
         SELECT concat(${fields.join(', CAST(? AS TEXT), ')}) AS r, t.start_at, t.id FROM committed_trips t WHERE ${where} ${order}${limited}) p`;
  }
  return `SELECT count(*) AS n, group_concat(r, ?) AS page FROM (
         SELECT concat(${fields.join(', ?, ')}) AS r FROM committed_trips t WHERE ${where} ${order}${limited})`;
}

/**
 * The journeys matching `where` (SQL on `trips t` with its bindings), in chronological order (UTC start, then row
 * id: the registry's processing order), at most `limit`. One row of text per call (`group_concat` of the fields:
 * node-sqlite3 builds one value rather than an object per journey), parsed without a string per field. `started`
 * is the first read's (`SqlExecutor.all`).
 */
async function readJourneys<WithFacts extends boolean>(
  db: SqlExecutor,
  where: string,
  bindings: readonly unknown[],
  limit: number | null,
  withFacts: WithFacts,
  state: ReadState,
  started?: () => void,
): Promise<Array<Decoded<WithFacts>>> {
  const fields = withFacts ? [...JOURNEY_FIELDS[db.engine], ...FACT_FIELDS] : JOURNEY_FIELDS[db.engine];
  const sql = pageSql(db.engine, fields, where, limit);
  for (const [attempt, separator] of SEPARATORS.entries()) {
    const [row] = await db.all<{ n: number; page: string | null }>(sql, [separator, ...fields.slice(1).map(() => separator), ...bindings], attempt === 0 ? started : undefined);
    if (!row?.page) return [];
    const journeys = decodePage(row.page, row.n, separator, withFacts, state);
    if (journeys) return journeys;
  }
  throw new Error('Trajets illisibles : leurs textes contiennent tous les séparateurs de contrôle.');
}

/**
 * Every journey whose UTC start begins with `key` (its first ten characters: a UTC day), in chronological order,
 * flagged or not, with its row id: what a campaign block keeps (`campaign-trip-blocks.ts`). Texts are cut from the
 * read's text: the journeys are to be encoded at once, not kept.
 */
export function dayJourneys(db: SqlExecutor, key: string, operators: ReadonlyMap<number, CampaignOperator>): Promise<BlockJourney[]> {
  // The index seeks the day's first journey; the prefix test keeps exactly the day's (short or odd texts included).
  const state: ReadState = { operators, persons: null, places: new Map() };
  return readJourneys(db, 't.start_at >= ? AND t.start_at < ? AND substr(t.start_at, 1, 10) = ?', [key, `${key}\u{10ffff}`, key], null, false, state);
}

/**
 * The journeys of a period (local days, inclusive) one by one, in chronological order, with the facts APDF
 * workbooks and explanations print. Journeys the registry flagged (fraud, anomaly) are left out unless
 * `includeFlagged`, as the registry leaves them out of campaigns; so are the journeys an investigator confirmed as
 * fraud unless `includeConfirmedFraud`. Identity falls back to the operator's user id when the extract carries no
 * identity key. Simulations read the same journeys from blocks (`storeCampaignPages`).
 */
export async function* storeCampaignTrips(db: SqlExecutor, range: CampaignTripRange): AsyncGenerator<StoreCampaignTrip> {
  const state: ReadState = { operators: await campaignOperators(db), persons: new Map(), places: new Map() };
  const excluded = await excludedTrips(db, range);
  const [fromUtc, toUtc] = utcRange(range);
  const status = range.includeFlagged ? '' : ` AND ${REGISTRY_OK_SQL}`;
  // One lower bound on `start_at`, the last page's: given two, SQLite seeks the index at the first (the period's
  // start) and walks every journey read before for each page. Ties on the start are broken by row id, as the index
  // orders them.
  const read = (after: [string, number] | null): StartedRead<Array<Decoded<true>>> =>
    startRead((started) =>
      readJourneys(db, `t.start_at >= ? AND t.start_at < ?${status}${after ? ' AND (t.start_at > ? OR t.id > ?)' : ''}`, [after?.[0] ?? fromUtc, toUtc, ...(after ?? [])], PAGE_ROWS, true, state, started),
    );
  let next: ReturnType<typeof read> | null = read(null);
  try {
    while (next) {
      const page: Array<Decoded<true>> = await next.result;
      const last = page.at(-1);
      // The next page is read by SQLite (in its own thread) while this one is evaluated.
      next = last && page.length === PAGE_ROWS ? read([String(last.trip.datetime), last.id]) : null;
      if (next) await next.started;
      for (const { id, trip, journey, facts } of page) if (!excluded.has(id)) yield { trip, journey, facts };
    }
  } finally {
    // A consumer that stops early (one journey explained) must not leave a read running on a closing connection.
    await next?.result.catch(() => undefined);
  }
}

/** Row ids of the journeys confirmed fraud leaves out (none when `includeConfirmedFraud`): read once per run. */
export async function excludedTrips(db: SqlExecutor, range: CampaignTripRange): Promise<Set<number>> {
  if (range.includeConfirmedFraud) return new Set();
  return new Set((await db.all<{ trip_id: number }>('SELECT trip_id FROM excluded_trips')).map((row) => row.trip_id));
}

/**
 * Journeys of the period that `storeCampaignPages` gives (for progress totals), and those confirmed fraud leaves
 * out of them (0 when included). Counted on indexes: `start_at`'s, and the partial index of flagged journeys.
 */
export async function countStoreCampaignTrips(db: SqlExecutor, range: CampaignTripRange): Promise<{ journeys: number; excluded: number }> {
  const bounds = utcRange(range);
  const count = async (where: string): Promise<number> =>
    (await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM committed_trips t WHERE t.start_at >= ? AND t.start_at < ?${where}`, bounds))[0]?.n ?? 0;
  const flagged = range.includeFlagged ? 0 : await count(` AND ${FLAGGED_SQL}`);
  const excluded = await countExcluded(db, `t.start_at >= ? AND t.start_at < ?${range.includeFlagged ? '' : ` AND ${REGISTRY_OK_SQL}`}`, bounds, range.includeConfirmedFraud);
  return { journeys: (await count('')) - flagged - excluded, excluded };
}
