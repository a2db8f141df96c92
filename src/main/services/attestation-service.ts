import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import type { CampaignDefinition } from '../../shared/campaigns/definition-types';
import { UserError } from '../../shared/ipc/result';
import type {
  AttestationBatchSource, AttestationBatchSummary, AttestationIssuer, AttestationPersonInput, AttestationRecord, AttestationRegisterFilter,
  AttestationVerification,
} from '../../shared/types/attestations';
import type { Settings } from '../../shared/types/settings';
import type { SimulationRequest } from '../../shared/types/simulation';
import { formatDay, formatInteger } from '../../shared/util/format';
import { attestationCode } from '../attestations/attestation-code';
import { attestationFileName } from '../attestations/attestation-files';
import { filterText, summaryText, toRecord } from '../attestations/attestation-records';
import { personMatch, prepareAttestation } from '../attestations/issue-attestation';
import { decodeListText, readPersonList } from '../attestations/person-list';
import { personKnown } from '../db/attestation-figures';
import { contentOfRow, type AttestationRepository, type AttestationRow } from '../db/repositories/attestation-repository';
import type { SimulationRepository } from '../db/repositories/simulation-repository';
import type { SqlExecutor } from '../db/sql-executor';
import { normaliseCode } from '../domain/attestations/attestation-content';
import { describePerson, operatorUserKey, parsePersonKey, type AttestationPerson, type PersonKeyText } from '../domain/attestations/attestation-person';
import { utcToParisLocal } from '../domain/time/paris-time';
import { writeRegisterWorkbook, type AttestationLine, type SkippedPerson } from '../exports/attestation-workbooks';
import { readAttestationPdf } from '../exports/attestation-pdf-read';
import { writeThroughPartial } from '../exports/partial-file';
import type { UserIdPseudonymiser } from '../extracts/pseudonymise';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../platform/private-files';
import type { AttestationBatchParams } from '../workers/tasks/attestation-batch';
import { simulationOverrides } from './campaign-service';

/** What the attestation service works with (wired by app-services.ts). */
export interface AttestationServiceDeps {
  runner: JobRunner;
  repository: AttestationRepository;
  /** The main thread's executor: one attestation's figures are read there, a batch's in the worker. */
  sql: SqlExecutor;
  simulations: SimulationRepository;
  settings: () => Promise<Settings>;
  operators: () => Promise<Array<{ id: number; name: string }>>;
  /** The store's user-id pseudonymiser (null for a store that keeps them in clear); throws when the key is unusable. */
  pseudonymiser: () => Promise<UserIdPseudonymiser | null>;
  /** Who this session acts as (audit log). */
  actor: string;
  storeAddress: string;
  exportDir: string;
  now: () => Date;
}

/** A person as asked through the contract (form) or typed (CLI, CSV). */
type PersonAsked = AttestationPersonInput | PersonKeyText;

/** The worker's persons of a batch waiting for their job to start (see `batch`). */
type BatchPersons = AttestationBatchParams['persons'];

/** What the batch job is started with; the persons stay in memory (`pending`), out of the job history. */
interface BatchJobParams extends Record<string, unknown> {
  folder: string;
  from: string;
  to: string;
  source: string;
  /** Key of the persons in `pending`. */
  token: string;
}

interface BatchContext {
  folder: string;
  stagingDir: string;
  /** Final paths already moved out of the staging folder (deleted again if the job fails after). */
  moved: string[];
  jobId: string;
}

/** `YYYYMMDD-HHMMSS` in Paris time: folder names of batches. */
function stamp(date: Date): string {
  return utcToParisLocal(date.toISOString()).replace(/[-:]/g, '').replace(' ', '-');
}

/**
 * Attestations de covoiturage (docs/attestations.md): figures of a person over a period from the store, a PDF with a
 * verification code entered in the register with the audit log, verification of a PDF or a code against the
 * register, batches as a job, the register and its Excel export, and the count of attestations issued.
 */
export class AttestationService {
  private readonly batchDefinition: JobDefinition<'attestation.batch', BatchJobParams, BatchContext, AttestationBatchSummary>;
  /** Persons of batches started and not yet prepared, by token: a list may hold thousands of user ids in clear. */
  private readonly pending = new Map<string, { persons: BatchPersons; issuer: AttestationIssuer; issuedAt: string }>();

  constructor(private readonly deps: AttestationServiceDeps) {
    this.batchDefinition = {
      kind: 'attestation.batch',
      task: 'attestation.batch',
      tables: ['attestations', 'audit_log'],
      prepare: async (params, jobId) => {
        const batch = this.pending.get(params.token);
        this.pending.delete(params.token);
        if (!batch) throw new Error('Lot d’attestations introuvable (application redémarrée ?) : relancez-le.');
        const stagingDir = join(params.folder, `.attestations-${jobId}.partial`);
        await makePrivateDir(stagingDir);
        return {
          context: { folder: params.folder, stagingDir, moved: [], jobId },
          workerParams: { storeAddress: this.deps.storeAddress, stagingDir, period: { from: params.from, to: params.to }, issuer: batch.issuer, issuedAt: batch.issuedAt, persons: batch.persons },
          total: batch.persons.kind === 'list' ? batch.persons.entries.length : 0,
        };
      },
      commit: async (context, result) => {
        // Files first, then the register: an attestation in the register always has its PDF where it says.
        const entries = [];
        for (const attestation of result.attestations) {
          const file = join(context.folder, attestation.fileName);
          await rename(join(context.stagingDir, attestation.fileName), file);
          context.moved.push(file);
          entries.push({ content: attestation.content, code: attestation.code, pagesDigest: attestation.pagesDigest, file, batchJobId: context.jobId });
        }
        const workbook = join(context.folder, result.workbookName);
        await rename(join(context.stagingDir, result.workbookName), workbook);
        context.moved.push(workbook);
        await this.deps.repository.insert(entries, this.deps.actor, this.deps.now().toISOString());
        await rm(context.stagingDir, { recursive: true, force: true });
        return { folder: context.folder, workbook, persons: result.persons, issued: entries.length, skipped: result.skipped.length, seconds: Math.round(result.seconds * 10) / 10 };
      },
      rollback: async (context) => {
        await rm(context.stagingDir, { recursive: true, force: true });
        for (const file of context.moved) await rm(file, { force: true });
      },
    };
  }

  /** The issuer of the settings; refused (French message) until both name and SIRET are set. */
  async issuer(): Promise<AttestationIssuer> {
    const settings = await this.deps.settings();
    const name = settings['attestations.issuerName'];
    const siret = settings['attestations.issuerSiret'];
    if (name === null || siret === null) {
      throw new UserError(
        'conflict',
        'Émetteur des attestations non renseigné : indiquez le nom et le SIRET de l’organisme (page Attestations, « Émetteur », ou atelier attestation issuer --name NOM --siret SIRET).',
      );
    }
    return { name, siret };
  }

  /**
   * The person of a form, a command line or a CSV line as the store names it: an identity key as it is, or an
   * operator (id or name) and a user id, the user id turned into the store's pseudonym (docs/privacy.md). Refused
   * when the operator is unknown.
   */
  async resolvePerson(asked: PersonAsked): Promise<AttestationPerson> {
    if (asked.kind === 'identity') return { kind: 'identity', key: asked.identityKey, identityKey: asked.identityKey };
    const operators = await this.deps.operators();
    const wanted = 'operatorId' in asked ? String(asked.operatorId) : asked.operator;
    const operator = /^\d+$/.test(wanted) ? operators.find((candidate) => candidate.id === Number(wanted)) : operators.find((candidate) => candidate.name.toLowerCase() === wanted.toLowerCase());
    if (!operator) throw new UserError('not_found', `Opérateur inconnu dans la base : « ${wanted} »`);
    const storedUserId = (await this.deps.pseudonymiser())?.pseudonym(asked.userId) ?? asked.userId;
    return { kind: 'operator', key: operatorUserKey(operator.id, storedUserId), operatorId: operator.id, operatorName: operator.name, storedUserId, shownUserId: asked.userId };
  }

  /**
   * Issues one attestation: figures of the person over the period (local days, inclusive) from the store, PDF written
   * to `out` (default: the exports folder), entered in the register with its audit entry. Refused without an issuer
   * or for a person the store has never seen. Answers the register entry and the file.
   */
  async create(request: { person: PersonAsked; from: string; to: string }, out?: string): Promise<{ attestation: AttestationRecord; file: string }> {
    const issuer = await this.issuer();
    const person = await this.resolvePerson(request.person);
    if (!(await personKnown(this.deps.sql, personMatch(person)))) {
      throw new UserError('not_found', `Aucun trajet de cette personne dans la base (${describePerson(person).text}) : vérifiez la clé ou l’identifiant.`);
    }
    const period = { from: request.from, to: request.to };
    const issuedAt = this.deps.now().toISOString();
    const prepared = await prepareAttestation(this.deps.sql, { person, period, issuer, issuedAt });
    const file = out ? resolvePath(out) : join(this.deps.exportDir, attestationFileName(person, period, `-${prepared.shortCode}`));
    await makePrivateDir(dirname(file));
    // The register entry is written before the file takes its name: a file under its final name is registered.
    await writeThroughPartial(file, async (partial) => {
      await writeFile(partial, prepared.pdf, { mode: PRIVATE_FILE_MODE });
      await this.deps.repository.insert([{ content: prepared.content, code: prepared.code, pagesDigest: prepared.pagesDigest, file, batchJobId: null }], this.deps.actor, issuedAt);
    });
    const [row] = await this.deps.repository.byCodePrefix(prepared.code, 1);
    return { attestation: await this.record(row as AttestationRow), file };
  }

  /**
   * Verifies an attestation PDF against the register: its code (document properties) must be in the register, the
   * entry must still give that code and match the audit log, and the pages must be the ones issued (digest). Never
   * throws for a bad file: the answer says why it is not authentic.
   */
  async verifyFile(path: string): Promise<AttestationVerification> {
    const bytes = await readFile(resolvePath(path)).catch((error: unknown) => {
      throw new UserError('not_found', `Fichier illisible : ${path} (${error instanceof Error ? error.message : String(error)})`);
    });
    let facts: Awaited<ReturnType<typeof readAttestationPdf>>;
    try {
      facts = await readAttestationPdf(bytes);
    } catch (error) {
      return this.failed('unreadable', `Ce fichier n’est pas un PDF lisible (${error instanceof Error ? error.message : String(error)}).`, null, null);
    }
    if (facts.codes.length === 0) return this.failed('no_code', 'Ce PDF ne porte aucun code de vérification d’Atelier Covoiturage : ce n’est pas une attestation émise avec l’application.', null, null);
    if (facts.code === null) {
      return this.failed('content_altered', 'Les propriétés du document portent des codes de vérification différents : elles ont été modifiées après l’émission.', facts.codes[0] ?? null, null);
    }
    const [row] = await this.deps.repository.byCodePrefix(facts.code, 1);
    if (!row) return this.failed('unknown_code', 'Code inconnu du registre de cette base : cette attestation n’y a pas été émise, ou son code a été modifié.', facts.code, null);
    const altered = await this.registerProblem(row);
    const record = await this.record(row);
    if (altered) return this.failed('register_altered', altered, facts.code, record);
    if (facts.pagesDigest !== row.pages_digest) {
      return this.failed(
        'content_altered',
        `Le contenu du PDF a été modifié après l’émission : ses pages ne sont pas celles de l’attestation n° ${row.number} (code ${record.shortCode}) ; un chiffre, la personne ou la période a pu être changé.`,
        facts.code,
        record,
      );
    }
    return {
      authentic: true,
      problem: null,
      message: `Attestation authentique et inchangée : n° ${row.number}, ${summaryText(record)}.`,
      code: facts.code,
      attestation: record,
    };
  }

  /**
   * Verifies a code (printed short form or full form) against the register, and, when `person` is given, that it is
   * that person's: a code copied from another attestation fails. Answers the entry so that its figures can be
   * compared with the document shown.
   */
  async verifyCode(text: string, person?: PersonAsked): Promise<AttestationVerification> {
    const code = normaliseCode(text);
    if (code === null) return this.failed('invalid_code', 'Code illisible : 16 ou 64 chiffres hexadécimaux attendus (par exemple 3F2A-9C01-B7D4-0E55).', null, null);
    const rows = await this.deps.repository.byCodePrefix(code, 2);
    if (rows.length === 0) return this.failed('unknown_code', 'Code inconnu du registre de cette base : aucune attestation émise ici ne porte ce code.', null, null);
    if (rows.length > 1) return this.failed('ambiguous_code', 'Plusieurs attestations commencent par ce code : saisissez le code complet (propriétés du PDF).', null, null);
    const row = rows[0] as AttestationRow;
    const record = await this.record(row);
    const altered = await this.registerProblem(row);
    if (altered) return this.failed('register_altered', altered, row.code, record);
    if (person !== undefined) {
      const asked = await this.resolvePerson(person);
      if (asked.key !== row.person) {
        return this.failed('other_person', `Ce code est celui de l’attestation n° ${row.number}, d’une autre personne (${record.personText}) : code copié.`, row.code, record);
      }
    }
    return {
      authentic: true,
      problem: null,
      message: `Code valide : attestation n° ${row.number}, ${summaryText(record)}. Comparez ses chiffres avec ceux du document présenté.`,
      code: row.code,
      attestation: record,
    };
  }

  /** The register, newest first: one page (`limit` entries from `offset`) and the total over every page. */
  async register(filter: AttestationRegisterFilter, offset: number, limit: number): Promise<{ total: number; rows: AttestationRecord[] }> {
    const page = await this.deps.repository.page(await this.storedFilter(filter), offset, limit);
    const names = await this.operatorNames();
    return { total: page.total, rows: page.rows.map((row) => toRecord(row, names)) };
  }

  /** Writes the (filtered) register as an Excel workbook in the exports folder; answers its path and row count. */
  async exportRegister(filter: AttestationRegisterFilter): Promise<{ path: string; rows: number }> {
    const names = await this.operatorNames();
    const stored = await this.storedFilter(filter);
    const lines: AttestationLine[] = [];
    for (let offset = 0; ; offset += 5_000) {
      const page = await this.deps.repository.page(stored, offset, 5_000);
      for (const row of page.rows) {
        const record = toRecord(row, names);
        lines.push({
          number: record.number, issuedAt: record.issuedAt, person: record.personText, from: record.from, to: record.to,
          shortCode: record.shortCode, code: record.code, totals: record.figures.totals, file: record.file, actor: record.actor,
        });
      }
      if (page.rows.length < 5_000) break;
    }
    await makePrivateDir(this.deps.exportDir);
    const now = this.deps.now();
    const path = join(this.deps.exportDir, `registre-attestations-${stamp(now)}.xlsx`);
    await writeRegisterWorkbook(path, { filters: filterText(filter), generatedAt: now.toISOString(), lines });
    return { path, rows: lines.length };
  }

  /**
   * Starts a batch as a job: an attestation for every person of a CSV list (docs/attestations.md, « Lot ») or every
   * driver a saved simulation paid on the period, each PDF into `outDir` (default: a new folder of the exports
   * folder) with a summary workbook. Lines naming no person, unknown operators and duplicates are reported in the
   * workbook. Answers the job id and the folder.
   */
  async batch(request: { source: AttestationBatchSource; from: string; to: string }, outDir?: string): Promise<{ jobId: JobId<AttestationBatchSummary>; folder: string }> {
    const issuer = await this.issuer();
    const period = { from: request.from, to: request.to };
    const persons = request.source.kind === 'csv' ? await this.listPersons(request.source.path) : await this.simulationPersons(request.source.simulationId, period);
    const now = this.deps.now();
    const folder = outDir ? resolvePath(outDir) : join(this.deps.exportDir, `attestations-${period.from}_${period.to}-${stamp(now)}`);
    const token = randomUUID();
    this.pending.set(token, { persons, issuer, issuedAt: now.toISOString() });
    try {
      const jobId = await this.deps.runner.start(this.batchDefinition, { folder, from: period.from, to: period.to, source: persons.label, token });
      // A job cancelled while queued never prepares: its persons are dropped when it ends, whatever the end.
      const drop = (): void => void this.pending.delete(token);
      void this.deps.runner.wait(jobId).then(drop, drop);
      return { jobId, folder };
    } catch (error) {
      this.pending.delete(token);
      throw error;
    }
  }

  /** Attestations issued (optionally on the local days `from`–`to`, inclusive): the observatory's indicator of use. */
  count(period?: { from: string; to: string }): Promise<number> {
    return this.deps.repository.count(period);
  }

  /** The filter with its person as the register keeps it (a user id typed in clear becomes the store's pseudonym). */
  private async storedFilter(filter: AttestationRegisterFilter): Promise<AttestationRegisterFilter> {
    const key = filter.person === undefined ? null : parsePersonKey(filter.person);
    return key ? { ...filter, person: (await this.resolvePerson(key)).key } : filter;
  }

  /** The persons of a CSV list, resolved; lines naming nobody, unknown operators and duplicates set apart. */
  private async listPersons(path: string): Promise<BatchPersons> {
    const bytes = await readFile(resolvePath(path)).catch((error: unknown) => {
      throw new UserError('not_found', `Liste de personnes illisible : ${path} (${error instanceof Error ? error.message : String(error)})`);
    });
    let listed: ReturnType<typeof readPersonList>;
    try {
      listed = readPersonList(decodeListText(bytes));
    } catch (error) {
      throw new UserError('invalid_input', error instanceof Error ? error.message : String(error));
    }
    const skipped: SkippedPerson[] = listed.rejected.map((line) => ({ line: line.line, person: line.text, reason: line.reason }));
    const entries: Array<{ line: number; person: AttestationPerson }> = [];
    const seen = new Map<string, number>();
    for (const { line, key } of listed.persons) {
      const text = key.kind === 'identity' ? key.identityKey : `u:${key.operator}:${key.userId}`;
      let person: AttestationPerson;
      try {
        person = await this.resolvePerson(key);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        skipped.push({ line, person: text, reason: error.message });
        continue;
      }
      const first = seen.get(person.key);
      if (first !== undefined) skipped.push({ line, person: text, reason: `en double (ligne ${first})` });
      else {
        seen.set(person.key, line);
        entries.push({ line, person });
      }
    }
    if (entries.length === 0) throw new UserError('invalid_input', `Aucune personne à attester dans ${basename(path)} (${skipped.length} ligne(s) écartée(s)).`);
    return { kind: 'list', label: `liste ${basename(path)} (${formatInteger(listed.persons.length + listed.rejected.length)} lignes)`, entries, skipped };
  }

  /** A saved simulation as it ran, whose paid drivers of the period the worker finds; refused if it misses the period. */
  private async simulationPersons(simulationId: number, period: { from: string; to: string }): Promise<BatchPersons> {
    const source = await this.deps.simulations.source(simulationId);
    if (!source) throw new UserError('not_found', `Simulation introuvable : ${simulationId}`);
    const definition = source.definition as CampaignDefinition;
    const request = source.request as SimulationRequest;
    if (period.to < request.from || period.from > request.to) {
      throw new UserError('invalid_input', `La période ne recoupe pas celle de la simulation n° ${simulationId} (du ${formatDay(request.from)} au ${formatDay(request.to)}).`);
    }
    return {
      kind: 'simulation',
      label: `conducteurs incités par la simulation n° ${simulationId} « ${definition.name} »`,
      simulation: {
        name: definition.name,
        definition,
        overrides: simulationOverrides(request),
        from: request.from,
        to: request.to,
        includeFlagged: request.includeFlagged,
        includeConfirmedFraud: request.includeConfirmedFraud ?? false,
      },
    };
  }

  /**
   * Why a register entry can no longer be trusted, or null: its content must still give its code, and the audit
   * entry recorded with it must hold that code, digest and person (a row rewritten with a recomputed code shows).
   */
  private async registerProblem(row: AttestationRow): Promise<string | null> {
    const recorded = await this.deps.repository.auditView(row);
    const matches = attestationCode(contentOfRow(row)) === row.code && recorded?.code === row.code && recorded.pagesDigest === row.pages_digest && recorded.person === row.person;
    return matches ? null : `L’inscription n° ${row.number} du registre ne correspond plus à son code ou au journal d’audit : le registre a été modifié depuis l’émission.`;
  }

  private failed(problem: NonNullable<AttestationVerification['problem']>, message: string, code: string | null, attestation: AttestationRecord | null): AttestationVerification {
    return { authentic: false, problem, message, code, attestation };
  }

  private async operatorNames(): Promise<Map<number, string>> {
    return new Map((await this.deps.operators()).map((operator) => [operator.id, operator.name]));
  }

  private async record(row: AttestationRow): Promise<AttestationRecord> {
    return toRecord(row, await this.operatorNames());
  }
}
