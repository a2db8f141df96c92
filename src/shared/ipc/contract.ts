import { z } from 'zod';
import type { Channel, EventName } from './channels';
import { AppInfo, AuditVerification, KeyImportRequest, StoreDiskEncryption, StoreInfo, StoreKeyState } from '../types/store';
import { JobDone, JobProgress, JobRecord } from '../types/jobs';
import { SettingKeySchema, SettingsSchema, settingSchemas } from '../types/settings';
import { StoreConnectionTest, StoreSaveRequest, StoreSetup, StoreTestRequest } from '../types/store-choice';
import { AgentSaveRequest, AgentSetup } from '../types/agent';
import { AmountPreview, CatalogueEntry, DefinitionValidation } from '../types/campaigns';
import { CheckFlagView, ChecksSummary } from '../types/checks';
import {
  CaseExportRequest, CheckParameterOverridesInput, CheckParametersView, DecideRequest, ExclusionSummary, JourneyDetail, PersonDetail,
  ReviewQueuePage, ReviewQueueRequest, ScanScope,
} from '../types/reviews';
import { CampaignMonth, CsvDialect, ExportFile } from '../types/exports';
import { SavedSimulation, SimulationRequest, SimulationResult } from '../types/simulation';
import { TripFilter } from '../types/trip-filter';
import { ContourSummary, MapQuery, MapResult, ShapeCollection, ShapeLevel } from '../types/map';
import {
  CampaignDraft, ComparableCampaign, ObservatoryIndicators, ObservatoryRequest, SimulationPreflight, TerritoryMatch, TerritoryRef, TerritorySummary, TerritorySummaryRequest,
} from '../types/territory';
import { CalendarDay, StatsLevel, StatsQuery, StatsResult, StatsTerritory } from '../types/stats';
import { AomSummary, Coverage, RejectedFilter, RejectedRow, SyncLogEntry } from '../types/sync';
import {
  AttestationBatchSource, AttestationPersonInput, AttestationRecord, AttestationRegisterFilter, AttestationVerification,
} from '../types/attestations';
import {
  DeclarationAddResult, DeclarationBatch, DeclarationEntry, DeclarationReportRow, DeclaredCount, DeclaredCountQuery, DeclaredTrip,
} from '../types/declarations';

/** A path on this computer, as typed or picked by the user. */
const FilePath = z.string().trim().min(1).max(4096);

const NoInput = z.object({}).strict();

/**
 * The single source of truth of what the renderer may ask the main side.
 * Each channel is `domain:verb`; `req` is validated by the main side before any service runs,
 * `res` describes the data of a successful `Result`.
 */
export const contract = {
  /** Version, run mode (electron|browser) and data directory. */
  'app:info': { req: NoInput, res: AppInfo },

  /** Path, size (bytes), schema version and per-table row counts of the local store. */
  'store:info': { req: NoInput, res: StoreInfo },

  /**
   * Whether the disk holding the store's folder is encrypted by the system, as its tools tell without administrator
   * rights (LUKS/dm-crypt through findmnt and lsblk, FileVault through fdesetup, BitLocker through the shell or
   * manage-bde). Read on each call (a few milliseconds, up to a few seconds when a tool is slow); never fails:
   * `unknown` carries the reason.
   */
  'store:disk-encryption': { req: NoInput, res: StoreDiskEncryption },

  /** Every user setting, stored values merged over defaults. */
  'settings:list': { req: NoInput, res: SettingsSchema },

  /** Stores one setting; the value is validated against that key's schema. Answers the updated settings. */
  'settings:set': {
    req: z
      .object({ key: SettingKeySchema, value: z.unknown() })
      .strict()
      .superRefine((input, ctx) => {
        const parsed = settingSchemas[input.key].safeParse(input.value);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `valeur invalide pour ${input.key}` });
        }
      }),
    res: SettingsSchema,
  },

  /**
   * The « Base de données » settings: the store this session runs on (engine, file path or address without password),
   * the store the desktop app opens at its next start (without password), whether a password is kept in the
   * system's keychain, whether a keychain is there, and why the saved shared store failed at this start, if it did.
   */
  'settings:store-get': { req: NoInput, res: StoreSetup },

  /**
   * Tests a PostgreSQL server for the store: connects (at most 5 s, then 5 s per query) with the password given, else
   * the one kept for that server and user, else PGPASSWORD or ~/.pgpass, and reads its version and what the database
   * holds (empty, the application's, up to date or not). A failure is an answer (`ok: false`) with its French reason.
   */
  'settings:store-test': { req: StoreTestRequest, res: StoreConnectionTest },

  /**
   * Saves the store the desktop app opens at its next start (not this session): the local store (`sqlite`), or a
   * shared PostgreSQL database with the password to keep in the system's keychain (not kept where there is none).
   * Answers the settings as `settings:store-get`.
   */
  'settings:store-save': { req: StoreSaveRequest, res: StoreSetup },

  /**
   * « Votre nom »: who this session signs as in the audit log (the name given here with the account: the shared
   * store's PostgreSQL role, else the system user), and the name saved on this workstation for the next start.
   */
  'settings:agent-get': { req: NoInput, res: AgentSetup },

  /** Saves the agent's name on this workstation (empty: none), used from the next start. Answers as `settings:agent-get`. */
  'settings:agent-save': { req: AgentSaveRequest, res: AgentSetup },

  /** The most recent jobs (running ones first), at most `limit` (default 20). */
  'jobs:list': {
    req: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    res: z.array(JobRecord),
  },

  /** Asks a running job to stop; its partial writes are undone. Answers null, also when it already ended. */
  'jobs:cancel': { req: z.object({ jobId: z.string().min(1).max(64) }).strict(), res: z.null() },

  /**
   * Starts loading the synthetic demo dataset as a job: `trips` journeys (default: setting `demo.defaultTrips`),
   * reproducible from `seed`. Answers the job id; follow it with `job:progress`/`job:done`.
   */
  'demo:start': {
    req: z
      .object({
        trips: z.number().int().min(100).max(2_000_000).optional(),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
        /** Instances of each labelled suspicious pattern injected (default: one per 5,000 journeys, at most 10). */
        patterns: z.number().int().min(0).max(50).optional(),
      })
      .strict(),
    res: z.object({ jobId: z.string() }),
  },

  /**
   * Verifies the audit log: its keyed hash chain, its head against the anchor outside the store, and the decisions
   * and settings of the tables against their last entries. Says whether it is intact, and the first problem.
   */
  'audit:verify': { req: NoInput, res: AuditVerification },

  /** The store's key on this workstation: its file, and why it cannot be used (a shared store keyed elsewhere). */
  'audit:key-state': { req: NoInput, res: StoreKeyState },

  /**
   * Writes the store's key in the exports folder (new file, owner-only rights), for a colleague's workstation on the
   * same shared store: answers its path. The file is the raw key: to be handed over like a password, then deleted.
   */
  'audit:key-export': { req: NoInput, res: z.object({ file: z.string() }) },

  /**
   * Installs the key exported by another workstation (`path` of its file here) once checked to be this store's and
   * the log verified with it; the session uses it at once. Answers the key's new state.
   */
  'audit:key-import': { req: KeyImportRequest, res: StoreKeyState },

  /**
   * Imports extract files (.csv, .csv.gz, .zip; format detected from the header): one job per file, run one after
   * the other. Answers the job ids in the order of `paths`.
   */
  'extracts:import': { req: z.object({ paths: z.array(FilePath).min(1).max(100) }).strict(), res: z.object({ jobIds: z.array(z.string()) }) },

  /** Opens the system's file picker (desktop app only; browser mode answers `forbidden`). Empty when cancelled. */
  'extracts:pick-files': { req: NoInput, res: z.object({ paths: z.array(z.string()) }) },

  /** The sync log: the most recent files (default 50), newest first. */
  'extracts:sync-log': { req: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), res: z.array(SyncLogEntry) },

  /** Period, journeys, car trips, operators and territories the store covers. */
  'extracts:coverage': { req: NoInput, res: Coverage },

  /** Operators of the store with their ids (filters and forms pick them by id), by name. */
  'extracts:operators': { req: NoInput, res: z.array(z.object({ id: z.number().int(), name: z.string() })) },

  /** One page of the quarantine (rejected lines, file order), filtered by batch and reason, with the total. */
  'extracts:rejected': {
    req: RejectedFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    res: z.object({ total: z.number().int(), rows: z.array(RejectedRow) }),
  },

  /** Reasons of rejection with their number of lines, most frequent first (optionally for one batch). */
  'extracts:rejected-reasons': {
    req: z.object({ batchId: z.number().int().positive().optional() }).strict(),
    res: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  },

  /** Writes the rejected lines of the filter to a CSV in the exports folder; answers its path and row count. */
  'extracts:rejected-export': { req: RejectedFilter, res: z.object({ path: z.string(), rows: z.number().int() }) },

  /**
   * Imports the Cerema « composition communale des AOM » file (XLSX or CSV; ODS and XLS are refused with advice) as
   * a job: its rows replace demo and learned rows, and stored journeys get the new AOMs. Answers the job id.
   */
  'aom:import': { req: z.object({ path: FilePath }).strict(), res: z.object({ jobId: z.string() }) },

  /** Communes and AOMs of the store's AOM table per source. */
  'aom:summary': { req: NoInput, res: AomSummary },

  /**
   * The dashboard of a territory (level + code), direction and period (Europe/Paris days, inclusive), from the
   * statistics aggregates: key figures, trend, hour/weekday/distance distributions, class and operator shares,
   * top origin–destination pairs and communes. Distances in km, durations in minutes, money in cents.
   */
  'stats:query': { req: StatsQuery, res: StatsResult },

  /** Territories of a level present in the aggregates, most journeys first (for the territory picker). */
  'stats:territories': { req: z.object({ level: StatsLevel }).strict(), res: z.array(StatsTerritory) },

  /** First and last day the aggregates cover (null before the first refresh). */
  'stats:period': { req: NoInput, res: z.object({ from: z.string(), to: z.string() }).nullable() },

  /** Rebuilds every month's aggregates as a job (normally automatic after each sync). Null on an empty store. */
  'stats:refresh': { req: NoInput, res: z.object({ jobId: z.string().nullable() }) },

  /**
   * Writes the territory statistics workbook (summary with the filters, months, operators, communes, EPCI, flows)
   * of a query as a job, into the exports folder. Answers the job id and the file's path.
   */
  'exports:stats': { req: z.object({ query: StatsQuery }).strict(), res: z.object({ jobId: z.string(), file: z.string() }) },

  /**
   * Writes the trip list of a filter (period, territory, operator, status) as CSV (`csvDialect`: French Excel by
   * default, or standard) or xlsx, as a job, into the exports folder. Identity keys and operators' user ids are not
   * exported. Answers the job id and the file.
   */
  'exports:trips': {
    req: z
      .object({ filter: TripFilter, format: z.enum(['csv', 'xlsx']), csvDialect: CsvDialect.default('excel-fr'), includeConfirmedFraud: z.boolean().default(false) })
      .strict(),
    res: z.object({ jobId: z.string(), file: z.string() }),
  },

  /** Registry campaigns × months × operators of the extracts' incentives (the APDF workbooks that can be made). */
  'exports:apdf-campaigns': { req: NoInput, res: z.array(CampaignMonth) },

  /**
   * Writes the APDF workbook of a registry campaign × operator × month (registry file name, sheets, formulas) from
   * the incentives of the extracts, checks it with the registry's consistency rules, as a job. Answers the job id.
   */
  'exports:apdf': {
    req: z
      .object({
        /** Registry campaign id (amounts from the extracts), or… */
        campaignId: z.string().trim().min(1).max(64).optional(),
        /** …a saved simulation (amounts as simulated). */
        simulationId: z.number().int().positive().optional(),
        operatorId: z.number().int().positive(),
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mois attendu au format AAAA-MM'),
        /** Keep journeys confirmed as fraud (from the extracts' incentives; a simulation keeps its own choice). */
        includeConfirmedFraud: z.boolean().default(false),
      })
      .strict()
      .refine((req) => (req.campaignId === undefined) !== (req.simulationId === undefined), { message: 'indiquez une campagne ou une simulation', path: ['campaignId'] }),
    res: z.object({ jobId: z.string() }),
  },

  /** Files of the exports folder, newest first. */
  'exports:list': { req: NoInput, res: z.array(ExportFile) },

  /**
   * Opens the exports folder in the system's file manager (desktop app); browser mode cannot, and answers the
   * folder's path with `opened: false` so the page can show it.
   */
  'exports:open-folder': { req: NoInput, res: z.object({ path: z.string(), opened: z.boolean() }) },

  /** The campaign catalogue (43 real campaigns and 3 templates) with descriptions, windows, budgets (cents). */
  'campaigns:catalogue': { req: NoInput, res: z.array(CatalogueEntry) },

  /** A catalogue definition, to view or clone (JSON of the campaign format, docs/campaigns-format.md). */
  'campaigns:definition': { req: z.object({ id: z.string().trim().min(1).max(64) }).strict(), res: z.unknown() },

  /** Validates a definition: problems with their JSON path, in French (live validation of the editor). */
  'campaigns:validate': { req: z.object({ definition: z.unknown() }).strict(), res: DefinitionValidation },

  /** Amount of a sample trip for 1–100 km (cents), for the editor's preview chart. */
  'campaigns:preview': { req: z.object({ definition: z.unknown() }).strict(), res: AmountPreview },

  /**
   * Simulates a catalogue or custom campaign on the store's journeys of a period (registry-flagged ones excluded
   * unless asked) as a job; the result is saved. Answers the simulation and job ids.
   */
  'simulations:start': { req: SimulationRequest, res: z.object({ simulationId: z.number().int(), jobId: z.string() }) },

  /** Saved simulations with their totals, newest first. */
  'simulations:list': { req: NoInput, res: z.array(SavedSimulation) },

  /** The full result of a saved simulation (totals, months, operators, distances, classes, budget, drivers, reasons). */
  'simulations:result': { req: z.object({ id: z.number().int().positive() }).strict(), res: SimulationResult },

  /**
   * Explains one journey (registry journey id) of a saved simulation, as a job: the `explanation` of its summary
   * (`TripExplanation`) gives eligibility, the amount's terms and the limits that counted or cut it.
   */
  'simulations:explain': {
    req: z.object({ id: z.number().int().positive(), journeyId: z.string().trim().min(1).max(64) }).strict(),
    res: z.object({ jobId: z.string() }),
  },

  /**
   * Runs every enabled anomaly and fraud check as a job, over the whole store or a scope (period, territory) read
   * with its surrounding history, with the parameters saved in settings. The run and its flags are stored; the
   * flags replace those of earlier scans for the journeys in scope (the review queue). Answers the job id.
   */
  'checks:scan': { req: ScanScope, res: z.object({ jobId: z.string() }) },

  /** The check catalogue with the flag counts of the latest scan (run null before any). */
  'checks:summary': { req: NoInput, res: ChecksSummary },

  /** Flags of one check in the latest scan (at most `limit`, default 200), with their evidence. */
  'checks:flags': {
    req: z.object({ checkId: z.string().trim().min(2).max(16), limit: z.number().int().min(1).max(2_000).default(200) }).strict(),
    res: z.array(CheckFlagView),
  },

  /**
   * The review queue: flagged journeys or flagged persons of the current flags, filtered (check, lowest severity,
   * operator, local period, territory, registry status, decision), in two groups (flags of their own; only the
   * registry's status), checks hidden by the investigator left out, ranked by severity, distinct checks, then
   * incentives at risk (registry + operator-declared, euro cents). One page of a group plus the totals of both
   * groups over every page and the rows hidden checks left out.
   */
  'checks:queue': { req: ReviewQueueRequest, res: ReviewQueuePage },

  /** A flagged journey: its facts, current flags with evidence, linked journeys (for the plot), decisions. */
  'checks:journey': { req: z.object({ naturalKey: z.string().trim().min(1).max(200) }).strict(), res: JourneyDetail },

  /** A person: aliases, timeline of journeys by day and role, flags, linked persons graph, journeys, decisions. */
  'checks:person': { req: z.object({ person: z.string().trim().min(1).max(200) }).strict(), res: PersonDetail },

  /**
   * Records a decision (with its comment) on each subject: a new decision row revising the standing one, and an
   * audit log entry (who, when, before/after) per subject, all in one transaction. Answers how many were recorded.
   */
  'checks:decide': { req: DecideRequest, res: z.object({ decided: z.number().int() }) },

  /** What confirmed fraud currently takes out of simulations and exports (journeys, persons, incentives in cents). */
  'checks:exclusions': { req: NoInput, res: ExclusionSummary },

  /** Every check with its parameters (value in use, default, French label, unit) and whether it is enabled. */
  'checks:parameters': { req: NoInput, res: CheckParametersView },

  /** Saves parameter overrides (checked against each parameter's type and range); answers the updated view. */
  'checks:save-parameters': { req: z.object({ overrides: CheckParameterOverridesInput }).strict(), res: CheckParametersView },

  /**
   * Writes the case files as a job into the exports folder: one Excel workbook per operator (flagged journeys,
   * evidence, decisions) for its counter-checks, and the summary of flags by check × operator × month.
   */
  'exports:cases': { req: CaseExportRequest, res: z.object({ jobId: z.string() }) },

  /**
   * Flows between places of a level (and the places themselves) for a territory, period, weekdays and hour bands,
   * from the map aggregates built with the statistics: validated journeys, confirmed fraud excluded. Flows and places
   * under the privacy threshold (journeys, at least the `map.minCount` setting) are left out and counted in `hidden`.
   * Positions are degrees WGS 84; money in cents.
   */
  'map:flows': { req: MapQuery, res: MapResult },

  /**
   * Writes what a map query shows (flows at or above its threshold) as GeoJSON (one LineString Feature per flow,
   * a Point for internal flows) or CSV (`;`, UTF-8 with BOM) into the exports folder. Answers the file's path.
   */
  'map:export': {
    req: z.object({ query: MapQuery, format: z.enum(['geojson', 'csv']) }).strict(),
    res: z.object({ path: z.string(), flows: z.number().int(), journeysShown: z.number().int() }),
  },

  /**
   * Saves the map image the page composed (PNG, base64, at most 20 MB, with title, legend, period, source and
   * threshold drawn on it) into the exports folder under a name built from `title`. Answers the file's path.
   */
  'map:export-png': {
    req: z.object({ title: z.string().trim().min(1).max(200), pngBase64: z.string().min(8).max(28_000_000) }).strict(),
    res: z.object({ path: z.string() }),
  },

  /**
   * Contours of a level (GeoJSON, WGS 84, simplified for display): those imported into the store, else the
   * application's own départements and régions; empty for a level without contours. `codes` narrows the answer.
   */
  'map:shapes': {
    req: z.object({ level: ShapeLevel, codes: z.array(z.string().trim().min(1).max(20)).max(50_000).optional() }).strict(),
    res: ShapeCollection,
  },

  /** Contours the store holds per level, with their source and import date. */
  'map:contours': { req: NoInput, res: ContourSummary },

  /**
   * Imports contours (IGN ADMIN EXPRESS COG shapefile zip, or GeoJSON of communes/EPCI/départements/régions) as a
   * job: read, reprojected to WGS 84, simplified, stored in one transaction (a malformed file stores nothing).
   */
  'map:contours-import': { req: z.object({ path: FilePath }).strict(), res: z.object({ jobId: z.string() }) },

  /**
   * Issues an attestation de covoiturage: the person's validated journeys of the period (local days, inclusive;
   * confirmed fraud excluded) counted per month, a PDF written to the exports folder with its verification code
   * (SHA-256 of the content), entered in the register with an audit entry. Needs the issuer settings
   * (`attestations.issuerName`, `attestations.issuerSiret`); refused for a person the store has never seen.
   */
  'attestations:create': {
    req: z
      .object({ person: AttestationPersonInput, from: CalendarDay, to: CalendarDay })
      .strict()
      .refine((req) => req.from <= req.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] }),
    res: z.object({ attestation: AttestationRecord, file: z.string() }),
  },

  /**
   * Verifies an attestation against the register: a PDF (`path`: code of its properties, register entry, audit log,
   * digest of its pages) or a code (`code`, short or full; with `person`, a code of someone else fails). Answers the
   * verdict, its French reason and the register entry found.
   */
  'attestations:verify': {
    req: z
      .object({ path: FilePath.optional(), code: z.string().trim().min(1).max(100).optional(), person: AttestationPersonInput.optional() })
      .strict()
      .refine((req) => (req.path === undefined) !== (req.code === undefined), { message: 'indiquez un fichier PDF ou un code', path: ['code'] }),
    res: AttestationVerification,
  },

  /** The register of issued attestations, filtered, newest first: one page and the total over every page. */
  'attestations:register': {
    req: AttestationRegisterFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    res: z.object({ total: z.number().int(), rows: z.array(AttestationRecord) }),
  },

  /** Writes the (filtered) register as an Excel workbook in the exports folder; answers its path and row count. */
  'attestations:register-export': { req: AttestationRegisterFilter, res: z.object({ path: z.string(), rows: z.number().int() }) },

  /**
   * Issues attestations as a job (progress, cancel): every person of a CSV list, or every driver a saved simulation
   * paid on the period, one PDF each into a new folder of the exports folder, with a summary workbook. Answers the
   * job id and the folder.
   */
  'attestations:batch': {
    req: z
      .object({ source: AttestationBatchSource, from: CalendarDay, to: CalendarDay })
      .strict()
      .refine((req) => req.from <= req.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] }),
    res: z.object({ jobId: z.string(), folder: z.string() }),
  },

  /**
   * Writes the declared-trip file template (`;` CSV, UTF-8 with BOM, French headers, a commented example) as a new
   * file of the exports folder; answers its path (docs/declarations.md).
   */
  'declarations:template': { req: NoInput, res: z.object({ path: z.string() }) },

  /**
   * Imports a file of declared journeys as a job: by its path, or by its text as the page read it (a file dropped in
   * browser mode has no path; at most 900,000 characters). Every row is accepted, a duplicate of a journey already
   * declared, or rejected with its line, field and reason; the batch is written whole, with its audit entry, or not
   * at all. Declared journeys are kept apart from the registry's proofs.
   */
  'declarations:import': {
    req: z.union([
      z.object({ path: FilePath }).strict(),
      z.object({ fileName: z.string().trim().min(1).max(255), text: z.string().max(900_000) }).strict(),
    ]),
    res: z.object({ jobId: z.string() }),
  },

  /**
   * Declares one journey typed in the form, checked by the rules of a file's line: recorded (with its audit entry)
   * when accepted; a duplicate or a rejected journey writes nothing and comes back with its problems by field.
   */
  'declarations:add': { req: DeclarationEntry, res: DeclarationAddResult },

  /** Imports and form entries of declared journeys, newest first: one page and the total. */
  'declarations:batches': {
    req: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(20) }).strict(),
    res: z.object({ total: z.number().int(), rows: z.array(DeclarationBatch) }),
  },

  /** The rows of a batch (or of every batch) not accepted, one entry per problem, by line: one page and the total. */
  'declarations:report': {
    req: z.object({ batchId: z.number().int().positive().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    res: z.object({ total: z.number().int(), rows: z.array(DeclarationReportRow) }),
  },

  /** Writes the rows not accepted (of a batch, or all) as a `;` CSV for Excel in the exports folder. */
  'declarations:report-export': {
    req: z.object({ batchId: z.number().int().positive().optional() }).strict(),
    res: z.object({ path: z.string(), rows: z.number().int() }),
  },

  /** Declared journeys (of one declarant when given), latest departure first: one page and the total. */
  'declarations:trips': {
    req: z.object({ declarant: z.string().trim().min(1).max(200).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(25) }).strict(),
    res: z.object({ total: z.number().int(), rows: z.array(DeclaredTrip) }),
  },

  /**
   * Declared journeys of a territory and period (statistics' level, code, direction and local days), the separate
   * series the Statistiques page shows on demand: never part of the registry's figures.
   */
  'declarations:count': { req: DeclaredCountQuery, res: DeclaredCount },

  /**
   * Territories (communes, EPCI, AOM, départements, régions) whose name matches `text` (accents and case ignored,
   * start of words first), at most `limit` (default 20), with their context, population and journeys in the store.
   */
  'territory:search': {
    req: z.object({ text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    res: z.array(TerritoryMatch),
  },

  /**
   * The « Mon territoire » home page: a territory's journeys, carpools, carpoolers, distance, incentives and operators
   * over a period (default: the last three complete months) with the same period a year before, months, main flows,
   * operators, hours and weekdays, incentives already paid and by whom, what waits for the user, the store's coverage.
   */
  'territory:summary': { req: TerritorySummaryRequest, res: TerritorySummary },

  /**
   * Writes the one-page territory report (PDF, A4, French): the home figures, a map of flows, a chart and, when
   * `simulationId` is given, that saved simulation. As a job into the exports folder; answers the job id and file.
   */
  'territory:report': {
    req: z.object({ territory: TerritoryRef, from: CalendarDay.optional(), to: CalendarDay.optional(), simulationId: z.number().int().positive().optional() }).strict(),
    res: z.object({ jobId: z.string(), file: z.string() }),
  },

  /** Catalogue campaigns most comparable to a territory (size, kind, distance profile), closest first (at most 5). */
  'campaigns:comparable': { req: z.object({ territory: TerritoryRef }).strict(), res: z.array(ComparableCampaign) },

  /**
   * Turns a catalogue campaign into a draft for a territory and a period (default: the store's last twelve complete
   * months): its territory selector, window and budget adapted, said in `changes`.
   */
  'campaigns:draft': {
    req: z.object({ campaignId: z.string().trim().min(1).max(64), territory: TerritoryRef, from: CalendarDay.optional(), to: CalendarDay.optional() }).strict(),
    res: CampaignDraft,
  },

  /** What a simulation would run on (journeys of the period, of the campaign's territory), and why it may pay nothing. */
  'simulations:preflight': { req: SimulationRequest, res: SimulationPreflight },

  /** Impact indicators of the observatory for a period, the whole store or a territory. */
  'observatory:indicators': { req: ObservatoryRequest, res: ObservatoryIndicators },

  /**
   * Writes the observatory as a self-contained static site (index.html and its assets, no external address, opens
   * from the file system) into a new folder of the exports folder, as a job. Answers the job id and the folder.
   */
  'observatory:publish': { req: ObservatoryRequest, res: z.object({ jobId: z.string(), dir: z.string() }) },
} as const satisfies Record<Channel, { req: z.ZodType; res: z.ZodType }>;

/** Push events from the main side, validated by their schema in tests and by the renderer on receipt. */
export const events = {
  /** Throttled progress of a running job. */
  'job:progress': JobProgress,
  /** A job ended (done, failed, cancelled or interrupted). */
  'job:done': JobDone,
  /** Some tables changed; views showing them should reload. */
  'data:changed': z.object({ tables: z.array(z.string()) }),
} as const satisfies Record<EventName, z.ZodType>;

/** Request as the renderer writes it. */
export type Req<C extends Channel> = z.input<(typeof contract)[C]['req']>;
/** Request as a handler receives it, after validation and defaults. */
export type ParsedReq<C extends Channel> = z.output<(typeof contract)[C]['req']>;
/** Data of a successful answer. */
export type Res<C extends Channel> = z.output<(typeof contract)[C]['res']>;
/** Payload of a push event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
