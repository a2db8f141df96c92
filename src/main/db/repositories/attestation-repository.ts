import type { Knex } from 'knex';
import type { AttestationFigures, AttestationRegisterFilter } from '../../../shared/types/attestations';
import { contentVersion, type AttestationContent } from '../../domain/attestations/attestation-content';
import { utcRange } from '../campaign-trip-source';
import type { AuditLogRepository } from './audit-log-repository';

/** Action and entity of the audit entry recorded with each attestation. */
export const ATTESTATION_ACTION = 'attestation.issue';
export const ATTESTATION_ENTITY = 'attestation';

/** An attestation to enter in the register. */
export interface AttestationEntry {
  content: AttestationContent;
  code: string;
  pagesDigest: string;
  /** Where its PDF is. */
  file: string | null;
  batchJobId: string | null;
}

/** A row of `attestations`. */
export interface AttestationRow {
  number: number;
  id: string;
  issued_at: string;
  actor: string;
  person: string;
  period_from: string;
  period_to: string;
  issuer_name: string;
  issuer_siret: string;
  figures_json: string;
  code: string;
  pages_digest: string;
  file: string | null;
  batch_job_id: string | null;
  audit_id: number;
}

/** What the audit log recorded of an attestation when it was issued. */
export interface AttestationAuditView {
  code: string;
  pagesDigest: string;
  person: string;
}

/** The content as the register keeps it, to recompute its code. */
export function contentOfRow(row: AttestationRow): AttestationContent {
  const figures = JSON.parse(row.figures_json) as AttestationFigures;
  return {
    version: contentVersion(figures),
    id: row.id,
    issuedAt: row.issued_at,
    issuer: { name: row.issuer_name, siret: row.issuer_siret },
    person: row.person,
    period: { from: row.period_from, to: row.period_to },
    figures,
  };
}

const isoMs = (instant: string): string => new Date(instant).toISOString();

/** Hex digits just after every code starting with `prefix` (lower-case hex sorts before `g`). */
const prefixEnd = (prefix: string): string => `${prefix}g`;

/**
 * The register of issued attestations (`attestations`, append-only): each entry is written with its audit log entry
 * (who, when, code, digest of the pages) in one transaction, so the log vouches for the code issued.
 */
export class AttestationRepository {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLogRepository,
  ) {}

  /** Enters attestations in the register with one audit entry each, all or none; answers their numbers. */
  async insert(entries: readonly AttestationEntry[], actor: string, at: string): Promise<number[]> {
    return this.audit.transaction(async (trx, append) => {
      const numbers: number[] = [];
      for (const entry of entries) {
        const { content } = entry;
        const after = { code: entry.code, pagesDigest: entry.pagesDigest, person: content.person, from: content.period.from, to: content.period.to, file: entry.file };
        const auditId = await append({ actor, action: ATTESTATION_ACTION, entity: ATTESTATION_ENTITY, entityId: content.id, before: null, after }, at);
        const [inserted] = (await trx('attestations')
          .insert({
            id: content.id,
            issued_at: content.issuedAt,
            actor,
            person: content.person,
            period_from: content.period.from,
            period_to: content.period.to,
            issuer_name: content.issuer.name,
            issuer_siret: content.issuer.siret,
            figures_json: JSON.stringify(content.figures),
            code: entry.code,
            pages_digest: entry.pagesDigest,
            file: entry.file,
            batch_job_id: entry.batchJobId,
            audit_id: auditId,
          })
          .returning('number')) as Array<{ number: number }>;
        if (!inserted) throw new Error('Attestation non enregistrée');
        numbers.push(inserted.number);
      }
      return numbers;
    });
  }

  /** Entries whose code starts with `prefix` (lower-case hex; a full code gives at most one), at most `limit`. */
  async byCodePrefix(prefix: string, limit = 2): Promise<AttestationRow[]> {
    return (await this.db('attestations').where('code', '>=', prefix).andWhere('code', '<', prefixEnd(prefix)).orderBy('code').limit(limit)) as AttestationRow[];
  }

  /** What the audit log recorded when the entry was issued, or null when its entry is missing or not an issue. */
  async auditView(row: AttestationRow): Promise<AttestationAuditView | null> {
    const entry = (await this.db('audit_log').where({ id: row.audit_id }).first('action', 'entity_id', 'after_json')) as
      | { action: string; entity_id: string | null; after_json: string | null }
      | undefined;
    if (!entry || entry.action !== ATTESTATION_ACTION || entry.entity_id !== row.id || entry.after_json === null) return null;
    return JSON.parse(entry.after_json) as AttestationAuditView;
  }

  /** The register filtered, newest first: one page and the total over every page. */
  async page(filter: AttestationRegisterFilter, offset: number, limit: number): Promise<{ total: number; rows: AttestationRow[] }> {
    const counted = (await this.filtered(filter).count({ n: '*' }).first()) as { n: number | string } | undefined;
    const rows = (await this.filtered(filter).orderBy('number', 'desc').offset(offset).limit(limit)) as AttestationRow[];
    return { total: Number(counted?.n ?? 0), rows };
  }

  /** Attestations issued (optionally on local days `from`–`to`, Europe/Paris, inclusive): an indicator of use. */
  async count(period?: { from: string; to: string }): Promise<number> {
    const counted = (await this.filtered(period ? { issuedFrom: period.from, issuedTo: period.to } : {}).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(counted?.n ?? 0);
  }

  private filtered(filter: AttestationRegisterFilter): Knex.QueryBuilder {
    const query = this.db('attestations');
    if (filter.person !== undefined) query.where('person', filter.person);
    if (filter.code !== undefined) {
      const prefix = filter.code.replace(/[\s-]/g, '').toLowerCase();
      query.where('code', '>=', prefix).andWhere('code', '<', prefixEnd(prefix));
    }
    // Issue instants are `toISOString()` texts (milliseconds): the bounds are written the same way to compare as text.
    if (filter.issuedFrom !== undefined) query.where('issued_at', '>=', isoMs(utcRange({ from: filter.issuedFrom, to: filter.issuedFrom })[0]));
    if (filter.issuedTo !== undefined) query.where('issued_at', '<', isoMs(utcRange({ from: filter.issuedTo, to: filter.issuedTo })[1]));
    if (filter.actor !== undefined) query.where('actor', filter.actor);
    if (filter.source === 'single') query.whereNull('batch_job_id');
    if (filter.source === 'batch') query.whereNotNull('batch_job_id');
    return query;
  }
}
