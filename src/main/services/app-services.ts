import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openMigratedDatabase, openProgressDatabase } from '../db/connection';
import { storeEngine, type StoreAddress } from '../db/store-address';
import { prepareDataDir } from '../platform/data-dir';
import { AuditLogRepository } from '../db/repositories/audit-log-repository';
import type { KeyProtector } from '../platform/key-protector';
import { defaultKeyDir } from '../platform/store-key';
import { JobsRepository } from '../db/repositories/jobs-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { StoreRepository } from '../db/repositories/store-repository';
import { SyncRepository } from '../db/repositories/sync-repository';
import { AomRepository } from '../db/repositories/aom-repository';
import { ChecksRepository } from '../db/repositories/checks-repository';
import { ReviewDecisionsRepository } from '../db/repositories/review-decisions-repository';
import { ReviewDetailRepository } from '../db/repositories/review-detail-repository';
import { ReviewQueueRepository } from '../db/repositories/review-queue-repository';
import { ExportRepository } from '../db/repositories/export-repository';
import { SimulationRepository } from '../db/repositories/simulation-repository';
import { StatsRepository } from '../db/repositories/stats-repository';
import { TripsRepository } from '../db/repositories/trips-repository';
import { EventBus } from '../events/event-bus';
import { JobRunner } from '../jobs/job-runner';
import type { WorkerLocation } from '../workers/worker-location';
import { AuditService } from './audit-service';
import { DemoService } from './demo-service';
import { JobsService } from './jobs-service';
import { SettingsService } from './settings-service';
import { AomService } from './aom-service';
import { ImportService } from './import-service';
import { CampaignService } from './campaign-service';
import { ChecksService } from './checks-service';
import { scanAfterChanges, warmBlocksAfterChanges } from './sync-follow-ups';
import { ReviewService } from './review-service';
import { ExportService } from './export-service';
import { StatsService } from './stats-service';
import { refreshStatsAfterChanges } from './stats-follow-up';
import { PrivacyService } from './privacy-service';
import { StoreService } from './store-service';
import { StoreChoiceService } from './store-choice-service';
import { NO_SEALER, type SecretSealer } from '../platform/store-choice';
import { WatchFolderService } from './watch-folder-service';
import { MapService } from './map-service';
import { MapSimulationOverlay } from './map-simulation-overlay';
import { MapRepository } from '../db/repositories/map-repository';
import { ContourRepository } from '../db/repositories/contour-repository';
import { ContourService } from './contour-service';
import { AttestationService } from './attestation-service';
import { AttestationRepository } from '../db/repositories/attestation-repository';
import { DeclarationRepository } from '../db/repositories/declaration-repository';
import { DeclarationService } from './declaration-service';
import { TerritoryRepository } from '../db/repositories/territory-repository';
import { TerritoryService } from './territory-service';
import { knexExecutor } from '../db/knex-executor';
import { DiscoveryService } from './discovery-service';
import { ObservatoryService } from './observatory-service';
import { UserIdPseudonymiser } from '../extracts/pseudonymise';
import { readAgentName, signedActor } from '../platform/agent-name';
import { AgentNameService } from './agent-name-service';

export interface AppServicesOptions {
  /**
   * The store: a SQLite file (created and migrated when needed) or a PostgreSQL database `postgres://…` (migrated
   * when needed; it must exist).
   */
  storeAddress: StoreAddress;
  /** Directory of the store and of produced files. */
  dataDir: string;
  /** How the services are reached: Electron window, browser bridge or command line. */
  mode: 'electron' | 'browser' | 'cli';
  /** Where the job worker is. */
  worker: WorkerLocation;
  version: string;
  /**
   * Name recorded in the audit log (default: the agent's name saved in Paramètres with the account, the PostgreSQL role
   * of a shared store or else the operating-system user: `signedActor`).
   */
  actor?: string;
  /**
   * Folder of the store's key and of the audit log's anchor, apart from the store (default: `ATELIER_KEY_DIR`, else
   * the user's key folder: platform/store-key.ts, `defaultKeyDir`).
   */
  keyDir?: string;
  /** How a new store key is kept (default: its file's rights; the desktop app may use the system keychain). */
  keyProtector?: KeyProtector;
  /** Keeps the shared store's password in the system's keychain (the desktop app's `safeStorage`); none elsewhere. */
  secretSealer?: SecretSealer;
  /** Why the saved shared store could not be opened at this start (the session then runs on the local store). */
  storeChoiceProblem?: string;
  /** Whether this start opened the store saved in « Paramètres » (no `--db`): a new choice then applies at the next one. */
  storeFromChoice?: boolean;
  now?: () => Date;
}

/** Every service of the application, built once per process by its composition root. */
export interface AppServices {
  readonly options: AppServicesOptions;
  readonly bus: EventBus;
  readonly runner: JobRunner;
  readonly store: StoreService;
  /** The store the desktop app opens at its next start (settings), and the shared store's connection test. */
  readonly storeChoice: StoreChoiceService;
  readonly agentName: AgentNameService;
  readonly settings: SettingsService;
  readonly jobs: JobsService;
  readonly demo: DemoService;
  readonly audit: AuditService;
  readonly imports: ImportService;
  /** The AOM reference: Cerema file import and what the table holds. */
  readonly aoms: AomService;
  /** Statistics aggregates (refreshed after each sync in the app) and dashboard queries. */
  readonly stats: StatsService;
  /** Excel/CSV exports (jobs) and the exports folder. */
  readonly exports: ExportService;
  /** Campaign catalogue, definitions, previews and simulations on the store. */
  readonly campaigns: CampaignService;
  /** Anomaly and fraud check scans, their flags and parameters. */
  readonly checks: ChecksService;
  /** The investigator's review: queue, details, decisions, exclusions. */
  readonly reviews: ReviewService;
  readonly privacy: PrivacyService;
  /** Flow maps: flows and places of a territory and period, thresholded, and their exports. */
  readonly map: MapService;
  /** Contours of the Carte page: the user's imports (job), else the bundled départements and régions. */
  readonly contours: ContourService;
  /** Attestations de covoiturage: issue (PDF with its code), verification, batches, register. */
  readonly attestations: AttestationService;
  /** Journeys declared by carpoolers without an app: template, imports (job), form entries, batches, separate count. */
  readonly declarations: DeclarationService;
  /** « Mon territoire »: territories by name, the home page's summary of a territory, its one-page PDF report. */
  readonly territory: TerritoryService;
  /** From discovery to a campaign: catalogue campaigns comparable to a territory, drafts of them for it. */
  readonly discovery: DiscoveryService;
  /** Observatory: impact indicators of a period and their publication as a static site. */
  readonly observatory: ObservatoryService;
  /** Imports files appearing in the `sync.watchFolder` setting's folder (started for the app, not the CLI). */
  readonly watchFolder: WatchFolderService;
  /** Cancels running jobs (their writes are undone) and closes the store. */
  close(): Promise<void>;
}

/**
 * Opens and migrates the store (throws if migrating fails: callers must stop), recovers what a dead process
 * left behind (interrupted jobs, unfinished import batches) and wires the services.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const now = options.now ?? (() => new Date());
  // The data folder is made private (0700) when the store lives in it; elsewhere (`--db`) it appears with the first export.
  const localFile = storeEngine(options.storeAddress) === 'sqlite' && options.storeAddress !== ':memory:';
  if (localFile && dirname(resolve(options.storeAddress)) === resolve(options.dataDir)) prepareDataDir(options.dataDir);
  const db = await openMigratedDatabase(options.storeAddress);
  const progressDb = openProgressDatabase(options.storeAddress);
  const jobsRepository = new JobsRepository(db, progressDb ?? db);
  const trips = new TripsRepository(db);
  const bus = new EventBus();
  const runner = new JobRunner({ jobs: jobsRepository, bus, worker: options.worker, now });
  await runner.recover();
  await trips.discardUnfinishedBatches(now().toISOString());

  const auditLog = new AuditLogRepository(db);
  // On a shared PostgreSQL store, its role names the account (the system user may be anyone's); the name the agent
  // gave in Paramètres comes before it. A name that cannot be read is said on that page, and the account signs alone.
  const account = (await auditLog.storeRole()) ?? userInfo().username;
  const actor = options.actor ?? signedActor(await readAgentName(options.dataDir).catch(() => null), account);
  const audit = await AuditService.open(auditLog, actor, now, {
    keyDir: options.keyDir ?? defaultKeyDir(),
    ...(options.keyProtector ? { protector: options.keyProtector } : {}),
  });
  // Every settings change is recorded in the audit log, whoever makes it (settings page, check parameters).
  const settingsRepository = new SettingsRepository(db, auditLog, audit.actor);
  const settings = new SettingsService(settingsRepository, now);
  const imports = new ImportService(runner, trips, new SyncRepository(db), audit, options.storeAddress, join(options.dataDir, 'exports'), now);
  const watchFolder = new WatchFolderService({
    folder: async () => (await settings.list())['sync.watchFolder'],
    importFiles: (paths) => imports.importFiles(paths),
    importedFiles: () => imports.importedFiles(),
    onError: (message) => console.warn(message),
  });
  const aomRepository = new AomRepository(db);
  const stats = new StatsService(runner, new StatsRepository(db), aomRepository, options.storeAddress);
  const simulations = new SimulationRepository(db);
  const stopStatsFollowUp = options.mode === 'cli' ? () => undefined : refreshStatsAfterChanges(bus, stats, (message) => console.warn(message));
  const checks = new ChecksService(runner, new ChecksRepository(db), settingsRepository, audit, options.storeAddress, now);
  const stopScanFollowUp = options.mode === 'cli' ? () => undefined : scanAfterChanges(bus, checks, (message) => console.warn(message));
  // The main thread's connection for queries written once for it and the workers (db/sql-executor.ts).
  const sql = knexExecutor(db);
  const campaigns = new CampaignService(runner, simulations, options.storeAddress, now, () => stats.geography(), sql);
  const stopBlocksFollowUp = options.mode === 'cli' ? () => undefined : warmBlocksAfterChanges(bus, campaigns, (message) => console.warn(message));
  const reviews = new ReviewService(
    new ReviewQueueRepository(db), new ReviewDetailRepository(db), new ReviewDecisionsRepository(db, auditLog), () => stats.communeNamer(), (days) => stats.refresh(days), bus, audit.actor, now,
  );
  const contours = new ContourService(runner, new ContourRepository(db), aomRepository, audit, options.storeAddress, now);
  const simulationOverlay = new MapSimulationOverlay(runner, simulations, options.storeAddress);
  const map = new MapService({
    repository: new MapRepository(db),
    geography: () => stats.geography(),
    minCount: async () => (await settings.list())['map.minCount'],
    contourPositions: (level) => contours.positions(level),
    simulationOverlay: (simulationId, scope) => simulationOverlay.pairs(simulationId, scope),
    exportDir: join(options.dataDir, 'exports'),
    now,
  });
  const operatorsRepository = new ExportRepository(db);
  const attestations = new AttestationService({
    runner,
    repository: new AttestationRepository(db, auditLog),
    sql: knexExecutor(db),
    simulations,
    settings: () => settings.list(),
    operators: () => operatorsRepository.operators(),
    pseudonymiser: async () => UserIdPseudonymiser.fromHex(audit.pseudonymKey(await trips.userIdsPseudonymised())),
    actor: audit.actor,
    storeAddress: options.storeAddress,
    exportDir: join(options.dataDir, 'exports'),
    now,
  });
  const territory = new TerritoryService({
    repository: new TerritoryRepository(db),
    runner,
    statsQuery: (query) => stats.query(query),
    geography: () => stats.geography(),
    flows: (query) => map.flows(query),
    departementShapes: () => contours.shapes('dep'),
    flaggedNotReviewed: async (scope) => (await reviews.page({ kind: 'journeys', territory: scope, decision: 'none', limit: 1 })).total,
    simulation: (id) => campaigns.result(id),
    exportDir: join(options.dataDir, 'exports'),
    now,
  });
  const declarations = new DeclarationService({
    runner,
    repository: new DeclarationRepository(db, auditLog),
    sql: knexExecutor(db),
    pseudonymKey: async () => audit.pseudonymKey(await trips.userIdsPseudonymised()),
    geography: () => stats.geography(),
    // The app scans the days of new declarations as it scans those of each sync; the CLI scans explicitly.
    scanDays: options.mode === 'cli' ? null : (days) => checks.scan(days, 'sync'),
    actor: audit.actor,
    storeAddress: options.storeAddress,
    exportDir: join(options.dataDir, 'exports'),
    now,
  });
  if (options.mode !== 'cli') {
    watchFolder.start();
    // The first Statistiques page should not pay for loading the geography.
    setImmediate(() => void stats.warm().catch((error: unknown) => console.warn(`Référentiel géographique non chargé : ${String(error)}`)));
  }
  return {
    options,
    bus,
    runner,
    store: new StoreService(new StoreRepository(db), options.storeAddress),
    agentName: new AgentNameService({ dataDir: options.dataDir, actor: audit.actor, account }),
    storeChoice: new StoreChoiceService({
      dataDir: options.dataDir,
      currentAddress: options.storeAddress,
      appliedAtStart: options.storeFromChoice ?? false,
      sealer: options.secretSealer ?? NO_SEALER,
      startupProblem: options.storeChoiceProblem ?? null,
    }),
    settings,
    jobs: new JobsService(jobsRepository, runner),
    demo: new DemoService(runner, trips, settings, audit, now),
    audit,
    imports,
    aoms: new AomService(runner, aomRepository, audit, now),
    stats,
    campaigns,
    checks,
    reviews,
    privacy: new PrivacyService(runner, audit, reviews, stats, checks, options.storeAddress),
    map,
    contours,
    exports: new ExportService(runner, new ExportRepository(db), simulations, options.storeAddress, join(options.dataDir, 'exports'), now),
    attestations,
    declarations,
    territory,
    discovery: new DiscoveryService({ campaigns, statsQuery: (query) => stats.query(query), geography: () => stats.geography(), sql, now }),
    observatory: new ObservatoryService({
      runner,
      statsQuery: (query) => stats.query(query),
      statsPeriod: () => stats.period(),
      geography: () => stats.geography(),
      minCount: async () => (await settings.list())['map.minCount'],
      attestationsIssued: (period) => attestations.count(period),
      sql,
      exportDir: join(options.dataDir, 'exports'),
      now,
    }),
    watchFolder,
    async close() {
      watchFolder.stop();
      stopStatsFollowUp();
      stopScanFollowUp();
      stopBlocksFollowUp();
      await runner.cancelAll();
      await progressDb?.destroy();
      await db.destroy();
    },
  };
}
