import { defineCheck } from './check-definition';
import type { CheckFlag, CheckTrip } from './check-types';
import { UnionFind } from './union-find';

/** An identifier seen on journeys, with the number of journey sides carrying it. */
export interface IdentityAlias {
  /** `key:<identity_key>` or `user:<operator id>:<operator user id>`. */
  alias: string;
  journeySides: number;
}

/** A reconstituted person: identity keys and operator accounts linked by co-occurring on a journey side. */
export interface IdentityCluster {
  identityKeys: string[];
  operatorUsers: string[];
  aliases: IdentityAlias[];
  /** Indexes (in the input array) of the journeys where any alias appears. */
  journeys: number[];
}

/** Dense ids for identity keys and operator accounts, without building prefixed strings per journey side. */
class AliasIds {
  readonly labels: string[] = [];
  private readonly keyIds = new Set<number>();
  private readonly keys = new Map<string, number>();
  private readonly users = new Map<number | null, Map<string, number>>();

  key(identityKey: string): number {
    let id = this.keys.get(identityKey);
    if (id === undefined) {
      id = this.labels.push(`key:${identityKey}`) - 1;
      this.keys.set(identityKey, id);
      this.keyIds.add(id);
    }
    return id;
  }

  isKey(id: number): boolean {
    return this.keyIds.has(id);
  }

  user(operatorId: number | null, userId: string): number {
    let byUser = this.users.get(operatorId);
    if (!byUser) this.users.set(operatorId, (byUser = new Map()));
    let id = byUser.get(userId);
    if (id === undefined) {
      id = this.labels.push(`user:${operatorId ?? ''}:${userId}`) - 1;
      byUser.set(userId, id);
    }
    return id;
  }
}

/**
 * Union-find over identifiers: an identity key and an (operator, operator user id) are the same person whenever
 * they appear on the same side of a journey. Returns clusters of at least `minAliases` aliases and
 * `minIdentityKeys` identity keys. Three linear passes (link, count, collect); journeys are gathered only for the
 * clusters returned.
 */
export function reconstituteIdentities(trips: readonly CheckTrip[], minAliases = 2, minIdentityKeys = 1): IdentityCluster[] {
  const ids = new AliasIds();
  /** Alias ids of the driver side then the passenger side of journey i at 4i..4i+3 (−1 when absent). */
  const sideIds = new Int32Array(trips.length * 4).fill(-1);
  trips.forEach((t, i) => {
    if (t.driver_identity_key) sideIds[4 * i] = ids.key(t.driver_identity_key);
    if (t.operator_driver_id) sideIds[4 * i + 1] = ids.user(t.operator_id, t.operator_driver_id);
    if (t.passenger_identity_key) sideIds[4 * i + 2] = ids.key(t.passenger_identity_key);
    if (t.operator_passenger_id) sideIds[4 * i + 3] = ids.user(t.operator_id, t.operator_passenger_id);
  });
  const sets = new UnionFind(ids.labels.length);
  for (let k = 0; k < sideIds.length; k += 2) {
    const a = sideIds[k] as number;
    const b = sideIds[k + 1] as number;
    if (a >= 0 && b >= 0) sets.union(a, b);
  }
  const counts = new Int32Array(ids.labels.length);
  for (const id of sideIds) if (id >= 0) counts[id] = (counts[id] as number) + 1;
  const aliasesByRoot = new Map<number, number[]>();
  for (let id = 0; id < ids.labels.length; id += 1) {
    const root = sets.find(id);
    const list = aliasesByRoot.get(root);
    if (list) list.push(id);
    else aliasesByRoot.set(root, [id]);
  }
  const kept = new Map<number, IdentityCluster>();
  for (const [root, aliasIds] of aliasesByRoot) {
    if (aliasIds.length < minAliases || aliasIds.filter((id) => ids.isKey(id)).length < minIdentityKeys) continue;
    const aliases = aliasIds.map((id) => ({ alias: ids.labels[id] as string, journeySides: counts[id] as number }));
    kept.set(root, {
      identityKeys: aliases.filter((a) => a.alias.startsWith('key:')).map((a) => a.alias.slice(4)),
      operatorUsers: aliases.filter((a) => a.alias.startsWith('user:')).map((a) => a.alias.slice(5)),
      aliases,
      journeys: [],
    });
  }
  for (let k = 0; k < sideIds.length; k += 1) {
    const id = sideIds[k] as number;
    if (id < 0) continue;
    const cluster = kept.get(sets.find(id));
    const i = k >> 2;
    if (cluster && cluster.journeys[cluster.journeys.length - 1] !== i) cluster.journeys.push(i);
  }
  return [...kept.values()];
}

/** G01: a reconstituted person with several identity keys (key spelling change, or an account shared between people). */
export const identityReconstitution = defineCheck({
  code: 'G01', version: 1, family: 'graph', severity: 'warning',
  label: 'Identité reconstituée (plusieurs clés)',
  description: 'Clés d’identité et comptes opérateur reliés quand ils figurent du même côté d’un trajet ; une personne reconstituée avec au moins 2 clés d’identité.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const cluster of reconstituteIdentities(context.trips, 2, p.minIdentityKeys)) {
      flags.push({
        checkId: id, severity: 'warning',
        journeyKeys: cluster.journeys.map((i) => context.trips[i]?.natural_key ?? ''),
        persons: cluster.identityKeys,
        evidence: {
          identityKeys: cluster.identityKeys.length, operatorUsers: cluster.operatorUsers,
          aliases: cluster.aliases.map((a) => `${a.alias} (${a.journeySides})`),
        },
      });
    }
    return flags;
  },
});
