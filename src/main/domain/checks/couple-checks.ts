import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { keysOf } from './flag-helpers';
import { overlapKind } from './overlap';

/**
 * H03: the same couple (either orientation) on two different car trips whose gap (end → next start, published
 * times) is under 30 min, or that overlap. Unlike the registry, a trip fully containing the other is caught and
 * one close pair is enough.
 */
export const coupleTooClose = defineCheck({
  code: 'H03', version: 1, family: 'person', severity: 'high',
  label: 'Même équipage, trajets trop rapprochés',
  description: 'Un même couple conducteur/passager (dans un sens ou l’autre) sur deux trajets distincts séparés de moins de 30 min ou qui se chevauchent : élevé entre opérateurs, à vérifier chez un même opérateur.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const { startS, endS, tripKey, operatorNo, personNames } = context;
    const couples = context.couples();
    const active: number[] = [];
    for (let c = 0; c < couples.count; c += 1) {
      active.length = 0;
      for (let k = couples.offsets[c] as number; k < (couples.offsets[c + 1] as number); k += 1) {
        const j = couples.journeys[k] as number;
        // Journeys ended more than the gap ago can no longer be close to this one nor to later ones.
        for (let a = active.length - 1; a >= 0; a -= 1) if ((endS[active[a] as number] as number) + p.maxGapS <= (startS[j] as number)) active.splice(a, 1);
        for (const i of active) {
          if (tripKey[i] === tripKey[j]) continue;
          const gap = (startS[j] as number) - (endS[i] as number);
          const crossOperator = operatorNo[i] !== operatorNo[j];
          flags.push({
            checkId: id, severity: crossOperator ? 'high' : 'warning', journeyKeys: keysOf(context, [i, j]),
            persons: [personNames[couples.first[c] as number] as string, personNames[couples.second[c] as number] as string],
            evidence: { gapS: gap, maxGapS: p.maxGapS, overlapping: gap < 0, crossOperator },
          });
        }
        active.push(j);
      }
    }
    return flags;
  },
});

/** G06: the same couple declared on ≥ 2 operators over certainly overlapping times (registry `interoperator_overlap`). */
export const crossOperatorDuplicate = defineCheck({
  code: 'G06', version: 1, family: 'graph', severity: 'high',
  label: 'Doublon inter-opérateurs',
  description: 'Un même couple déclaré chez au moins deux opérateurs sur des horaires qui se chevauchent certainement (malgré l’arrondi à 10 min).',
  run(context, _p, id) {
    const flags: CheckFlag[] = [];
    const { startS, endS, trips, operatorNo, personNames } = context;
    const couples = context.couples();
    const active: number[] = [];
    for (let c = 0; c < couples.count; c += 1) {
      active.length = 0;
      for (let k = couples.offsets[c] as number; k < (couples.offsets[c + 1] as number); k += 1) {
        const j = couples.journeys[k] as number;
        for (let a = active.length - 1; a >= 0; a -= 1) if ((endS[active[a] as number] as number) <= (startS[j] as number)) active.splice(a, 1);
        for (const i of active) {
          if (operatorNo[i] === operatorNo[j]) continue;
          if (overlapKind(startS[i] as number, endS[i] as number, startS[j] as number, endS[j] as number) !== 'certain') continue;
          const a = trips[i];
          const b = trips[j];
          if (!a || !b) continue;
          flags.push({
            checkId: id, severity: 'high', journeyKeys: keysOf(context, [i, j]),
            persons: [personNames[couples.first[c] as number] as string, personNames[couples.second[c] as number] as string],
            evidence: { operators: [String(a.operator_id), String(b.operator_id)], linkedJourneys: [a.natural_key, b.natural_key] },
          });
        }
        active.push(j);
      }
    }
    return flags;
  },
});
