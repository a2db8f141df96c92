import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewQueuePage } from '../../shared/types/reviews';
import type { CheckFlag } from '../domain/checks';
import type { AppServices } from '../services/app-services';
import { TempStore } from '../testing/temp-store';
import { storeCheckRun, type CheckRunRecord } from './check-run-writer';
import type { SqlExecutor, SqlParams } from './sql-executor';
import type { SqlEngine } from './store-address';
import { openOwnConnection, type OwnConnection } from './store-connection';

/**
 * A scan's last transaction (its run, its flags, the queue's summaries), held open here on a connection of its own
 * as a worker's (issue 14, several instances on one store): the review queue still answers meanwhile, with what was
 * committed before (long jobs do not block readers); a second scan stored at the same time waits for it instead of
 * numbering its flags from the same last id.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
let store: TempStore;
let services: AppServices;
/** The flags of the scan of the demo, as a scan stores them, and the queue's first pages of journeys and persons then. */
let scanned: CheckFlag[];
let scannedQueue: ReviewQueuePage[];

/** The first page of the review queue of journeys or persons, as the page shows it. */
const queue = (kind: 'journeys' | 'persons'): Promise<ReviewQueuePage> => services.reviews.page({ kind, limit: 50 });

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 600, seed: 7, patterns: 1 })))?.status).toBe('done');
  expect((await services.runner.wait(await services.checks.scan({})))?.status).toBe('done');
  const rows = (await store.sql()('check_flags').where({ current: 1 }).orderBy('id')) as Array<{ check_id: string; severity: CheckFlag['severity']; journey_keys_json: string; persons_json: string; evidence_json: string }>;
  scanned = rows.map((row) => ({
    checkId: row.check_id, severity: row.severity, journeyKeys: JSON.parse(row.journey_keys_json) as string[], persons: JSON.parse(row.persons_json) as string[],
    evidence: JSON.parse(row.evidence_json) as CheckFlag['evidence'],
  }));
  scannedQueue = [await queue('journeys'), await queue('persons')];
}, 120_000);

afterAll(async () => {
  await store.cleanup();
});

/**
 * A connection whose transactions, once their work is done, wait for `release` before they commit: a scan caught
 * at the end of its last transaction. `holding` resolves when a transaction is waiting.
 */
class HeldConnection implements SqlExecutor {
  readonly engine: SqlEngine;
  readonly holding: Promise<void>;
  private held!: () => void;
  private released!: () => void;
  private readonly release$ = new Promise<void>((resolve) => (this.released = resolve));

  constructor(private readonly connection: OwnConnection) {
    this.engine = connection.engine;
    this.holding = new Promise<void>((resolve) => (this.held = resolve));
  }

  release(): void {
    this.released();
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  all<T>(sql: string, params?: SqlParams, started?: () => void): Promise<T[]> {
    return this.connection.all<T>(sql, params, started);
  }

  run(sql: string, params?: SqlParams): Promise<number> {
    return this.connection.run(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.connection.exec(sql);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.connection.transaction(async (tx) => {
      const result = await work(tx);
      this.held();
      await this.release$;
      return result;
    });
  }
}

/** `promise`, or a failure when it takes longer than `ms`: a read that waits for the scan's lock would. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} : pas de réponse en ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}


describe('storeCheckRun, while the review queue is read', () => {
  it('leaves the queue readable as it was until the scan commits, then shows what the scan stored', async () => {
    const [journeys, persons] = [await queue('journeys'), await queue('persons')];
    expect(journeys.total).toBeGreaterThan(0);
    // A whole-store scan that found nothing: it retires every flag and empties the queue's summaries.
    const run: CheckRunRecord = { scope: {}, overrides: {}, trigger: 'manual', generatedAt: NOW.toISOString(), trips: 600, flags: [], quality: null };
    const connection = await openOwnConnection(store.storeAddress);
    const held = new HeldConnection(connection);
    try {
      const stored = storeCheckRun(held, run, new Map(), true);
      await held.holding;
      expect(await within(queue('journeys'), 5_000, 'file des trajets')).toEqual(journeys);
      expect(await within(queue('persons'), 5_000, 'file des personnes')).toEqual(persons);
      if (store.engine === 'postgres') {
        // PostgreSQL only: SQLite has one writer at a time, so a decision waits there for the scan to commit.
        const decided = services.reviews.decide({ subjects: [{ kind: 'journey', key: 'TRAJET-HORS-FILE', seenDecisionId: null }], decision: 'legitimate', comment: '' });
        await within(decided, 5_000, 'décision');
      }
      held.release();
      await stored;
    } finally {
      held.release();
      await connection.close();
    }
    expect((await queue('journeys')).groups).toEqual({ own: { total: 0, atRiskCents: 0 }, registry: { total: 0, atRiskCents: 0 } });
    expect((await queue('persons')).total).toBe(0);
  });

  it('stores two scans at once one after the other: the later one retires the other’s flags, the queue is summarised once', async () => {
    const run: CheckRunRecord = { scope: {}, overrides: {}, trigger: 'manual', generatedAt: NOW.toISOString(), trips: 600, flags: scanned, quality: null };
    const [held, other] = [new HeldConnection(await openOwnConnection(store.storeAddress)), await openOwnConnection(store.storeAddress)];
    try {
      const first = storeCheckRun(held, run, new Map(), true);
      await held.holding;
      const second = storeCheckRun(other, run, new Map(), true);
      // The second reaches as far as the store lets it before the first commits.
      await new Promise((resolve) => setTimeout(resolve, 500));
      held.release();
      const [, secondRun] = await Promise.all([first, second]);
      const current = (await store.sql()('check_flags').where({ current: 1 }).select('run_id').count({ n: '*' }).groupBy('run_id')) as Array<{ run_id: number; n: number }>;
      expect(current.map((row) => [row.run_id, Number(row.n)])).toEqual([[secondRun, scanned.length]]);
    } finally {
      held.release();
      await Promise.all([held.close(), other.close()]);
    }
    expect([await queue('journeys'), await queue('persons')]).toEqual(scannedQueue);
  });
});
