import type { AttestationFigures, AttestationRecord, AttestationRegisterFilter } from '../../shared/types/attestations';
import { formatDay, formatInteger } from '../../shared/util/format';
import type { AttestationRow } from '../db/repositories/attestation-repository';
import { shortCode } from '../domain/attestations/attestation-content';
import { describePerson, splitStoredKey, type AttestationPerson } from '../domain/attestations/attestation-person';
import { utcToParisLocal } from '../domain/time/paris-time';

/**
 * A register row as the contract gives it: figures parsed, printed code, and the person in words (an operator's user
 * by the store's pseudonym: the register never keeps a user id in clear). `names` are the operators by id.
 */
export function toRecord(row: AttestationRow, names: ReadonlyMap<number, string>): AttestationRecord {
  const stored = splitStoredKey(row.person);
  const person: AttestationPerson =
    stored.kind === 'identity'
      ? { kind: 'identity', key: row.person, identityKey: stored.identityKey }
      : { kind: 'operator', key: row.person, operatorId: stored.operatorId, operatorName: names.get(stored.operatorId) ?? `opérateur ${stored.operatorId}`, storedUserId: stored.storedUserId, shownUserId: null };
  return {
    id: row.id,
    number: row.number,
    issuedAt: row.issued_at,
    actor: row.actor,
    person: row.person,
    personText: describePerson(person).text,
    from: row.period_from,
    to: row.period_to,
    issuer: { name: row.issuer_name, siret: row.issuer_siret },
    figures: JSON.parse(row.figures_json) as AttestationFigures,
    code: row.code,
    shortCode: shortCode(row.code),
    file: row.file,
    batchJobId: row.batch_job_id,
  };
}

/** The entry in one French clause: `émise le 07/12/2026 par X pour Y, du … au … (N trajets)`. */
export function summaryText(record: AttestationRecord): string {
  const journeys = record.figures.totals.journeysAsDriver + record.figures.totals.journeysAsPassenger;
  return (
    `émise le ${formatDay(utcToParisLocal(record.issuedAt).slice(0, 10))} par ${record.issuer.name} pour ${record.personText}, ` +
    `du ${formatDay(record.from)} au ${formatDay(record.to)} (${formatInteger(journeys)} trajet${journeys > 1 ? 's' : ''})`
  );
}

/** The register's filters in words, for its workbook. */
export function filterText(filter: AttestationRegisterFilter): string {
  const parts = [
    filter.person ? `personne ${filter.person}` : null,
    filter.code ? `code commençant par ${filter.code}` : null,
    filter.issuedFrom ? `émises à partir du ${formatDay(filter.issuedFrom)}` : null,
    filter.issuedTo ? `émises jusqu’au ${formatDay(filter.issuedTo)}` : null,
    filter.actor ? `par ${filter.actor}` : null,
    filter.source ? (filter.source === 'batch' ? 'émises par lot' : 'émises une à une') : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'aucun : tout le registre';
}
