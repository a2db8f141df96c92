import type { Api } from '@shared/ipc/api';
import type { Channel, EventName } from '@shared/ipc/channels';
import { contract, events, type EventPayload, type ParsedReq, type Req, type Res } from '@shared/ipc/contract';
import { ApiError } from '@shared/ipc/result';
import type { JobRecord } from '@shared/types/jobs';
import { SettingsSchema, settingDefaults, type Settings } from '@shared/types/settings';
import type { StoreInfo } from '@shared/types/store';
import type { Coverage, RejectedFilter, RejectedRow, SyncLogEntry } from '@shared/types/sync';
import type { SimulationResult } from '@shared/types/simulation';
import type { StatsQuery, StatsResult } from '@shared/types/stats';
import { fakeMapResult, fakeShapes } from './fake-map';
import { createFakeReviews, FAKE_OPERATORS } from './fake-reviews';
import { createFakeAttestations } from './fake-attestations';
import { createFakeDeclarations } from './fake-declarations';
import { createFakeTerritory } from './fake-territory';
import { createFakeStoreChoice } from './fake-store-choice';

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
    engine: 'sqlite',
    location: '/donnees/atelier/atelier.sqlite',
    sizeBytes: 98_304,
    schemaVersion: '202611281210_trips',
    migrationCount: 2,
    engineVersion: 'SQLite 3.50.4',
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

/** A committed import as the sync log lists it: a territory export with some rejects. Fields can be overridden. */
export function fakeSyncLogEntry(overrides: Partial<SyncLogEntry> = {}): SyncLogEntry {
  return {
    id: 3,
    source: '/donnees/extraits/export-territoire-2026-10.csv',
    fileName: 'export-territoire-2026-10.csv',
    format: 'territory',
    status: 'committed',
    contentHash: '9f2c4e1ab07d35c8e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7',
    fileSize: 31_457_280,
    periodFrom: '2026-10-01',
    periodTo: '2026-10-31',
    rowsRead: 48_213,
    rowsInserted: 47_950,
    rowsUpdated: 120,
    rowsUnchanged: 0,
    rowsRejected: 143,
    unresolvedCodes: { '97501': 4, '75056': 2, '13055': 1 },
    encoding: 'utf-8',
    warnings: [],
    startedAt: '2026-11-28T16:40:00.000Z',
    endedAt: '2026-11-28T16:40:38.000Z',
    durationSeconds: 38.4,
    error: null,
    ...overrides,
  };
}

/** Three files, newest first: a territory export, a zip of two exports, an open-data file that failed. */
export function fakeSyncLog(): SyncLogEntry[] {
  return [
    fakeSyncLogEntry(),
    fakeSyncLogEntry({
      id: 2,
      source: '/donnees/extraits/operateurs-2026-09.zip',
      fileName: 'operateurs-2026-09.zip',
      format: 'territory+operator',
      fileSize: 8_912_345,
      periodFrom: '2026-09-01',
      periodTo: '2026-09-30',
      rowsRead: 12_004,
      rowsInserted: 11_990,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 14,
      unresolvedCodes: {},
      startedAt: '2026-11-27T09:15:00.000Z',
      endedAt: '2026-11-27T09:15:11.000Z',
      durationSeconds: 11.2,
    }),
    fakeSyncLogEntry({
      id: 1,
      source: '/donnees/extraits/donnees-ouvertes-2026-08.csv',
      fileName: 'donnees-ouvertes-2026-08.csv',
      format: 'opendata',
      status: 'failed',
      fileSize: 2_345_678,
      periodFrom: null,
      periodTo: null,
      rowsRead: 8_411,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 0,
      unresolvedCodes: {},
      startedAt: '2026-11-26T14:02:00.000Z',
      endedAt: '2026-11-26T14:02:05.000Z',
      durationSeconds: 5,
      error: 'Fichier tronqué : fin de fichier inattendue à la ligne 8 412.',
    }),
  ];
}

/** What a store holding the files of `fakeSyncLog()` covers. Fields can be overridden. */
export function fakeCoverage(overrides: Partial<Coverage> = {}): Coverage {
  return {
    periodFrom: '2026-09-01',
    periodTo: '2026-10-31',
    journeys: 59_940,
    trips: 41_322,
    operators: 6,
    communes: 1_284,
    departements: 14,
    regions: 3,
    byStatus: { ok: 57_001, fraud_error: 312, anomaly_error: 1_127, pending: 1_500 },
    ...overrides,
  };
}

/** Reasons, fields and details the importer really gives, used in turn by `fakeRejectedRows()`. */
const REJECT_SAMPLES: ReadonlyArray<Pick<RejectedRow, 'field' | 'reason' | 'detail'>> = [
  { field: 'operator_class', reason: 'classe de preuve inconnue', detail: '« D » (attendu A, B ou C)' },
  { field: 'distance', reason: 'distance hors bornes', detail: '(1250000 m, maximum 1 000 km)' },
  { field: 'journey_id', reason: 'trajet en double dans le fichier', detail: 'déjà lu ligne 12' },
  { field: null, reason: 'ligne incomplète', detail: '41 champs au lieu de 65' },
  { field: 'operator_class', reason: 'classe de preuve inconnue', detail: '« » (attendu A, B ou C)' },
];

function sampleAt(index: number): Pick<RejectedRow, 'field' | 'reason' | 'detail'> {
  return REJECT_SAMPLES[index % REJECT_SAMPLES.length] ?? { field: null, reason: 'ligne incomplète', detail: null };
}

/**
 * The quarantine of `fakeSyncLog()`: 143 lines of batch 3 and 14 of batch 2, in file order, with realistic reasons
 * and raw lines long enough to be truncated.
 */
function fakeRejectedRows(): RejectedRow[] {
  const rows: RejectedRow[] = [];
  for (const [batchId, fileName, count] of [
    [3, 'export-territoire-2026-10.csv', 143],
    [2, 'operateurs-2026-09.zip', 14],
  ] as const) {
    for (let index = 0; index < count; index += 1) {
      const line = 2 + index * 37;
      rows.push({
        id: rows.length + 1,
        batchId,
        fileName,
        line,
        ...sampleAt(index + batchId),
        raw: `"${4_200_000 + line}";"op-trip-${line}";"op-journey-${line}";"D";"ok";"2026-10-03 07:42:00";"2026-10-03";"07:42:00";"2026-10-03 08:15:00";"2026-10-03";"08:15:00";"00:33:00";"23.4";"48.85";"2.35"`,
      });
    }
  }
  return rows;
}

function matches(row: RejectedRow, filter: RejectedFilter): boolean {
  return (filter.batchId === undefined || row.batchId === filter.batchId) && (filter.reason === undefined || row.reason === filter.reason);
}

/** A plausible dashboard for any query: three months of figures, stable so tests can assert them. */
export function fakeStatsResult(query: StatsQuery): StatsResult {
  return {
    territory: { level: query.level, code: query.code, name: query.code === '44' ? 'Loire-Atlantique' : null },
    direction: query.direction,
    from: query.from,
    to: query.to,
    key: {
      journeys: 12_480, trips: 9_870, passengers: 13_020, carpoolers: 4_210, peoplePerVehicle: 2.32, newDrivers: 312, newPassengers: 287,
      meanDistanceKm: 23.4, meanDurationMin: 27.9, internalShare: 0.412, co2Tonnes: 59.4, rpcCents: 2_345_600, opCents: 120_050, incented: 9_004,
    },
    series: [
      { period: '2026-08', from: '2026-08-01', to: '2026-08-31', partial: false, journeys: 3_120, trips: 2_480, passengers: 3_300, distanceKm: 73_000, rpcCents: 580_000 },
      { period: '2026-09', from: '2026-09-01', to: '2026-09-30', partial: false, journeys: 4_710, trips: 3_700, passengers: 4_900, distanceKm: 110_000, rpcCents: 890_000 },
      { period: '2026-10', from: '2026-10-01', to: '2026-10-31', partial: false, journeys: 4_650, trips: 3_690, passengers: 4_820, distanceKm: 108_900, rpcCents: 875_600 },
    ],
    byHour: Array.from({ length: 24 }, (_, hour) => (hour >= 6 && hour <= 9 ? 1_500 : hour >= 16 && hour <= 19 ? 1_200 : 40)),
    byWeekday: [2_300, 2_400, 2_350, 2_380, 2_200, 500, 350],
    distanceBands: [2_100, 3_900, 3_300, 1_800, 800, 580],
    byClass: [
      { operatorClass: 'A', journeys: 120 },
      { operatorClass: 'B', journeys: 1_260 },
      { operatorClass: 'C', journeys: 11_100 },
    ],
    byOperator: [
      { operator: 'BlaBlaCar Daily', journeys: 6_900, rpcCents: 1_300_000 },
      { operator: 'Karos', journeys: 3_100, rpcCents: 600_000 },
    ],
    topFlows: [{ code1: '44109', name1: 'Nantes', code2: '44162', name2: 'Saint-Herblain', journeys: 1_830, passengers: 1_900, distanceKm: 16_470 }],
    topTerritories: [{ code: '44109', name: 'Nantes', journeys: 7_400 }],
    elapsedMs: 12.5,
  };
}

/** A finished simulation of IDFM on three months, for the Campagnes page tests. */
export function fakeSimulationResult(): SimulationResult {
  const month = (key: string, trips: number, amountCents: number) => ({ key, trips, eligible: Math.round(trips * 0.8), paid: Math.round(trips * 0.7), amountCents });
  return {
    campaign: { id: '459', name: 'Île-de-France Mobilités' },
    from: '2026-08-01',
    to: '2026-10-31',
    includeFlagged: false,
    includeConfirmedFraud: false,
    excludedConfirmedFraud: 14,
    totals: { trips: 30_000, eligible: 24_000, paid: 21_000, amountCents: 4_215_050, budgetCents: 4_000_000, exhaustedOn: '2026-10-20' },
    byMonth: [month('2026-08', 8_000, 1_100_000), month('2026-09', 11_000, 1_615_050), month('2026-10', 11_000, 1_500_000)],
    byOperator: [month('BlaBlaCar Daily', 20_000, 3_000_000), month('Karos', 10_000, 1_215_050)],
    byClass: [month('B', 3_000, 0), month('C', 27_000, 4_215_050)],
    byDistance: [0, 5, 10, 20, 30, 50, 80].map((fromKm, index, all) => ({ ...month(String(fromKm), 4_000, 500_000), fromKm, toKm: all[index + 1] ?? null })),
    budgetByDay: [
      { day: '2026-08-01', cumulativeCents: 40_000 },
      { day: '2026-10-20', cumulativeCents: 4_000_000 },
    ],
    drivers: { paid: 5_200, cutByLimit: 410, bands: [{ fromEuros: 0, toEuros: 10, drivers: 3_000 }, { fromEuros: 10, toEuros: null, drivers: 2_200 }] },
    reasons: [{ code: 'operator_class', message: 'classe de preuve B hors campagne (C attendue)', count: 3_000 }],
    seconds: 1.8,
    warnings: [],
  };
}

/**
 * Builds a fake `Api` that keeps settings and jobs in memory. Requests, answers and events go through the
 * contract's schemas like the real client's, so a test cannot rely on a shape the main side would refuse.
 * `overrides` replaces the handlers of some channels (to answer fixed data or throw an `ApiError`).
 */
/** The fake store's id, which names its key file. */
const FAKE_STORE_ID = '6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b2c';

export function createFakeApi(overrides: Partial<FakeHandlers> = {}): FakeApi {
  let settings: Settings = { ...settingDefaults };
  const jobs: JobRecord[] = [];
  const calls: FakeCall[] = [];
  const rejectedRows = fakeRejectedRows();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reviews = createFakeReviews();

  /** Registers a job of `kind` as the main side would, newest first, and answers its id. */
  function startJob(kind: JobRecord['kind'], params: Record<string, unknown> = {}): string {
    const jobId = `job-${jobs.length + 1}`;
    jobs.unshift(fakeJobRecord({ id: jobId, kind, params, startedAt: new Date().toISOString() }));
    return jobId;
  }

  const defaults: FakeHandlers = {
    'app:info': () => ({ version: '0.0.0-test', mode: 'browser', dataDir: '/donnees/atelier', timeZone: 'Europe/Paris' }),
    'store:info': () => fakeStoreInfo(),
    'store:disk-encryption': () => ({
      state: 'encrypted',
      method: 'LUKS',
      detail: 'Le système de fichiers de la base (ext4 sur /dev/mapper/vgubuntu-root, monté sur /) est au-dessus d’une couche chiffrée LUKS (nvme0n1p3_crypt sur nvme0n1p3).',
      platform: 'linux',
    }),
    'settings:list': () => ({ ...settings }),
    'settings:set': ({ key, value }) => {
      settings = SettingsSchema.parse({ ...settings, [key]: value });
      return { ...settings };
    },
    'jobs:list': ({ limit }) => jobs.slice(0, limit ?? 20),
    'jobs:cancel': () => null,
    'demo:start': (req) => ({ jobId: startJob('demo.load', { ...req }) }),
    'audit:verify': () => ({
      entries: 0, intact: true, firstBrokenId: null, firstBroken: null, problems: [], keyedEntries: 0, legacyEntries: 0,
      decisionsChecked: 0, settingsChecked: 0, anchoredEntryId: null, keyFile: '/donnees/Atelier Covoiturage - clés/base.key',
    }),
    'audit:key-state': () => ({ storeId: FAKE_STORE_ID, keyFile: `/donnees/Atelier Covoiturage - clés/${FAKE_STORE_ID}.key`, problem: null }),
    'audit:key-export': () => ({ file: `/donnees/atelier/exports/clé-base-${FAKE_STORE_ID}.json` }),
    'audit:key-import': () => ({ storeId: FAKE_STORE_ID, keyFile: `/donnees/Atelier Covoiturage - clés/${FAKE_STORE_ID}.key`, problem: null }),
    'extracts:import': ({ paths }) => ({ jobIds: paths.map((filePath) => startJob('extract.import', { filePath })) }),
    // As the main side: the system's file picker exists only in the desktop app.
    'extracts:pick-files': async () => {
      const { mode } = await handler('app:info')({});
      if (mode === 'browser') {
        throw new ApiError('forbidden', 'Sélecteur de fichiers indisponible en mode navigateur : saisissez le chemin du fichier.');
      }
      return { paths: ['/donnees/extraits/export-territoire-2026-11.csv', '/donnees/extraits/export-operateur-2026-11.csv.gz'] };
    },
    'extracts:sync-log': ({ limit }) => fakeSyncLog().slice(0, limit ?? 50),
    'extracts:coverage': () => fakeCoverage(),
    'extracts:operators': () => FAKE_OPERATORS.map(({ id, name }) => ({ id, name })),
    'extracts:rejected': ({ offset, limit, ...filter }) => {
      const selected = rejectedRows.filter((row) => matches(row, filter));
      return { total: selected.length, rows: selected.slice(offset, offset + limit) };
    },
    'extracts:rejected-reasons': ({ batchId }) => {
      const counts = new Map<string, number>();
      for (const row of rejectedRows) {
        if (matches(row, { batchId })) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
      }
      return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
    },
    'aom:import': ({ path }) => ({ jobId: startJob('aom.import', { filePath: path }) }),
    'aom:summary': () => ({
      sources: [
        { source: 'cerema', communes: 34_935, aoms: 812, updatedAt: '2026-10-02T08:15:00.000Z' },
        { source: 'demo', communes: 24, aoms: 8, updatedAt: '2026-09-01T10:00:00.000Z' },
      ],
    }),
    'stats:period': () => ({ from: '2026-08-01', to: '2026-10-31' }),
    'stats:territories': ({ level }) =>
      level === 'dep'
        ? [
            { code: '44', name: 'Loire-Atlantique', journeys: 30_000 },
            { code: '49', name: 'Maine-et-Loire', journeys: 8_000 },
          ]
        : [{ code: '52', name: 'Pays de la Loire', journeys: 40_000 }],
    'stats:query': (query) => fakeStatsResult(query),
    'stats:refresh': () => ({ jobId: null }),
    'exports:stats': ({ query }) => {
      const jobId = startJob('export.stats', { query });
      return { jobId, file: `/donnees/atelier/exports/statistiques-${query.level}-${query.code}-${query.from}_${query.to}.xlsx` };
    },
    'exports:trips': ({ filter, format, includeConfirmedFraud }) => {
      const jobId = startJob('export.trips', { filter, includeConfirmedFraud });
      return { jobId, file: `/donnees/atelier/exports/trajets-${filter.from}_${filter.to}.${format}` };
    },
    'exports:apdf-campaigns': () => [
      { campaignId: '459', campaignName: 'IDFM 2024', month: '2026-09', operatorId: 1, operatorName: 'BlaBlaCar Daily', journeys: 1_240, subsidized: 1_100, amountCents: 198_000 },
      { campaignId: '459', campaignName: 'IDFM 2024', month: '2026-09', operatorId: 2, operatorName: 'Karos', journeys: 410, subsidized: 395, amountCents: 61_200 },
    ],
    'exports:apdf': (req) => ({ jobId: startJob('export.apdf', { ...req }) }),
    'exports:list': () => [
      { name: 'statistiques-dep-44-2026-08-01_2026-10-31.xlsx', path: '/donnees/atelier/exports/statistiques-dep-44-2026-08-01_2026-10-31.xlsx', kind: 'stats', sizeBytes: 48_213, modifiedAt: '2026-11-02T09:30:00.000Z' },
      { name: 'lignes-rejetees-2026-11-01T08-00-00.csv', path: '/donnees/atelier/exports/lignes-rejetees-2026-11-01T08-00-00.csv', kind: 'rejected', sizeBytes: 2_100, modifiedAt: '2026-11-01T08:00:00.000Z' },
    ],
    'exports:open-folder': async () => ({ path: '/donnees/atelier/exports', opened: (await handler('app:info')({})).mode === 'electron' }),
    'campaigns:catalogue': () => [
      { id: '459', name: 'Île-de-France Mobilités', description: 'Trajets de 2 à 150 km en Île-de-France ; Ynstant dès le 2023-01-01.', status: 'campaign', from: '2021-05-20', to: '2025-12-31', budgetCents: 2_330_000_000, territory: 'aom 217500016, 287500078', territoryName: 'Île-de-France Mobilités' },
      { id: '1', name: 'Modèle 1 : 2 € + 0,10 €/km de 20 à 50 km', description: 'Modèle à adapter.', status: 'template', from: null, to: null, budgetCents: null, territory: '', territoryName: '' },
    ],
    'campaigns:definition': ({ id }) => ({ format: 1, id, name: `Campagne ${id}`, status: 'campaign', territory: { aom: ['217500016'] } }),
    'campaigns:validate': ({ definition }) =>
      typeof definition === 'object' && definition !== null && 'format' in definition
        ? { ok: true, issues: [] }
        : { ok: false, issues: [{ path: 'format', message: 'champ obligatoire' }] },
    'campaigns:preview': () => ({ points: Array.from({ length: 100 }, (_, i) => ({ km: i + 1, cents: Math.min(300, 150 + Math.max(0, i + 1 - 15) * 10) })), sample: 'trajet du 2024-04-16 à 8 h' }),
    'simulations:start': () => ({ simulationId: 7, jobId: startJob('campaign.simulate') }),
    'simulations:list': () => [
      { id: 7, name: 'IDFM — 3 mois', campaignId: '459', campaignName: 'Île-de-France Mobilités', from: '2026-08-01', to: '2026-10-31', createdAt: '2026-11-20T10:00:00.000Z', totals: fakeSimulationResult().totals },
      { id: 6, name: 'Modèle 1 — 3 mois', campaignId: 'essai', campaignName: 'Modèle 1', from: '2026-08-01', to: '2026-10-31', createdAt: '2026-11-19T10:00:00.000Z', totals: { ...fakeSimulationResult().totals, amountCents: 2_000_000, paid: 15_000 } },
    ],
    'simulations:result': ({ id }) => ({ ...fakeSimulationResult(), ...(id === 6 ? { campaign: { id: 'essai', name: 'Modèle 1' } } : {}) }),
    'simulations:explain': () => ({ jobId: startJob('campaign.explain') }),
    'checks:scan': (scope) => ({ jobId: startJob('checks.scan', { ...scope }) }),
    'checks:summary': () => ({
      run: { id: 3, trips: 12_000, flags: 41, createdAt: '2026-11-20T10:00:00.000Z', from: null, to: null, quality: null },
      checks: [
        { id: 'T02@1', family: 'trip', label: 'Trajet trop court', description: 'Distance sous le minimum de la campagne.', severity: 'warning', flags: 5 },
        { id: 'T04@1', family: 'trip', label: 'Vitesse moyenne invraisemblable', description: 'Vitesse moyenne au-delà du seuil.', severity: 'high', flags: 12 },
        { id: 'T07@1', family: 'trip', label: 'Itinéraire routé (OSRM)', description: 'Distance déclarée comparée à l’itinéraire routé.', severity: 'warning', flags: 0 },
        { id: 'T09@1', family: 'trip', label: 'Montants anormaux', description: 'Incitation versée sur un trajet en fraude ou en anomalie.', severity: 'warning', flags: 1 },
        { id: 'T10@1', family: 'trip', label: 'Trajet de nuit', description: 'Départ entre 22 h et 5 h.', severity: 'info', flags: 20 },
        { id: 'T11@1', family: 'trip', label: 'Statut du registre', description: 'Statut fraud_error ou anomaly_error publié par le registre.', severity: 'high', flags: 1 },
        { id: 'H02@1', family: 'person', label: 'Trajets simultanés d’une même personne', description: 'Deux trajets qui se chevauchent.', severity: 'high', flags: 3 },
        { id: 'G02@1', family: 'graph', label: 'Échange de rôles dans un couple', description: 'Chacun a conduit l’autre.', severity: 'high', flags: 1 },
      ],
    }),
    'checks:flags': ({ checkId }) => [
      { checkId, severity: 'high', journeyKeys: ['j:48000001'], persons: ['cle-conducteur'], evidence: { speedKmh: 212.4, thresholdKmh: 130 } },
    ],
    'checks:queue': (request) => reviews.queue(request),
    'checks:journey': ({ naturalKey }) => reviews.journeyDetail(naturalKey),
    'checks:person': ({ person }) => reviews.personDetail(person),
    'checks:decide': (request) => reviews.decide(request),
    'checks:exclusions': () => reviews.exclusions(),
    'checks:parameters': () => reviews.parameters(),
    'checks:save-parameters': ({ overrides: values }) => reviews.saveParameters(values),
    'exports:cases': (request) => ({ jobId: startJob('export.cases', { ...request }) }),
    'extracts:rejected-export': (filter) => ({
      path: '/donnees/atelier/exports/lignes-rejetees-2026-11-28T17-00-00.csv',
      rows: rejectedRows.filter((row) => matches(row, filter)).length,
    }),
    'map:flows': (query) => fakeMapResult(query, settings['map.minCount']),
    'map:export': ({ query, format }) => {
      const { flows, journeysShown } = fakeMapResult(query, settings['map.minCount']);
      return { path: `/donnees/atelier/exports/carte-${query.level}-${query.from}_${query.to}.${format}`, flows: flows.length, journeysShown };
    },
    'map:export-png': ({ title }) => ({ path: `/donnees/atelier/exports/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png` }),
    'map:shapes': (req) => fakeShapes(req),
    'map:contours': () => [],
    'map:contours-import': ({ path }) => ({ jobId: startJob('contours.import', { filePath: path }) }),
    ...createFakeAttestations(startJob),
    ...createFakeDeclarations(startJob),
    ...createFakeTerritory(startJob),
    ...createFakeStoreChoice(),
  };

  function handler<C extends Channel>(channel: C): FakeHandlers[C] {
    return (overrides[channel] ?? defaults[channel]) as FakeHandlers[C];
  }

  return {
    calls,
    async invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      const parsed = contract[channel].req.safeParse(req);
      // Same message as the main side's dispatcher: each refused field with the contract's French message.
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'requête'} : ${issue.message}`);
        throw new ApiError('invalid_input', `Requête invalide pour ${channel} — ${issues.join(' ; ')}`);
      }
      calls.push({ channel, req: parsed.data });
      const data = await handler(channel)(parsed.data as ParsedReq<C>);
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
