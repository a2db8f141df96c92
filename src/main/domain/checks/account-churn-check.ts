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
 * H09: multi-accounts: one operator user id under several identity keys, or one key under many user ids at one
 * operator, in a month. Journeys are collected in a second pass, only for the accounts over the limit.
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
    context.trips.forEach((t, i) => {
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
