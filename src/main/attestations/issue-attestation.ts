import { randomUUID } from 'node:crypto';
import type { AttestationIssuer } from '../../shared/types/attestations';
import { attestationDayRows, type PersonMatch } from '../db/attestation-figures';
import type { SqlExecutor } from '../db/sql-executor';
import { ATTESTATION_CONTENT_VERSION, shortCode, type AttestationContent } from '../domain/attestations/attestation-content';
import { attestationFigures } from '../domain/attestations/attestation-figures';
import { declaredFigures } from '../domain/declarations/declared-figures';
import { declaredDayRows } from '../db/declaration-source';
import { describePerson, type AttestationPerson } from '../domain/attestations/attestation-person';
import { renderAttestationPdf } from '../exports/attestation-pdf';
import { readAttestationPdf } from '../exports/attestation-pdf-read';
import { attestationCode } from './attestation-code';

/** An attestation computed and printed, not yet in the register. */
export interface PreparedAttestation {
  content: AttestationContent;
  code: string;
  shortCode: string;
  /** SHA-256 of the PDF's pages (`pagesDigest`), kept in the register to check a PDF later. */
  pagesDigest: string;
  pdf: Uint8Array;
}

/** Who, when, by whom: what an attestation is issued with besides the store's figures. */
export interface AttestationRequest {
  person: AttestationPerson;
  period: { from: string; to: string };
  issuer: AttestationIssuer;
  /** ISO 8601 UTC. */
  issuedAt: string;
}

/** The person as its journeys name it. */
export function personMatch(person: AttestationPerson): PersonMatch {
  return person.kind === 'identity'
    ? { kind: 'identity', identityKey: person.identityKey }
    : { kind: 'operator', operatorId: person.operatorId, storedUserId: person.storedUserId };
}

/**
 * Computes an attestation from the store (the person's validated journeys of the period, confirmed fraud left out,
 * and apart the journeys declared naming the person: docs/declarations.md), gives it a register id and its code,
 * prints its PDF and takes the digest of the pages as a verification will read them back. Used alike by the main thread (one attestation) and the batch worker; the register entry is written by
 * the caller.
 */
export async function prepareAttestation(db: SqlExecutor, request: AttestationRequest): Promise<PreparedAttestation> {
  const rows = await attestationDayRows(db, personMatch(request.person), request.period);
  const declared = declaredFigures(await declaredDayRows(db, request.person.key, request.period), request.period);
  const content: AttestationContent = {
    version: ATTESTATION_CONTENT_VERSION,
    id: randomUUID(),
    issuedAt: request.issuedAt,
    issuer: { name: request.issuer.name, siret: request.issuer.siret },
    person: request.person.key,
    period: { from: request.period.from, to: request.period.to },
    figures: { ...attestationFigures(rows, request.period), declared },
  };
  const code = attestationCode(content);
  const pdf = await renderAttestationPdf({ content, code, personLines: describePerson(request.person).lines });
  const { pagesDigest } = await readAttestationPdf(pdf);
  return { content, code, shortCode: shortCode(code), pagesDigest, pdf };
}
