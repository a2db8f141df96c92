import { describe, expect, it } from 'vitest';
import { describeEvidence, formatEvidenceDuration, formatEvidenceMetres } from './evidence-labels';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('evidence in French', () => {
  it('writes durations in minutes and hours, with a minus sign for an overlap', () => {
    expect([45, 720, 750, 3600, 4800, 172_800, -4800, 0].map(formatEvidenceDuration)).toEqual([
      `45${NBSP}s`, `12${NBSP}min`, `12${NBSP}min 30${NBSP}s`, `1${NBSP}h`, `1${NBSP}h 20${NBSP}min`, `48${NBSP}h`, `\u22121${NBSP}h 20${NBSP}min`, `0${NBSP}s`,
    ]);
  });

  it('writes distances in metres under a kilometre, in kilometres to the metre above', () => {
    expect([850, 4999, 5000, 65_253].map(formatEvidenceMetres)).toEqual([`850${NBSP}m`, `4,999${NBSP}km`, `5${NBSP}km`, `65,253${NBSP}km`]);
  });

  it('names each key and shows its value with its unit, the check’s own sense first', () => {
    const lines = describeEvidence('T04@1', { speedKmh: 212.44, thresholdKmh: 130, durationS: 600, distanceM: -1, kind: 'slow' });
    expect(lines.map((line) => `${line.label} : ${line.value}`)).toEqual([
      `Vitesse moyenne : 212,4${NBSP}km/h`, `Seuil de vitesse : 130${NBSP}km/h`, `Durée déclarée : 10${NBSP}min`, 'Distance déclarée : inconnue',
      'Nature : trop lent (marche, transport en commun)',
    ]);
    expect(describeEvidence('T08@1', { threshold: 4 })[0]).toEqual({ key: 'threshold', label: 'Seuil (places)', value: '4' });
    expect(describeEvidence('H08@1', { threshold: 0.5 })[0]?.value).toBe(`50${NBSP}%`);
  });

  it('shows money in euros, shares in per cent, codes, days, months, booleans and lists in French', () => {
    const text = (checkId: string, evidence: Record<string, unknown>) => describeEvidence(checkId, evidence).map((line) => line.value);
    expect(text('T09@1', { rpcIncentiveCents: 450, contributionCentsPerKm: 8.02, maxContributionCentsPerKm: 60, reasons: ['negative_amount', 'incentive_above_max'] })).toEqual([
      `4,50${NBSP}€`, `0,0802${NBSP}€/km`, `0,60${NBSP}€/km`, 'montant négatif, incitation au-delà du maximum par trajet',
    ]);
    expect(text('H02@1', { overlapRatio: 0.857, roles: ['driver', 'passenger'] })).toEqual([`85,7${NBSP}%`, 'conducteur, passager']);
    expect(text('H07@1', { month: '2024-03', incentiveCents: 18_300 })).toEqual(['mars 2024', `183,00${NBSP}€`]);
    expect(text('H01@1', { day: '2024-03-05', scope: 'interoperator' })).toEqual(['05/03/2024', 'entre opérateurs']);
    expect(text('H03@1', { overlapping: true, crossOperator: false, maxGapS: 1800 })).toEqual(['oui', 'non', `30${NBSP}min`]);
    expect(text('G08@1', { growthPercent: 1400, nightStartHour: 22 })).toEqual([`1${NNBSP}400${NBSP}%`, `22${NBSP}h`]);
  });

  it('shortens identity keys and keeps an unknown key under its own name', () => {
    const key = 'ab'.repeat(32);
    expect(describeEvidence('G03@1', { degrees: [`${key}:3`] })[0]?.value).toBe('ababababab…:3');
    expect(describeEvidence('T99@1', { newKey: 12.5 })).toEqual([{ key: 'newKey', label: 'newKey', value: '12,5' }]);
  });
});
