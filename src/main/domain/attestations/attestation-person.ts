/**
 * A person as the user writes it (command line, CSV of an employer): an identity key, or `u:<operator>:<user id>`
 * where the operator is its id in the store or its name, and the user id the one the operator's app shows.
 */
export type PersonKeyText = { kind: 'identity'; identityKey: string } | { kind: 'operator'; operator: string; userId: string };

/**
 * Reads a person key (trimmed): `u:<operator>:<user id>` (the review pages' form; the user id may hold `:`), else
 * an identity key. Null for an empty text or an incomplete `u:` key.
 */
export function parsePersonKey(text: string): PersonKeyText | null {
  const key = text.trim();
  if (key === '') return null;
  if (!key.startsWith('u:')) return { kind: 'identity', identityKey: key };
  const match = /^u:([^:]+):(.+)$/.exec(key);
  if (!match) return null;
  const [, operator, userId] = match as unknown as [string, string, string];
  return operator.trim() === '' || userId.trim() === '' ? null : { kind: 'operator', operator: operator.trim(), userId: userId.trim() };
}

/**
 * A person resolved against the store: `key` is how the store's person keys name it (identity key, or
 * `u:<operator id>:<stored user id>` as db/person-sql.ts builds it), the stored user id being the store's pseudonym.
 * `shownUserId` is the user id as the user gave it (printed on the PDF, never stored), null when only the store's
 * pseudonym is known (drivers of a simulation).
 */
export type AttestationPerson =
  | { kind: 'identity'; key: string; identityKey: string }
  | { kind: 'operator'; key: string; operatorId: number; operatorName: string; storedUserId: string; shownUserId: string | null };

/** The store key of an operator's user. */
export function operatorUserKey(operatorId: number, storedUserId: string): string {
  return `u:${operatorId}:${storedUserId}`;
}

/**
 * A simulation's driver (`db/campaign-trip-source.ts` names persons by identity key, else `op<operator id>:<user
 * id>`) as a person key of the store; null for a driver with neither (no attestation can name them).
 */
export function simulationDriverKey(driver: string): { kind: 'identity'; identityKey: string } | { kind: 'operator'; operatorId: number; storedUserId: string } | null {
  const match = /^op(\d+):(.*)$/.exec(driver);
  if (!match) return driver === '' ? null : { kind: 'identity', identityKey: driver };
  const [, operatorId, userId] = match as unknown as [string, string, string];
  return userId === '' || operatorId === '0' ? null : { kind: 'operator', operatorId: Number(operatorId), storedUserId: userId };
}

/** A stored person key read back: identity key, or operator id and stored user id. */
export function splitStoredKey(key: string): { kind: 'identity'; identityKey: string } | { kind: 'operator'; operatorId: number; storedUserId: string } {
  const match = /^u:(\d+):(.+)$/.exec(key);
  return match ? { kind: 'operator', operatorId: Number(match[1]), storedUserId: match[2] as string } : { kind: 'identity', identityKey: key };
}

/** The lines that name the person on an attestation, and the same in one sentence for lists. */
export function describePerson(person: AttestationPerson): { lines: string[]; text: string } {
  if (person.kind === 'identity') {
    return { lines: [`Clé d’identité : ${person.identityKey}`], text: `Clé d’identité ${person.identityKey}` };
  }
  const shown = person.shownUserId ?? `${person.storedUserId} (pseudonyme gardé par la base)`;
  return {
    lines: [`Opérateur : ${person.operatorName}`, `Identifiant utilisateur chez l’opérateur : ${shown}`],
    text: `Utilisateur ${shown} de ${person.operatorName}`,
  };
}
