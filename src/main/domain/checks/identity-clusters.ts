import { createCheckContext, DRIVER_KEYED, PASSENGER_KEYED, type CheckContext } from './check-context';
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

/**
 * Union-find over identifiers, on the context's numbers: node `p` is the identity key of person `p` (persons whose
 * id is an identity key), node `persons + a` operator account `a`. An identity key and an account are the same person
 * whenever they appear on the same side of a journey. Returns clusters of at least `minAliases` aliases and
 * `minIdentityKeys` identity keys, ordered (with their aliases) by first appearance, journey side by journey side
 * (driver key, driver account, passenger key, passenger account). Linear passes on typed arrays; strings and lists
 * are built only for the clusters returned.
 */
export function identityClusters(context: CheckContext, minAliases = 2, minIdentityKeys = 1): IdentityCluster[] {
  const { driverNo, passengerNo, keyedSides, personNames, operatorIds } = context;
  const { driverAccount, passengerAccount, operatorOf, userIds } = context.accounts();
  const persons = personNames.length;
  const nodes = persons + userIds.length;
  const n = driverNo.length;
  /** Node of side `s` (0 driver key, 1 driver account, 2 passenger key, 3 passenger account) of journey i, or −1. */
  const side = (i: number, s: number): number => {
    switch (s) {
      case 0: return ((keyedSides[i] as number) & DRIVER_KEYED) !== 0 ? (driverNo[i] as number) : -1;
      case 1: return (driverAccount[i] as number) < 0 ? -1 : persons + (driverAccount[i] as number);
      case 2: return ((keyedSides[i] as number) & PASSENGER_KEYED) !== 0 ? (passengerNo[i] as number) : -1;
      default: return (passengerAccount[i] as number) < 0 ? -1 : persons + (passengerAccount[i] as number);
    }
  };
  const sets = new UnionFind(nodes);
  const sides = new Int32Array(nodes);
  /** Position (4 × journey + side) where each node first appears, −1 if never. */
  const firstSeen = new Int32Array(nodes).fill(-1);
  for (let i = 0; i < n; i += 1) {
    for (let s = 0; s < 4; s += 1) {
      const node = side(i, s);
      if (node < 0) continue;
      sides[node] = (sides[node] as number) + 1;
      if ((firstSeen[node] as number) < 0) firstSeen[node] = 4 * i + s;
    }
    const driverKey = side(i, 0);
    const driverUser = side(i, 1);
    const passengerKey = side(i, 2);
    const passengerUser = side(i, 3);
    if (driverKey >= 0 && driverUser >= 0) sets.union(driverKey, driverUser);
    if (passengerKey >= 0 && passengerUser >= 0) sets.union(passengerKey, passengerUser);
  }
  const aliasCount = new Int32Array(nodes);
  const keyCount = new Int32Array(nodes);
  for (let node = 0; node < nodes; node += 1) {
    if ((firstSeen[node] as number) < 0) continue;
    const root = sets.find(node);
    aliasCount[root] = (aliasCount[root] as number) + 1;
    if (node < persons) keyCount[root] = (keyCount[root] as number) + 1;
  }
  // Usual case: every person is one key with its own accounts, nothing to build.
  const membersOf = new Map<number, number[]>();
  for (let node = 0; node < nodes; node += 1) {
    if ((firstSeen[node] as number) < 0) continue;
    const root = sets.find(node);
    if ((aliasCount[root] as number) < minAliases || (keyCount[root] as number) < minIdentityKeys) continue;
    const list = membersOf.get(root);
    if (list) list.push(node);
    else membersOf.set(root, [node]);
  }
  if (membersOf.size === 0) return [];
  const label = (node: number): string => {
    if (node < persons) return `key:${personNames[node] as string}`;
    const account = node - persons;
    return `user:${operatorIds[operatorOf[account] as number] ?? ''}:${userIds[account] as string}`;
  };
  const byFirstSeen = (a: number, b: number): number => (firstSeen[a] as number) - (firstSeen[b] as number);
  for (const members of membersOf.values()) members.sort(byFirstSeen);
  const roots = [...membersOf.keys()].sort((a, b) => byFirstSeen((membersOf.get(a) as number[])[0] as number, (membersOf.get(b) as number[])[0] as number));
  const clusters = new Map<number, IdentityCluster>();
  for (const root of roots) {
    const members = membersOf.get(root) as number[];
    const aliases = members.map((node) => ({ alias: label(node), journeySides: sides[node] as number }));
    clusters.set(root, {
      identityKeys: members.filter((node) => node < persons).map((node) => personNames[node] as string),
      operatorUsers: aliases.filter((a) => a.alias.startsWith('user:')).map((a) => a.alias.slice(5)),
      aliases,
      journeys: [],
    });
  }
  for (let i = 0; i < n; i += 1) {
    for (let s = 0; s < 4; s += 1) {
      const node = side(i, s);
      if (node < 0) continue;
      const cluster = clusters.get(sets.find(node));
      if (cluster && cluster.journeys[cluster.journeys.length - 1] !== i) cluster.journeys.push(i);
    }
  }
  return [...clusters.values()];
}

/** Reconstituted persons of a set of journeys (G01's clusters), for screens that show a person's aliases. */
export function reconstituteIdentities(trips: readonly CheckTrip[], minAliases = 2, minIdentityKeys = 1): IdentityCluster[] {
  return identityClusters(createCheckContext(trips), minAliases, minIdentityKeys);
}

/** G01: a reconstituted person with several identity keys (key spelling change, or an account shared between people). */
export const identityReconstitution = defineCheck({
  code: 'G01', version: 1, family: 'graph', severity: 'warning',
  label: 'Identité reconstituée (plusieurs clés)',
  description: 'Clés d’identité et comptes opérateur reliés quand ils figurent du même côté d’un trajet ; une personne reconstituée avec au moins 2 clés d’identité.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const cluster of identityClusters(context, 2, p.minIdentityKeys)) {
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
