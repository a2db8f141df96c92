import type { Api } from '@shared/ipc/api';
import type { Channel, EventName } from '@shared/ipc/channels';
import { contract, events, type EventPayload, type ParsedReq, type Req, type Res } from '@shared/ipc/contract';
import { ApiError } from '@shared/ipc/result';
import type { JobRecord } from '@shared/types/jobs';
import { SettingsSchema, settingDefaults, type Settings } from '@shared/types/settings';
import type { StoreInfo } from '@shared/types/store';

/** One handler per channel, receiving the request as the main side would after validation. */
export type FakeHandlers = { [C in Channel]: (req: ParsedReq<C>) => Res<C> | Promise<Res<C>> };

/** A call the fake received, after validation. */
export interface FakeCall {
  readonly channel: Channel;
  readonly req: unknown;
}

/** In-memory `Api` for component and store tests (never used by the running application). */
export interface FakeApi extends Api {
  /** Every call received, in order. */
  readonly calls: FakeCall[];
  /** Pushes an event to its subscribers, as the main side would; the payload is checked against the contract. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Listeners currently subscribed to `event`, to check that subscriptions are neither lost nor duplicated. */
  listenerCount(event: EventName): number;
}

/** A store as a fresh installation reports it: every application table empty. Fields can be overridden. */
export function fakeStoreInfo(overrides: Partial<StoreInfo> = {}): StoreInfo {
  return {
    filePath: '/donnees/atelier/atelier.sqlite',
    sizeBytes: 98_304,
    schemaVersion: '202611281210_trips',
    migrationCount: 2,
    sqliteVersion: '3.50.4',
    tables: ['audit_log', 'import_batches', 'jobs', 'operators', 'settings', 'trips'].map((name) => ({ name, rows: 0 })),
    ...overrides,
  };
}

/** A running demo job as `jobs:list` reports it. Fields can be overridden. */
export function fakeJobRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: 'job-1',
    kind: 'demo.load',
    status: 'running',
    params: {},
    summary: null,
    error: null,
    startedAt: '2026-11-28T17:00:00.000Z',
    endedAt: null,
    current: 0,
    total: 0,
    step: null,
    ...overrides,
  };
}

/**
 * Builds a fake `Api` that keeps settings and jobs in memory. Requests, answers and events go through the
 * contract's schemas like the real client's, so a test cannot rely on a shape the main side would refuse.
 * `overrides` replaces the handlers of some channels (to answer fixed data or throw an `ApiError`).
 */
export function createFakeApi(overrides: Partial<FakeHandlers> = {}): FakeApi {
  let settings: Settings = { ...settingDefaults };
  const jobs: JobRecord[] = [];
  const calls: FakeCall[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const defaults: FakeHandlers = {
    'app:info': () => ({ version: '0.0.0-test', mode: 'browser', dataDir: '/donnees/atelier', timeZone: 'Europe/Paris' }),
    'store:info': () => fakeStoreInfo(),
    'settings:list': () => ({ ...settings }),
    'settings:set': ({ key, value }) => {
      settings = SettingsSchema.parse({ ...settings, [key]: value });
      return { ...settings };
    },
    'jobs:list': ({ limit }) => jobs.slice(0, limit ?? 20),
    'jobs:cancel': () => null,
    'demo:start': (req) => {
      const jobId = `job-${jobs.length + 1}`;
      jobs.unshift(fakeJobRecord({ id: jobId, params: { ...req }, startedAt: new Date().toISOString() }));
      return { jobId };
    },
    'audit:verify': () => ({ entries: 0, intact: true, firstBrokenId: null }),
  };

  return {
    calls,
    async invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      const parsed = contract[channel].req.safeParse(req);
      if (!parsed.success) throw new ApiError('invalid_input', `Requête invalide pour ${channel}`);
      calls.push({ channel, req: parsed.data });
      const handler = (overrides[channel] ?? defaults[channel]) as FakeHandlers[C];
      const data = await handler(parsed.data as ParsedReq<C>);
      return contract[channel].res.parse(data) as Res<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      const checked = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(checked);
    },
    listenerCount(event: EventName): number {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
