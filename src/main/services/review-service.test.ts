import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDone } from '../../shared/types/jobs';
import type { ReviewQueuePage, ReviewQueueRequest } from '../../shared/types/reviews';
import type { TripRow } from '../domain/trips/trip-row';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';
import { daysToScan } from './sync-follow-ups';

/**
 * The investigator's review on a real store (docs/checks.md, « Instruction »): the demo with injected labelled
 * patterns, scans as jobs, the queue, details, decisions in the audit log, and what confirmed fraud excludes from
 * simulations and exports.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
let store: TempStore;
let services: AppServices;
let trips: TripRow[];
let labels: Map<string, string[]>;

async function scan(scope: Parameters<AppServices['checks']['scan']>[0] = {}): Promise<JobDone> {
  const done = await services.runner.wait(await services.checks.scan(scope));
  expect(done?.status, done?.error ?? undefined).toBe('done');
  return done as JobDone;
}

/** Current flags as comparable text: check, journeys, persons, evidence. */
async function currentFlags(): Promise<string[]> {
  const rows = (await store.sql()('check_flags').where({ current: 1 }).select('check_id', 'journey_keys_json', 'persons_json', 'evidence_json')) as Array<Record<string, string>>;
  return rows.map((row) => [row.check_id, row.journey_keys_json, row.persons_json, row.evidence_json].join('|')).sort();
}

/** A campaign on the Région over the demo period (template 1: 2 € + 0,10 €/km from 20 to 50 km). */
function campaign(): Record<string, unknown> {
  const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
  return { ...template, id: 'essai_pdl', name: 'Essai', status: 'campaign', territory: { reg: ['52'] }, window: { from: '2026-08-01', to: '2026-10-31' }, budget_cents: null };
}

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  const loaded = await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 5, patterns: 2 }));
  expect(loaded?.status).toBe('done');
  expect(Number(loaded?.summary?.injected)).toBeGreaterThan(30);
  trips = (await store.sql()('trips').select('*')) as TripRow[];
  const rows = (await store.sql()('demo_labels').select('*')) as Array<{ natural_key: string; check_ids_json: string }>;
  labels = new Map(rows.map((row) => [row.natural_key, JSON.parse(row.check_ids_json) as string[]]));
}, 60_000);

afterAll(async () => {
  await store.cleanup();
});

describe('scans of the store', () => {
  it('flag the demo’s injected patterns, measure precision and recall, and are reproducible', async () => {
    const first = await scan();
    const quality = first.summary?.quality as Array<{ checkId: string; precision: number; recall: number }>;
    expect(quality.map((score) => score.checkId)).toEqual(expect.arrayContaining(['T01@1', 'T04@1', 'H02@1', 'H04@1', 'G02@1', 'G03@1', 'G06@1']));
    // Every labelled self-carpool is flagged, and nothing else is.
    expect(quality.find((score) => score.checkId === 'T01@1')).toMatchObject({ precision: 1, recall: 1 });
    for (const score of quality) expect(score.recall, score.checkId).toBeGreaterThanOrEqual(0.9);
    const before = await currentFlags();
    expect(before.length).toBe(Number(first.summary?.flags));
    await scan();
    // Same journeys, same parameters: the same flags, which replace the earlier ones in the queue.
    expect(await currentFlags()).toEqual(before);
    const runs = (await store.sql()('check_flags').select('run_id').sum({ current: 'current' }).groupBy('run_id').orderBy('run_id')) as Array<{ run_id: number; current: number }>;
    expect(runs.map((run) => Number(run.current))).toEqual([0, before.length]);
    expect((await services.checks.summary()).run?.quality).toHaveLength(quality.length);
  });

  it('scoped to some days, replace only the flags linking a journey of those days', async () => {
    const day = [...labels.keys()].map((key) => trips.find((trip) => trip.natural_key === key)?.start_local.slice(0, 10)).filter(Boolean).sort()[0] as string;
    const before = (await store.sql()('check_flags').where({ current: 1 }).select('id', 'first_day', 'last_day')) as Array<{ id: number; first_day: string | null; last_day: string | null }>;
    const touching = before.filter((flag) => flag.first_day !== null && flag.first_day <= day && (flag.last_day ?? '') >= day);
    expect(touching.length).toBeGreaterThan(0);
    const done = await scan({ from: day, to: day });
    const after = (await store.sql()('check_flags').where({ current: 1 }).select('id', 'run_id', 'first_day', 'last_day')) as Array<{ id: number; run_id: number; first_day: string | null; last_day: string | null }>;
    const kept = new Set(after.map((flag) => flag.id));
    // The flags of that day were replaced by the new run's; flags elsewhere stayed as they were.
    for (const flag of touching) expect(kept.has(flag.id)).toBe(false);
    for (const flag of before.filter((f) => !touching.includes(f))) expect(kept.has(flag.id)).toBe(true);
    const fresh = after.filter((flag) => flag.run_id === Number(done.summary?.runId));
    expect(fresh.length).toBeGreaterThan(0);
    for (const flag of fresh) expect(flag.first_day! <= day && flag.last_day! >= day).toBe(true);
    // The whole store again, for the tests below.
    await scan();
  });

  it('scan the days of each import or demo load after it (incremental scans)', () => {
    const done = (kind: JobDone['kind'], summary: Record<string, unknown>): JobDone => ({ jobId: 'j', kind, status: 'done', error: null, summary });
    expect(daysToScan(done('extract.import', { rowsInserted: 3, rowsUpdated: 0, periodFrom: '2026-09-01', periodTo: '2026-09-30' }))).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(daysToScan(done('demo.load', { rowsInserted: 0, rowsUpdated: 0, periodFrom: '2026-09-01', periodTo: '2026-09-30' }))).toBeNull();
    expect(daysToScan(done('aom.import', { tripsUpdated: 10 }))).toBeNull();
  });
});

/** What the queue is asked in the oracle below: a kind, a group, hidden codes, a severity, a check and an operator. */
type QueueAsk = Pick<ReviewQueueRequest, 'kind' | 'group' | 'hidden' | 'severity' | 'check' | 'operatorId'>;

/**
 * The queue recomputed from the current flags and the journeys, as docs/review.md defines it: the flags shown (of
 * the severity and check asked, of checks not hidden unless asked for), each row in the group of its shown flags
 * (its own, else only the registry's status, else left out by hidden checks), ranked by severity, distinct checks,
 * incentives at risk, then newest (journeys) or most journeys (persons), then key.
 */
async function expectedQueue(ask: QueueAsk): Promise<{ keys: string[]; checks: string[][]; operators: string[][]; groups: ReviewQueuePage['groups']; hiddenRows: number }> {
  const sql = store.sql();
  const rankOf: Record<string, number> = { info: 1, warning: 2, high: 3 };
  const flags = (await sql('check_flags').where({ current: 1 }).select('id', 'check_id', 'severity', 'evidence_json')) as Array<{ id: number; check_id: string; severity: string; evidence_json: string }>;
  const journeysOf = new Map<number, string[]>();
  for (const link of (await sql('check_flag_journeys').select('flag_id', 'natural_key')) as Array<{ flag_id: number; natural_key: string }>) journeysOf.set(link.flag_id, [...(journeysOf.get(link.flag_id) ?? []), link.natural_key]);
  const personsOf = new Map<number, string[]>();
  for (const link of (await sql('check_flag_persons').select('flag_id', 'person')) as Array<{ flag_id: number; person: string }>) personsOf.set(link.flag_id, [...(personsOf.get(link.flag_id) ?? []), link.person]);
  const operatorNames = new Map(((await sql('operators').select('id', 'name')) as Array<{ id: number; name: string }>).map((row) => [row.id, row.name]));
  // The journeys the journey filters keep (here, the operator's).
  const byKey = new Map(trips.filter((trip) => ask.operatorId === undefined || trip.operator_id === ask.operatorId).map((trip) => [trip.natural_key, trip]));
  const sideOf = (trip: TripRow, side: 'driver' | 'passenger'): string | null =>
    trip[`${side}_identity_key`] ?? (trip.operator_id === null || trip[`operator_${side}_id`] === null ? null : `u:${trip.operator_id}:${trip[`operator_${side}_id`]}`);
  const minimum = rankOf[ask.severity ?? 'info'] as number;
  const asked = (flag: { check_id: string }): boolean => !ask.check || flag.check_id === ask.check || flag.check_id.startsWith(`${ask.check}@`);
  const passing = flags.filter((flag) => (rankOf[flag.severity] as number) >= minimum && asked(flag));
  const shown = (flag: { check_id: string }): boolean => Boolean(ask.check) || !(ask.hidden ?? []).includes(flag.check_id.slice(0, 3));
  const registry = (flag: { check_id: string; evidence_json: string }): boolean =>
    flag.check_id.startsWith('T11@') || (flag.check_id.startsWith('T09@') && JSON.stringify((JSON.parse(flag.evidence_json) as { reasons: string[] }).reasons) === '["incentive_on_rejected_status"]');

  interface Row { key: string; group: 'own' | 'registry' | 'hidden'; severity: number; count: number; atRisk: number; tie: string | number; checks: string[]; operators: string[] }
  const rowOf = (key: string, mine: typeof flags, atRisk: number, tie: string | number, operators: string[] = []): Row => {
    const visible = mine.filter(shown);
    const own = visible.filter((flag) => !registry(flag));
    const group = own.length > 0 ? 'own' : visible.length > 0 ? 'registry' : 'hidden';
    const grouped = group === 'own' ? own : visible;
    return {
      key, group, atRisk, tie, severity: Math.max(0, ...grouped.map((flag) => rankOf[flag.severity] as number)),
      count: new Set(grouped.map((flag) => flag.check_id.slice(0, 3))).size, checks: [...new Set(grouped.map((flag) => flag.check_id))].sort(), operators,
    };
  };
  const rows: Row[] = [];
  if (ask.kind === 'journeys') {
    const keys = new Set(passing.flatMap((flag) => journeysOf.get(flag.id) ?? []));
    for (const key of keys) {
      const trip = byKey.get(key);
      if (trip) rows.push(rowOf(key, passing.filter((flag) => journeysOf.get(flag.id)?.includes(key)), cents(trip), trip.start_local));
    }
  } else {
    const persons = new Set(passing.flatMap((flag) => personsOf.get(flag.id) ?? []));
    for (const person of persons) {
      const mine = passing.filter((flag) => personsOf.get(flag.id)?.includes(person));
      // Its journeys: those a flag shown links, where it drives or rides.
      const linked = new Set(mine.filter(shown).flatMap((flag) => journeysOf.get(flag.id) ?? []).filter((key) => {
        const trip = byKey.get(key);
        return trip !== undefined && (sideOf(trip, 'driver') === person || sideOf(trip, 'passenger') === person);
      }));
      if (ask.operatorId !== undefined && linked.size === 0) continue;
      const operators = [...new Set([...linked].flatMap((key) => operatorNames.get(byKey.get(key)!.operator_id ?? -1) ?? []))].sort();
      rows.push(rowOf(person, mine, [...linked].reduce((sum, key) => sum + cents(byKey.get(key)!), 0), linked.size, operators));
    }
  }
  const group = ask.group ?? 'own';
  const listed = rows.filter((row) => row.group === group).sort((a, b) =>
    b.severity - a.severity || b.count - a.count || b.atRisk - a.atRisk
    || (typeof a.tie === 'string' ? String(b.tie).localeCompare(a.tie) : Number(b.tie) - a.tie) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const totals = (name: Row['group']) => ({ total: rows.filter((row) => row.group === name).length, atRiskCents: rows.filter((row) => row.group === name).reduce((sum, row) => sum + row.atRisk, 0) });
  return { keys: listed.map((row) => row.key), checks: listed.map((row) => row.checks), operators: listed.map((row) => row.operators), groups: { own: totals('own'), registry: totals('registry') }, hiddenRows: totals('hidden').total };
}

/** Registry + operator incentives of a journey, in cents. */
const cents = (trip: TripRow): number => [0, 1, 2].reduce((sum, i) => sum + Number(trip[`rpc_incentive_${i}_cents` as keyof TripRow] ?? 0) + Number(trip[`op_incentive_${i}_cents` as keyof TripRow] ?? 0), 0);

describe('the review queue', () => {
  it('ranks, groups and counts flagged journeys and persons as the flags give them, whatever narrows it', async () => {
    const asks: QueueAsk[] = [
      { kind: 'journeys' }, { kind: 'journeys', group: 'registry' }, { kind: 'journeys', hidden: ['T10', 'G04', 'H03'] }, { kind: 'journeys', hidden: ['T11'], group: 'registry' },
      { kind: 'journeys', severity: 'warning', hidden: ['T05'] }, { kind: 'journeys', severity: 'high' }, { kind: 'journeys', check: 'T09', group: 'registry' },
      { kind: 'journeys', check: 'G04', hidden: ['G04'] }, { kind: 'persons' }, { kind: 'persons', group: 'registry' }, { kind: 'persons', hidden: ['G04', 'H07'] },
      { kind: 'persons', severity: 'high', hidden: ['T11'] }, { kind: 'persons', check: 'G03' }, { kind: 'journeys', operatorId: 1, hidden: ['G04'] },
      { kind: 'persons', operatorId: 1 }, { kind: 'persons', operatorId: 2, group: 'registry', hidden: ['T10'] }, { kind: 'persons', check: 'H07', operatorId: 1 },
    ];
    for (const ask of asks) {
      const page = await services.reviews.page({ ...ask, limit: 500 });
      const expected = await expectedQueue(ask);
      const rows = ask.kind === 'journeys' ? page.journeys.map((row) => ({ key: row.naturalKey, checks: row.checks })) : page.persons.map((row) => ({ key: row.person, checks: row.checks }));
      const label = JSON.stringify(ask);
      expect(expected.keys.length, label).toBeGreaterThan(0);
      expect(rows.map((row) => row.key), label).toEqual(expected.keys.slice(0, 500));
      expect(rows.map((row) => row.checks), label).toEqual(expected.checks.slice(0, 500));
      if (ask.kind === 'persons') expect(page.persons.map((row) => row.operators), label).toEqual(expected.operators.slice(0, 500));
      expect({ groups: page.groups, hiddenRows: page.hiddenRows }, label).toEqual({ groups: expected.groups, hiddenRows: expected.hiddenRows });
      expect({ total: page.total, atRiskCents: page.atRiskCents }, label).toEqual(expected.groups[ask.group ?? 'own']);
    }
  });

  it('keeps apart the journeys whose flags only restate the registry’s status, and ranks the others by severity, checks and money', async () => {
    const own = await services.reviews.page({ kind: 'journeys', limit: 500 });
    const registry = await services.reviews.page({ kind: 'journeys', group: 'registry', limit: 500 });
    expect(registry.total).toBeGreaterThan(0);
    const flagged = new Set(((await store.sql()('check_flag_journeys as fj').join('check_flags as f', 'f.id', 'fj.flag_id').where('f.current', 1).distinct('fj.natural_key')) as Array<{ natural_key: string }>).map((row) => row.natural_key));
    expect(own.groups.own.total + own.groups.registry.total).toBe(flagged.size);
    expect(registry.groups).toEqual(own.groups);
    for (const row of registry.journeys) {
      expect(row.checks.every((check) => check.startsWith('T09@') || check.startsWith('T11@')), row.checks.join()).toBe(true);
      expect(['fraud_error', 'anomaly_error', 'pending']).toContain(row.status);
    }
    for (const row of own.journeys) expect(row.checks.some((check) => !check.startsWith('T11@'))).toBe(true);
    // The labelled patterns, with several checks each, come before single findings of the same severity.
    const [first] = own.journeys;
    expect(first?.severity).toBe('high');
    expect(labels.has(first!.naturalKey)).toBe(true);
    const hidden = await services.reviews.page({ kind: 'journeys', hidden: ['G04'], limit: 1 });
    expect(hidden.hiddenRows).toBeGreaterThan(0);
    expect(hidden.groups.own.total + hidden.groups.registry.total + hidden.hiddenRows).toBe(flagged.size);
  });

  it('filters flagged journeys by check, severity, operator, period and status', async () => {
    const page = await services.reviews.page({ kind: 'journeys', limit: 500 });
    const selfCarpools = await services.reviews.page({ kind: 'journeys', check: 'T01', limit: 500 });
    const expected = [...labels].filter(([, ids]) => ids.includes('T01@1')).map(([key]) => key).sort();
    expect(selfCarpools.journeys.map((row) => row.naturalKey).sort()).toEqual(expected);
    for (const row of selfCarpools.journeys) expect(row.checks).toEqual(['T01@1']);

    const high = await services.reviews.page({ kind: 'journeys', severity: 'high', limit: 500 });
    expect(high.total).toBeGreaterThan(0);
    expect(high.total).toBeLessThan(page.total);
    for (const row of high.journeys) expect(row.severity).toBe('high');

    const operator = (await store.sql()('operators').where({ name: 'BlaBlaCar Daily' }).first('id')) as { id: number };
    const ofOperator = await services.reviews.page({ kind: 'journeys', operatorId: operator.id, limit: 500 });
    expect(ofOperator.total).toBeGreaterThan(0);
    for (const row of ofOperator.journeys) expect(row.operatorName).toBe('BlaBlaCar Daily');

    const september = await services.reviews.page({ kind: 'journeys', from: '2026-09-01', to: '2026-09-30', limit: 500 });
    for (const row of september.journeys) expect(row.startLocal.slice(0, 7)).toBe('2026-09');
    const notOk = await services.reviews.page({ kind: 'journeys', group: 'registry', status: 'fraud_error', limit: 500 });
    expect(notOk.total).toBeGreaterThan(0);
    for (const row of notOk.journeys) expect(row.status).toBe('fraud_error');
  });

  it('lists flagged persons with their flagged journeys and incentives', async () => {
    const page = await services.reviews.page({ kind: 'persons', check: 'G03', limit: 100 });
    // Each injected ring has three persons.
    expect(page.total % 3).toBe(0);
    expect(page.total).toBeGreaterThanOrEqual(3);
    for (const row of page.persons) {
      expect(row.checks).toContain('G03@1');
      expect(row.journeys).toBeGreaterThan(0);
      expect(row.operators.length).toBeGreaterThan(0);
    }
  });
});

describe('details', () => {
  it('show a journey’s facts, evidence and linked journeys', async () => {
    const key = [...labels].find(([, ids]) => ids.includes('G06@1'))![0];
    const detail = await services.reviews.journey(key);
    expect(detail.journey.naturalKey).toBe(key);
    const duplicate = detail.flags.find((flag) => flag.checkId === 'G06@1');
    expect(duplicate?.label).toBeTruthy();
    expect(duplicate?.journeyKeys).toContain(key);
    expect(detail.linked[0]?.naturalKey).toBe(key);
    expect(detail.linked.length).toBeGreaterThan(1);
    expect(detail.journey.startLat).not.toBeNull();
    expect(detail.decision).toBeNull();
  });

  it('show a person’s timeline, partners graph and journeys', async () => {
    const [ring] = (await services.reviews.page({ kind: 'persons', check: 'G03', limit: 1 })).persons;
    const detail = await services.reviews.person(ring!.person);
    const journeys = trips.filter((trip) => trip.driver_identity_key === ring!.person || trip.passenger_identity_key === ring!.person);
    expect(detail.total).toBe(journeys.length);
    expect(detail.timeline.reduce((sum, day) => sum + day.driver + day.passenger, 0)).toBe(journeys.length);
    expect(detail.timeline.reduce((sum, day) => sum + day.driver, 0)).toBe(journeys.filter((trip) => trip.driver_identity_key === ring!.person).length);
    // A ring: two partners, each driven by and driving the person, and the edge between the two partners.
    const direct = detail.graph.edges.filter((edge) => edge.from === ring!.person);
    expect(direct).toHaveLength(2);
    for (const edge of direct) expect(edge.fromDrove > 0 && edge.toDrove > 0).toBe(true);
    expect(detail.graph.edges).toHaveLength(3);
    expect(detail.graph.nodes.filter((node) => node.flagged)).toHaveLength(3);
    expect(detail.aliases.some((alias) => alias.alias.startsWith('u:'))).toBe(true);
    expect(detail.flags.some((flag) => flag.checkId === 'G03@1')).toBe(true);
  });
});

describe('decisions', () => {
  it('are recorded with the audit log, revised by new decisions, never edited', async () => {
    const [ring] = (await services.reviews.page({ kind: 'persons', check: 'G03', limit: 1 })).persons;
    const person = ring!.person;
    expect((await services.reviews.decide({ subjects: [{ kind: 'person', key: person }], decision: 'confirmed', comment: 'Anneau fermé, même téléphone' })).decided).toBe(1);
    const journeys = trips.filter((trip) => trip.driver_identity_key === person || trip.passenger_identity_key === person);
    const atRisk = journeys.reduce((sum, trip) => sum + cents(trip), 0);
    expect(await services.reviews.exclusions()).toEqual({ journeysConfirmed: 0, personsConfirmed: 1, excludedTrips: journeys.length, excludedAtRiskCents: atRisk });

    const audit = (await store.sql()('audit_log').orderBy('id', 'desc').first()) as { actor: string; action: string; entity_id: string; before_json: string; after_json: string };
    expect(audit).toMatchObject({ actor: 'testeur', action: 'review.decide', entity_id: person, before_json: 'null' });
    expect(JSON.parse(audit.after_json)).toMatchObject({ decision: 'confirmed', comment: 'Anneau fermé, même téléphone', actor: 'testeur' });

    // The person's journeys show the person's decision in the queue.
    const confirmed = await services.reviews.page({ kind: 'journeys', decision: 'confirmed', limit: 500 });
    expect(confirmed.journeys.length).toBeGreaterThan(0);
    for (const row of confirmed.journeys) expect(row.decision).toMatchObject({ decision: 'confirmed', via: 'person' });

    // A journey's own decision stands over its person's: that journey is no longer excluded.
    const own = journeys[0]!.natural_key;
    await services.reviews.decide({ subjects: [{ kind: 'journey', key: own }], decision: 'legitimate', comment: 'trajet vérifié' });
    expect((await services.reviews.exclusions()).excludedTrips).toBe(journeys.length - 1);
    expect((await services.reviews.journey(own)).decision).toMatchObject({ decision: 'legitimate', via: 'journey' });

    // Revised: a new decision pointing at the previous one, audited with before and after.
    await services.reviews.decide({ subjects: [{ kind: 'person', key: person }], decision: 'info_requested', comment: '' });
    const detail = await services.reviews.person(person);
    expect(detail.history.map((record) => record.decision)).toEqual(['info_requested', 'confirmed']);
    expect(detail.history[0]?.previousId).toBe(detail.history[1]?.id);
    const revision = (await store.sql()('audit_log').orderBy('id', 'desc').first()) as { action: string; before_json: string };
    expect(revision.action).toBe('review.revise');
    expect(JSON.parse(revision.before_json)).toMatchObject({ decision: 'confirmed' });
    expect((await services.reviews.exclusions()).excludedTrips).toBe(0);
    await expect(store.sql()('review_decisions').update({ decision: 'confirmed' })).rejects.toThrow(/ajout seul/);
    expect((await services.audit.verify()).intact).toBe(true);
  });

  // A statistics refresh, two simulations and four exports, each a job of its own: longer than one test's default.
  it('of confirmed fraud take journeys out of simulations and exports, visibly, unless asked', async () => {
    const key = [...labels].find(([, ids]) => ids.includes('T01@1'))![0];
    const trip = trips.find((row) => row.natural_key === key)!;
    await services.runner.wait((await services.stats.refresh())!);
    const dayJourneys = async (): Promise<number> =>
      Number(((await store.sql()('stats_day').where({ level: 'reg', code: trip.start_reg, direction: 'from', day: trip.start_local.slice(0, 10) }).first('journeys')) as { journeys: number }).journeys);
    const before = await dayJourneys();
    const decided = await services.reviews.decide({ subjects: [{ kind: 'journey', key }], decision: 'confirmed', comment: 'autopartage' });
    expect((await services.reviews.exclusions()).excludedTrips).toBe(1);
    // The statistics of that day are rebuilt without it, as the registry's observatory leaves fraud out.
    expect((await services.runner.wait(decided.statsJobId!))?.status).toBe('done');
    expect(await dayJourneys()).toBe(before - 1);

    const without = await services.campaigns.simulate({ definition: campaign(), from: '2026-08-01', to: '2026-10-31', includeFlagged: false });
    await services.runner.wait(without.jobId);
    const withFraud = await services.campaigns.simulate({ definition: campaign(), from: '2026-08-01', to: '2026-10-31', includeFlagged: false, includeConfirmedFraud: true });
    await services.runner.wait(withFraud.jobId);
    const [a, b] = [await services.campaigns.result(without.simulationId), await services.campaigns.result(withFraud.simulationId)];
    expect(a).toMatchObject({ includeConfirmedFraud: false, excludedConfirmedFraud: 1 });
    expect(b).toMatchObject({ includeConfirmedFraud: true, excludedConfirmedFraud: 0 });
    expect(b.totals.trips - a.totals.trips).toBe(1);

    const filter = { from: '2026-08-01', to: '2026-10-31' };
    const plain = await services.runner.wait((await services.exports.exportTrips(filter, 'csv', join(store.dir, 'sans.csv'))).jobId);
    const all = await services.runner.wait((await services.exports.exportTrips(filter, 'csv', join(store.dir, 'avec.csv'), true)).jobId);
    expect(plain?.summary).toMatchObject({ excludedConfirmedFraud: 1 });
    expect(Number(all?.summary?.rows) - Number(plain?.summary?.rows)).toBe(1);
    const journeyId = trips.find((trip) => trip.natural_key === key)!.operator_journey_id!;
    expect(readFileSync(join(store.dir, 'sans.csv'), 'utf8')).not.toContain(journeyId);
    expect(readFileSync(join(store.dir, 'avec.csv'), 'utf8')).toContain(journeyId);

    // APDF workbooks from the extracts' incentives leave a confirmed journey out too.
    const [month] = await services.exports.campaignMonths();
    const paid = (await store.sql()('trips').where({ operator_id: month!.operatorId, rpc_incentive_0_campaign_id: month!.campaignId })
      .where('start_local', 'like', `${month!.month}%`).first('natural_key')) as { natural_key: string };
    await services.reviews.decide({ subjects: [{ kind: 'journey', key: paid.natural_key }], decision: 'confirmed', comment: 'doublon' });
    const apdf = async (includeConfirmedFraud: boolean, dir: string) =>
      (await services.runner.wait((await services.exports.exportApdf({ ...month!, includeConfirmedFraud }, join(store.dir, dir))).jobId))?.summary as { trips: number; excludedConfirmedFraud: number };
    const [kept, left] = [await apdf(true, 'apdf-avec'), await apdf(false, 'apdf-sans')];
    expect(left.excludedConfirmedFraud).toBe(1);
    expect(kept.trips - left.trips).toBe(1);
  }, 180_000);
});

describe('case files', () => {
  it('write one workbook per operator with its flagged journeys and decisions, and the check × operator × month summary', async () => {
    const out = join(store.dir, 'dossiers');
    const done = await services.runner.wait(await services.exports.cases({}, out));
    expect(done?.status, done?.error ?? undefined).toBe('done');
    const files = (done?.summary?.files as string[]).map((file) => file.slice(out.length + 1));
    const links = (await store.sql()('check_flag_journeys as fj').join('check_flags as f', 'f.id', 'fj.flag_id').join('trips as t', 't.natural_key', 'fj.natural_key')
      .join('operators as o', 'o.id', 't.operator_id').where('f.current', 1).select('o.name', 'fj.natural_key', 'f.id', 'f.check_id', 't.start_local')) as Array<{ name: string; natural_key: string; id: number; check_id: string; start_local: string }>;
    const operators = [...new Set(links.map((link) => link.name))];
    expect(files).toHaveLength(operators.length + 1);
    expect(files.at(-1)).toBe('signalements-controle-operateur-mois-tout.xlsx');

    const { default: ExcelJS } = await import('exceljs');
    const operator = 'BlaBlaCar Daily';
    const file = files.find((name) => name.includes('blablacar'))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, file));
    const journeys = workbook.getWorksheet('Trajets')!;
    const expected = new Set(links.filter((link) => link.name === operator).map((link) => link.natural_key));
    // Header, one row per flagged journey, totals.
    expect(journeys.rowCount).toBe(expected.size + 2);
    const text = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map((value) => JSON.stringify(value ?? ''))).join(' ');
    expect(text).not.toMatch(/[0-9a-f]{64}/);

    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(out, files.at(-1)!));
    const detail = summary.getWorksheet('Détail')!;
    const groups = new Map<string, Set<number>>();
    for (const link of links) {
      const key = `${link.check_id}|${link.name}|${link.start_local.slice(0, 7)}`;
      groups.set(key, (groups.get(key) ?? new Set()).add(link.id));
    }
    expect(detail.rowCount).toBe(groups.size + 2);
    const total = [...groups.values()].reduce((sum, ids) => sum + ids.size, 0);
    const totals = detail.getRow(detail.rowCount).getCell(5).value as { result: number };
    expect(totals.result).toBe(total);
  });
});

describe('parameters', () => {
  it('are saved in settings, audited, used by the next scan, and refused when wrong', async () => {
    const view = await services.checks.parameters();
    const speed = view.checks.find((check) => check.code === 'T04');
    expect(speed?.parameters.find((p) => p.name === 'highSpeedKmh')).toMatchObject({ value: 130, default: 130 });
    const routed = view.checks.find((check) => check.code === 'T07');
    expect(routed).toMatchObject({ enabled: false });
    expect(routed?.disabledReason).toMatch(/itinéraire/);

    await expect(services.checks.saveParameters({ T04: { highSpeedKmh: -3 } })).rejects.toThrow(/T04\.highSpeedKmh : valeur positive attendue/);
    await expect(services.checks.saveParameters({ Z99: { x: 1 } })).rejects.toThrow(/Z99 : contrôle inconnu/);
    const saved = await services.checks.saveParameters({ T04: { highSpeedKmh: 1_000, warnSpeedKmh: 1_000 } });
    expect(saved.checks.find((check) => check.code === 'T04')?.parameters.find((p) => p.name === 'highSpeedKmh')?.value).toBe(1_000);
    const audit = (await store.sql()('audit_log').orderBy('id', 'desc').first()) as { action: string; after_json: string };
    expect(audit.action).toBe('checks.parameters');
    expect(JSON.parse(audit.after_json)).toEqual({ T04: { highSpeedKmh: 1_000, warnSpeedKmh: 1_000 } });

    const done = await scan();
    const counts = done.summary?.counts as Record<string, Record<string, number>>;
    // No speed is above 1 000 km/h: only slow journeys remain flagged by T04.
    expect(counts['T04@1']?.high ?? 0).toBe(0);
    const flags = await services.checks.flags('T04');
    for (const flag of flags) expect(flag.evidence.kind).toBe('slow');
    await services.checks.saveParameters({});
  });
});
