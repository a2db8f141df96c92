import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewQueueRequest } from '../../shared/types/reviews';
import { readCaseFlagLinks } from '../db/case-file-source';
import type { SqlEngine } from '../db/store-address';
import { withStoreConnection } from '../db/store-connection';
import { TEST_STORE_ENGINE } from '../testing/pg-test-database';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * The checks and the review give the same answers on both engines (issue 14): the same demo, scanned and decided
 * the same way on a SQLite file and on a PostgreSQL database, read back through the services — scans' counts per
 * check, flags, queue pages (order, groups, totals, hidden rows), details, exclusions, case-file rows and the queue's
 * summaries (masks of check codes up to bit 52). The user ids are kept in clear in both stores: pseudonyms are keyed
 * per store, and would name the same persons differently.
 */

const NOW = new Date('2026-11-28T10:00:00Z');

/** Queue requests covering each way the queue is narrowed, pages after the first included. */
const ASKS: ReviewQueueRequest[] = [
  { kind: 'journeys' }, { kind: 'journeys', offset: 40, limit: 25 }, { kind: 'journeys', group: 'registry' }, { kind: 'journeys', hidden: ['T10', 'G04', 'H03', 'D01'] },
  { kind: 'journeys', severity: 'warning', hidden: ['T05'] }, { kind: 'journeys', check: 'T09', group: 'registry' }, { kind: 'journeys', operatorId: 1 },
  { kind: 'journeys', from: '2026-09-01', to: '2026-09-30', status: 'ok' }, { kind: 'journeys', territory: { level: 'dep', code: '44' } },
  { kind: 'journeys', decision: 'confirmed' }, { kind: 'journeys', decision: 'none', limit: 500 }, { kind: 'persons' }, { kind: 'persons', offset: 20 },
  { kind: 'persons', group: 'registry' }, { kind: 'persons', hidden: ['G04', 'H07'] }, { kind: 'persons', severity: 'high', hidden: ['T11'] },
  { kind: 'persons', check: 'G03' }, { kind: 'persons', operatorId: 2 }, { kind: 'persons', decision: 'info_requested' }, { kind: 'persons', decision: 'none', limit: 500 },
];

/** Tables of the queue's summaries, each with its key (rows compared in that order). */
const SUMMARIES: Record<string, string[]> = {
  review_journeys: ['trip_id'], review_journey_checks: ['check_id', 'trip_id', 'registry'], review_persons: ['person'],
  review_person_checks: ['check_id', 'person', 'registry'], review_person_journeys: ['person', 'trip_id'], review_person_journey_checks: ['check_id', 'person', 'trip_id'],
};

/** Everything the checks and the review answer on one store after the same demo, scans and decisions. */
async function answers(engine: SqlEngine): Promise<Record<string, unknown>> {
  const store = new TempStore(engine);
  try {
    const services = await store.open({ now: () => NOW });
    await store.sql()('store_privacy').update({ user_ids: 'clear' });
    expect((await services.runner.wait(await services.demo.start({ trips: 1_500, seed: 11, patterns: 2 })))?.status).toBe('done');
    const scans = [];
    for (const scope of [{}, { from: '2026-09-10', to: '2026-09-12' }]) scans.push((await services.runner.wait(await services.checks.scan(scope)))?.summary);
    const [journey] = (await services.reviews.page({ kind: 'journeys', limit: 1 })).journeys;
    const [person] = (await services.reviews.page({ kind: 'persons', check: 'G03', limit: 1 })).persons;
    await decide(services, journey?.naturalKey ?? '', person?.person ?? '');
    const out: Record<string, unknown> = {
      scans,
      checks: (await services.checks.summary()).checks,
      flags: await services.checks.flags('t04'),
      exclusions: await services.reviews.exclusions(),
      journey: await services.reviews.journey(journey?.naturalKey ?? ''),
      person: await services.reviews.person(person?.person ?? ''),
      caseLinks: await withStoreConnection(store.storeAddress, (db) => readCaseFlagLinks(db, { operatorId: null, period: null })),
    };
    for (const ask of ASKS) out[JSON.stringify(ask)] = await services.reviews.page(ask);
    for (const [table, key] of Object.entries(SUMMARIES)) out[table] = ((await store.sql()(table).orderBy(key)) as Array<Record<string, unknown>>).map(sortedOperators);
    return out;
  } finally {
    await store.cleanup();
  }
}

/** A summary row with its operators' names sorted: the summaries keep them in no particular order (readers sort them). */
function sortedOperators(row: Record<string, unknown>): Record<string, unknown> {
  return typeof row.operators === 'string' ? { ...row, operators: row.operators.split(',').sort().join(',') } : row;
}

/** The same decisions on both stores: a journey confirmed then revised, a person asked about, a journey left alone. */
async function decide(services: AppServices, journey: string, person: string): Promise<void> {
  await services.reviews.decide({ subjects: [{ kind: 'journey', key: journey }], decision: 'confirmed', comment: 'anneau' });
  await services.reviews.decide({ subjects: [{ kind: 'person', key: person }], decision: 'info_requested', comment: '' });
  await services.reviews.decide({ subjects: [{ kind: 'journey', key: journey }], decision: 'legitimate', comment: 'vérifié' });
  await services.reviews.decide({ subjects: [{ kind: 'person', key: person }], decision: 'confirmed', comment: 'même téléphone' });
}

// Compares a PostgreSQL database with a SQLite file: run with the PostgreSQL tests, where the server is there.
describe.skipIf(TEST_STORE_ENGINE !== 'postgres')('the checks and the review on SQLite and on PostgreSQL', () => {
  let sqlite: Record<string, unknown>;
  let postgres: Record<string, unknown>;

  beforeAll(async () => {
    sqlite = await answers('sqlite');
    postgres = await answers('postgres');
  }, 240_000);

  it('answer the same, question by question', () => {
    expect(Object.keys(postgres)).toEqual(Object.keys(sqlite));
    for (const [question, answer] of Object.entries(sqlite)) expect(postgres[question], question).toEqual(answer);
    // The comparison is not empty: flags of every family, masks past 32 bits, decisions standing.
    expect((sqlite.checks as Array<{ flags: number }>).filter((check) => check.flags > 0).length).toBeGreaterThan(10);
    expect((sqlite.review_journeys as Array<{ own_1: number }>).some((row) => row.own_1 >= 2 ** 32)).toBe(true);
    expect((sqlite[JSON.stringify({ kind: 'journeys', decision: 'confirmed' })] as { total: number }).total).toBeGreaterThan(0);
  });
});
