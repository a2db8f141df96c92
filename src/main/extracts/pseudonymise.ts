import { createHmac } from 'node:crypto';

/** Mark of a pseudonym: the registry's user ids never start with it, so a stored id tells what it is. */
export const PSEUDONYM_PREFIX = '~';
/** Characters of the HMAC kept (base64url, 6 bits each: 132 bits, no collision among billions of ids). */
const PSEUDONYM_CHARS = 22;
/** Ids remembered per import (commuters repeat theirs): enough for a territory's users, bounded memory. */
const CACHE_LIMIT = 500_000;

/**
 * Replaces operators' user ids (`operator_driver_id`, `operator_passenger_id`) by a keyed hash before they are
 * stored (docs/privacy.md): the store keeps what the checks and the review need — two journeys of the same user
 * have the same pseudonym, per store — and not the value, which only the store's key (kept outside the store) could
 * link back to an id one already knows. The key is derived from the store key for this purpose only.
 */
export class UserIdPseudonymiser {
  private readonly cache = new Map<string, string>();

  constructor(private readonly key: Buffer) {}

  /** The pseudonymiser of a key as worker parameters carry it (hex), or null for a store keeping user ids in clear. */
  static fromHex(key: string | null): UserIdPseudonymiser | null {
    return key === null ? null : new UserIdPseudonymiser(Buffer.from(key, 'hex'));
  }

  /** The pseudonym of an id (null stays null; an id already pseudonymised is kept as it is). */
  pseudonym(id: string | null): string | null {
    if (id === null || id.startsWith(PSEUDONYM_PREFIX)) return id;
    let pseudonym = this.cache.get(id);
    if (pseudonym === undefined) {
      pseudonym = PSEUDONYM_PREFIX + createHmac('sha256', this.key).update(id, 'utf8').digest('base64url').slice(0, PSEUDONYM_CHARS);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(id, pseudonym);
    }
    return pseudonym;
  }

  /** Pseudonymises a journey's user ids in place. */
  apply(trip: { operator_driver_id: string | null; operator_passenger_id: string | null }): void {
    trip.operator_driver_id = this.pseudonym(trip.operator_driver_id);
    trip.operator_passenger_id = this.pseudonym(trip.operator_passenger_id);
  }
}
