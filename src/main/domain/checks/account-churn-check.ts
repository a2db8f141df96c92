import { DRIVER_KEYED, PASSENGER_KEYED, type CheckContext } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag, CheckTrip } from './check-types';
import { keysOf } from './flag-helpers';

/** Values seen for one account, without allocating a Set while there is only one. */
interface Seen {
  first: string;
  others: Set<string> | null;
}

/** Nested map month → operator → account → values: avoids building a composite string key for every journey side. */
type Accounts = Map<number, Map<number | null, Map<string, Seen>>>;

/** Records a value for an account; returns how many distinct values the account has now. */
function note(accounts: Accounts, month: number, operator: number | null, account: string, value: string): number {
  let byOperator = accounts.get(month);
  if (!byOperator) accounts.set(month, (byOperator = new Map()));
  let byAccount = byOperator.get(operator);
  if (!byAccount) byOperator.set(operator, (byAccount = new Map()));
  const seen = byAccount.get(account);
  if (!seen) {
    byAccount.set(account, { first: value, others: null });
    return 1;
  }
  if (seen.first !== value) (seen.others ??= new Set()).add(value);
  return 1 + (seen.others?.size ?? 0);
}

function countOf(accounts: Accounts, month: number, operator: number | null, account: string): number {
  const seen = accounts.get(month)?.get(operator)?.get(account);
  return seen ? 1 + (seen.others?.size ?? 0) : 0;
}

/**
 * Distinct values met per owner, counted up to 3 (0, 1, 2, 3 = three or more) on typed arrays: enough to rule out
 * almost every account and key in one pass before any map is built.
 */
class CappedDistinct {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  readonly count: Uint8Array;

  constructor(owners: number) {
    this.first = new Int32Array(owners);
    this.second = new Int32Array(owners);
    this.count = new Uint8Array(owners);
  }

  add(owner: number, value: number): void {
    const count = this.count[owner] as number;
    if (count === 0) {
      this.first[owner] = value;
      this.count[owner] = 1;
    } else if (count === 1 && this.first[owner] !== value) {
      this.second[owner] = value;
      this.count[owner] = 2;
    } else if (count === 2 && this.first[owner] !== value && this.second[owner] !== value) this.count[owner] = 3;
  }

  /** Whether the owner may have more than `limit` distinct values in some month (never false when it has). */
  mayExceed(owner: number, limit: number): boolean {
    return (this.count[owner] as number) > Math.min(limit, 2);
  }
}

/**
 * Journeys with a side whose account or identity key could exceed a limit: the account's identity keys or the key's
 * accounts (any operator, whole extract) are more than the monthly limit allows. Only these go through the exact
 * monthly count, which is then the same as over all journeys.
 */
function suspectJourneys(context: CheckContext, maxKeysPerUser: number, maxUsersPerKey: number): Uint8Array {
  const { driverNo, passengerNo, keyedSides, personNames } = context;
  const { driverAccount, passengerAccount, userIds } = context.accounts();
  const n = driverNo.length;
  const keysOfAccount = new CappedDistinct(userIds.length);
  const accountsOfKey = new CappedDistinct(personNames.length);
  const exceeds = (key: number, account: number): boolean =>
    keysOfAccount.mayExceed(account, maxKeysPerUser) || accountsOfKey.mayExceed(key, maxUsersPerKey);
  // Sides with both an identity key and an account, driver then passenger; plain loops, no callback per journey.
  for (let i = 0; i < n; i += 1) {
    const keyed = keyedSides[i] as number;
    if ((keyed & DRIVER_KEYED) !== 0 && (driverAccount[i] as number) >= 0) {
      keysOfAccount.add(driverAccount[i] as number, driverNo[i] as number);
      accountsOfKey.add(driverNo[i] as number, driverAccount[i] as number);
    }
    if ((keyed & PASSENGER_KEYED) !== 0 && (passengerAccount[i] as number) >= 0) {
      keysOfAccount.add(passengerAccount[i] as number, passengerNo[i] as number);
      accountsOfKey.add(passengerNo[i] as number, passengerAccount[i] as number);
    }
  }
  const suspect = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const keyed = keyedSides[i] as number;
    const driverSuspect = (keyed & DRIVER_KEYED) !== 0 && (driverAccount[i] as number) >= 0 && exceeds(driverNo[i] as number, driverAccount[i] as number);
    const passengerSuspect = (keyed & PASSENGER_KEYED) !== 0 && (passengerAccount[i] as number) >= 0 && exceeds(passengerNo[i] as number, passengerAccount[i] as number);
    if (driverSuspect || passengerSuspect) suspect[i] = 1;
  }
  return suspect;
}

/**
 * H09: multi-accounts: one operator user id under several identity keys, or one key under many user ids at one
 * operator, in a month. A first pass on numbers keeps the journeys of accounts and keys that could be over a limit;
 * the monthly counts and the flags' journeys are then gathered on those only.
 */
export const accountChurn = defineCheck({
  code: 'H09', version: 1, family: 'person', severity: 'warning',
  label: 'Multi-comptes',
  description: 'Dans le mois, un identifiant utilisateur d’opérateur avec plus d’une clé d’identité, ou une clé d’identité avec plus de 2 identifiants utilisateur chez un même opérateur.',
  run(context, p, id) {
    const keysByUser: Accounts = new Map();
    const usersByKey: Accounts = new Map();
    let over = false;
    const sides = (t: CheckTrip): Array<[string | null, string | null]> => [[t.driver_identity_key, t.operator_driver_id], [t.passenger_identity_key, t.operator_passenger_id]];
    // Exact monthly counts on the few journeys that could matter, in journey order as before.
    const suspect = suspectJourneys(context, p.maxIdentityKeysPerUser, p.maxUserIdsPerIdentity);
    context.trips.forEach((t, i) => {
      if (!suspect[i]) return;
      const month = context.localMonth[i] as number;
      for (const [key, user] of sides(t)) {
        if (!key || !user) continue;
        over = note(keysByUser, month, t.operator_id, user, key) > p.maxIdentityKeysPerUser || over;
        over = note(usersByKey, month, t.operator_id, key, user) > p.maxUserIdsPerIdentity || over;
      }
    });
    // Usual case: no account over the limits, no second pass.
    if (!over) return [];
    const flags = new Map<string, { flag: CheckFlag; journeys: number[]; values: Set<string> }>();
    context.trips.forEach((t, i) => {
      if (!suspect[i]) return;
      const month = context.localMonth[i] as number;
      for (const [key, user] of sides(t)) {
        if (!key || !user) continue;
        const overUser = countOf(keysByUser, month, t.operator_id, user) > p.maxIdentityKeysPerUser;
        const overKey = countOf(usersByKey, month, t.operator_id, key) > p.maxUserIdsPerIdentity;
        for (const [exceeded, kind, account, value] of [[overUser, 'user_with_several_keys', user, key], [overKey, 'key_with_many_users', key, user]] as const) {
          if (!exceeded) continue;
          const group = `${kind}|${month}|${t.operator_id ?? ''}|${account}`;
          let item = flags.get(group);
          if (!item) {
            const evidence = { kind, month: t.start_local.slice(0, 7), operator: String(t.operator_id ?? ''), account };
            item = { flag: { checkId: id, severity: 'warning', journeyKeys: [], persons: [], evidence }, journeys: [], values: new Set() };
            flags.set(group, item);
          }
          item.journeys.push(i);
          item.values.add(value);
        }
      }
    });
    return [...flags.values()].map(({ flag, journeys, values }) => {
      const kindUser = flag.evidence.kind === 'user_with_several_keys';
      return {
        ...flag, journeyKeys: keysOf(context, journeys),
        persons: kindUser ? [...values] : [String(flag.evidence.account)],
        evidence: { ...flag.evidence, [kindUser ? 'identityKeys' : 'operatorUserIds']: [...values] },
      };
    });
  },
});
