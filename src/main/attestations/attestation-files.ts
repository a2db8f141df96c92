import type { AttestationPerson } from '../domain/attestations/attestation-person';

/** Letters, digits, `-` and `_` of a name part, at most `max` characters (`_` for anything else). */
function fileSafe(text: string, max: number): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, max) || 'personne';
}

/**
 * `attestation-<person>-<from>_<to><suffix>.pdf`: the person by the first 16 characters of its identity key, or by
 * operator and user id (as the user gave it, else the store's pseudonym). `suffix` keeps names apart (a code, `-2`…).
 */
export function attestationFileName(person: AttestationPerson, period: { from: string; to: string }, suffix = ''): string {
  const who = person.kind === 'identity' ? fileSafe(person.identityKey, 16) : `${fileSafe(person.operatorName, 24)}-${fileSafe(person.shownUserId ?? person.storedUserId, 32)}`;
  return `attestation-${who}-${period.from}_${period.to}${suffix}.pdf`;
}
