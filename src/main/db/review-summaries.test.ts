import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TripRow } from '../domain/trips/trip-row';
import type { AppServices } from '../services/app-services';
import { TempStore } from '../testing/temp-store';
import { LEVEL_COLUMNS } from './level-columns';
import { checkBit } from './repositories/review-sql';

/**
 * The review summaries (db/review-summaries.ts) equal what the current flags and the journeys give, recomputed
 * here, after a whole-store scan, a scoped scan, a rescan, and changes to flagged journeys.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const RANK: Record<string, number> = { info: 1, warning: 2, high: 3 };
const CODES = Object.values(LEVEL_COLUMNS).flat();
let store: TempStore;
let services: AppServices;

type Trip = TripRow & { id: number; status: string | null } & Record<string, unknown>;
type Row = Record<string, unknown>;

/** Check ids as a sorted list (the summaries keep them in no particular order), null when none. */
const sortedList = (ids: Iterable<string>): string | null => [...new Set(ids)].sort().join(',') || null;

/** A journey's columns the queue filters and sorts on, as the summaries copy them. */
function journeyColumns(trip: Trip): Row {
  const atRisk = [0, 1, 2].reduce((sum, i) => sum + Number(trip[`rpc_incentive_${i}_cents`] ?? 0) + Number(trip[`op_incentive_${i}_cents`] ?? 0), 0);
  return { at_risk: atRisk, operator_id: trip.operator_id, start_local: trip.start_local, status: trip.status, ...Object.fromEntries(CODES.map((column) => [column, trip[column]])) };
}

/** The person key of one side of a journey (identity key, else `u:<operator>:<user id>`). */
const personOf = (trip: Trip, side: 'driver' | 'passenger'): string | null => {
  const key = trip[`${side}_identity_key`] as string | null;
  const user = trip[`operator_${side}_id`] as string | null;
  return key ?? (trip.operator_id === null || user === null ? null : `u:${trip.operator_id}:${user}`);
};

/** Whether a flag only restates the registry's status: T11, or T09 for nothing but an incentive on a rejected journey. */
function restatesRegistry(check: string, evidence: string): boolean {
  const reasons = (JSON.parse(evidence) as { reasons?: unknown }).reasons;
  return check.startsWith('T11@') || (check.startsWith('T09@') && JSON.stringify(reasons) === '["incentive_on_rejected_status"]');
}

/** The mask columns of a subject from its rows per check (code bits, by kind and lowest rank), and its ranking in a queue nobody narrowed. */
function masks(rows: ReadonlyArray<{ check_id: string; registry: number; severity: number }>): Row {
  const out: Row = {};
  for (const [kind, registry] of [['own', 0], ['reg', 1]] as const) {
    for (const rank of [1, 2, 3]) {
      const codes = new Set(rows.filter((row) => row.registry === registry && row.severity >= rank).map((row) => row.check_id.slice(0, 3)));
      out[`${kind}_${rank}`] = [...codes].reduce((mask, code) => mask + 2 ** checkBit(code), 0);
      out[`${kind}_n${rank}`] = codes.size;
    }
  }
  const group = rows.some((row) => row.registry === 0) ? 0 : 1;
  const mine = rows.filter((row) => row.registry === group);
  return { ...out, grp: group, severity: Math.max(...mine.map((row) => row.severity)), check_count: new Set(mine.map((row) => row.check_id.slice(0, 3))).size };
}

/** Every summary table, recomputed from the current flags, the journeys and the operators. */
async function recomputed(): Promise<Record<string, Row[]>> {
  const sql = store.sql();
  const flags = (await sql('check_flags').where({ current: 1 }).select('id', 'check_id', 'severity', 'evidence_json')) as Array<{ id: number; check_id: string; severity: string; evidence_json: string }>;
  const byId = new Map(flags.map((flag) => [flag.id, { check: flag.check_id, rank: RANK[flag.severity] as number, registry: restatesRegistry(flag.check_id, flag.evidence_json) ? 1 : 0 }]));
  const links = (await sql('check_flag_journeys').select('flag_id', 'natural_key')) as Array<{ flag_id: number; natural_key: string }>;
  const named = (await sql('check_flag_persons').select('flag_id', 'person')) as Array<{ flag_id: number; person: string }>;
  const trips = new Map(((await sql('trips').select('*')) as Trip[]).map((trip) => [trip.natural_key, trip]));
  const operators = new Map(((await sql('operators').select('id', 'name')) as Array<{ id: number; name: string }>).map((o) => [o.id, o.name]));

  // Highest rank per (subject, check, kind), from the current flags linking or naming it.
  const perCheck = (pairs: Array<[string, number]>): Map<string, Map<string, { check_id: string; registry: number; severity: number }>> => {
    const out = new Map<string, Map<string, { check_id: string; registry: number; severity: number }>>();
    for (const [subject, flagId] of pairs) {
      const flag = byId.get(flagId);
      if (!flag) continue;
      const checks = out.get(subject) ?? new Map<string, { check_id: string; registry: number; severity: number }>();
      const key = `${flag.check}|${flag.registry}`;
      checks.set(key, { check_id: flag.check, registry: flag.registry, severity: Math.max(checks.get(key)?.severity ?? 0, flag.rank) });
      out.set(subject, checks);
    }
    return out;
  };

  const journeyChecks = perCheck(links.map((link) => [link.natural_key, link.flag_id]));
  const journeys: Row[] = [];
  const journeyCheckRows: Row[] = [];
  for (const [key, checks] of journeyChecks) {
    const trip = trips.get(key);
    if (!trip) continue;
    journeys.push({ trip_id: trip.id, natural_key: key, ...masks([...checks.values()]), ...journeyColumns(trip), driver: personOf(trip, 'driver'), passenger: personOf(trip, 'passenger') });
    for (const row of checks.values()) journeyCheckRows.push({ check_id: row.check_id, trip_id: trip.id, registry: row.registry, severity: row.severity });
  }

  const personChecks = perCheck(named.map((row) => [row.person, row.flag_id]));
  const linksByFlag = new Map<number, string[]>();
  for (const link of links) linksByFlag.set(link.flag_id, [...(linksByFlag.get(link.flag_id) ?? []), link.natural_key]);
  // Highest rank per (person, journey, check), from the person's flags linking a journey it drives or rides.
  const personJourneyChecks = new Map<string, number>();
  for (const { person, flag_id: flagId } of named) {
    const flag = byId.get(flagId);
    if (!flag) continue;
    for (const key of linksByFlag.get(flagId) ?? []) {
      const trip = trips.get(key);
      if (!trip || (personOf(trip, 'driver') !== person && personOf(trip, 'passenger') !== person)) continue;
      const triple = JSON.stringify([person, trip.id, flag.check]);
      personJourneyChecks.set(triple, Math.max(personJourneyChecks.get(triple) ?? 0, flag.rank));
    }
  }
  const personJourneyCheckRows = [...personJourneyChecks].map(([triple, rank]) => {
    const [person, tripId, check] = JSON.parse(triple) as [string, number, string];
    return { person, trip_id: tripId, check_id: check, severity: rank };
  });
  // The codes linking each (person, journey), from each rank up, as masks (sums of distinct bits: masks pass 32 bits).
  const codesLinking = new Map<string, { person: string; trip_id: number; codes: Array<Set<string>> }>();
  for (const row of personJourneyCheckRows) {
    const pair = JSON.stringify([row.person, row.trip_id]);
    const entry = codesLinking.get(pair) ?? { person: row.person, trip_id: row.trip_id, codes: [new Set<string>(), new Set<string>(), new Set<string>()] };
    entry.codes.forEach((codes, index) => (row.severity > index ? codes.add(row.check_id.slice(0, 3)) : undefined));
    codesLinking.set(pair, entry);
  }
  const tripsById = new Map([...trips.values()].map((trip) => [trip.id, trip]));
  const personJourneys = [...codesLinking.values()].map(({ person, trip_id: tripId, codes }): Row => ({
    person, trip_id: tripId, ...Object.fromEntries(codes.map((set, index) => [`codes_${index + 1}`, [...set].reduce((mask, code) => mask + 2 ** checkBit(code), 0)])),
    ...journeyColumns(tripsById.get(tripId) as Trip),
  }));
  const persons: Row[] = [];
  const personCheckRows: Row[] = [];
  for (const [person, checks] of personChecks) {
    const own = personJourneys.filter((row) => row.person === person);
    const names = own.map((row) => (row.operator_id === null ? null : operators.get(row.operator_id as number))).filter((name): name is string => name !== undefined && name !== null);
    persons.push({ person, ...masks([...checks.values()]), journeys: own.length, at_risk: own.reduce((sum, row) => sum + Number(row.at_risk), 0), operators: sortedList(names) });
    for (const row of checks.values()) personCheckRows.push({ check_id: row.check_id, person, registry: row.registry, severity: row.severity });
  }
  return {
    review_journeys: journeys, review_journey_checks: journeyCheckRows, review_persons: persons, review_person_checks: personCheckRows,
    review_person_journeys: personJourneys, review_person_journey_checks: personJourneyCheckRows,
  };
}

/** Every summary table as stored, operator lists sorted, rows in a set order. */
async function stored(): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of ['review_journeys', 'review_journey_checks', 'review_persons', 'review_person_checks', 'review_person_journeys', 'review_person_journey_checks']) {
    const rows = (await store.sql()(table).select('*')) as Row[];
    out[table] = rows.map((row) => ('operators' in row && row.operators !== null ? { ...row, operators: sortedList(String(row.operators).split(',')) } : row));
  }
  return out;
}

/** Rows of each table in the same order, for a comparison that names the differing row. */
function ordered(tables: Record<string, Row[]>): Record<string, Row[]> {
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))]));
}

async function scan(scope: Parameters<AppServices['checks']['scan']>[0] = {}): Promise<void> {
  const done = await services.runner.wait(await services.checks.scan(scope));
  expect(done?.status, done?.error ?? undefined).toBe('done');
}

async function expectSummariesRight(): Promise<void> {
  const dirty = (await store.sql()('review_summary_dirty').count({ n: '*' }).first()) as { n: number };
  expect(Number(dirty.n)).toBe(0);
  const expected = ordered(await recomputed());
  expect(expected.review_journeys!.length).toBeGreaterThan(0);
  expect(expected.review_person_journeys!.length).toBeGreaterThan(0);
  expect(ordered(await stored())).toEqual(expected);
}

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 5, patterns: 2 })))?.status).toBe('done');
}, 60_000);

afterAll(async () => {
  await store.cleanup();
});

describe('review summaries', () => {
  it('equal what the flags give after a whole-store scan, a scoped scan and a rescan', async () => {
    await scan();
    await expectSummariesRight();
    const [day] = (await store.sql()('check_flags').where({ current: 1 }).whereNotNull('first_day').orderBy('first_day').limit(1).select('first_day')) as Array<{ first_day: string }>;
    await scan({ from: day!.first_day, to: day!.first_day });
    await expectSummariesRight();
    await scan({ from: day!.first_day, to: '2026-09-30', territory: { level: 'dep', code: '44' } });
    await expectSummariesRight();
    await scan();
    await expectSummariesRight();
  });

  it('follow changes to flagged journeys (incentives, status, persons, deletion) when the queue is next read', async () => {
    const sql = store.sql();
    // Journeys with a flag of their own: the queue lists them by default, whatever their status becomes.
    const flagged = (await sql('review_journeys').where({ grp: 0 }).orderBy('trip_id').limit(3).select('trip_id')) as Array<{ trip_id: number }>;
    const [paid, unknown, removed] = flagged.map((row) => row.trip_id) as [number, number, number];
    await sql('trips').where({ id: paid }).update({ rpc_incentive_0_cents: 12_345, status: 'fraud_error' });
    await sql('trips').where({ id: unknown }).update({ driver_identity_key: null, operator_driver_id: 'autre-compte' });
    await sql('trips').where({ id: removed }).delete();
    expect(Number(((await sql('review_summary_dirty').count({ n: '*' }).first()) as { n: number }).n)).toBeGreaterThan(0);
    const page = await services.reviews.page({ kind: 'journeys', status: 'fraud_error', limit: 500 });
    expect(page.journeys.find((row) => row.atRiskCents >= 12_345)).toBeDefined();
    await expectSummariesRight();
  });
});
