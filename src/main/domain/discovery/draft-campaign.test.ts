import { describe, expect, it } from 'vitest';
import type { CampaignDefinition, Predicate, TerritorySelector } from '../../../shared/campaigns/definition-types';
import { loadCampaignDefinition } from '../campaigns';
import { draftCampaign, type DraftInput } from './draft-campaign';

/** A Nantes-like campaign: both ends in the région, one in the AOM, an exclusion, and an amount that reads the AOM. */
function nantesLike(exclusion: TerritorySelector): CampaignDefinition {
  return {
    format: 1, id: 'essai_nantes', name: 'Essai Nantes', description: 'Campagne d’essai.', status: 'campaign',
    territory: { aom: ['244400404'] }, window: { from: '2024-01-01', to: '2025-12-31' }, timezone: 'Europe/Paris',
    budget_cents: 50_000_000, payee: 'driver', lists: {}, shapes: {},
    rules: [{
      from: null,
      eligibility: {
        type: 'all',
        of: [
          { type: 'distance', min_m: 5_000, max_m: 60_000, bounds: '[]' },
          { type: 'territory', at: 'both', in: { reg: ['52'] } },
          { type: 'territory', at: 'either', in: { aom: ['244400404'] } },
          { type: 'not', of: { type: 'territory', at: 'end', in: exclusion } },
        ],
      },
      amount: {
        type: 'choose',
        cases: [{ when: { type: 'territory', at: 'both', in: { aom: ['244400404'] } }, amount: { type: 'per_seat', of: { type: 'fixed', cents: 150 } } }],
        otherwise: { type: 'fixed', cents: 0 },
      },
    }],
    limits: [{ counter: 'trips', target: 'driver', period: 'day', max: 6 }],
  };
}

/** Rennes Métropole (AOM 243500139) in Ille-et-Vilaine (35), Bretagne (53), for half the population. */
function rennesInput(definition: CampaignDefinition): DraftInput {
  return {
    definition, selector: { aom: ['243500139'] }, territoryName: 'Rennes Métropole', campaignTerritoryName: 'Nantes Métropole', idSuffix: 'aom-243500139',
    from: '2026-01-01', to: '2026-12-31', populationRatio: 0.5,
    containsTerritory: (selector) => JSON.stringify(selector.dep ?? []).includes('"35"') || JSON.stringify(selector.reg ?? []).includes('"53"'),
    describe: (selector) => JSON.stringify(selector),
  };
}

describe('draftCampaign', () => {
  it('puts the territory, the period and a scaled budget, adapts the territory conditions, keeps the rest and says so', () => {
    const original = nantesLike({ dep: ['44'] });
    const snapshot = structuredClone(original);
    const { definition, changes } = draftCampaign(rennesInput(original));
    expect(original).toEqual(snapshot);
    expect(definition).toMatchObject({
      id: 'essai_nantes-aom-243500139', status: 'campaign', territory: { aom: ['243500139'] }, window: { from: '2026-01-01', to: '2026-12-31' },
      limits: original.limits,
    });
    expect(definition.name).toBe('Essai Nantes — adaptée à Rennes Métropole');
    // 500 000 € × 365 / 731 days × half the population, to the hundred euros.
    expect(definition.budget_cents).toBe(12_480_000);
    const rule = definition.rules[0];
    const of = (rule?.eligibility as Extract<Predicate, { type: 'all' }>).of;
    // The campaign's own AOM and the région Rennes is not in now read the campaign's territory; the exclusion stays.
    expect(of[1]).toEqual({ type: 'territory', at: 'both', in: 'campaign' });
    expect(of[2]).toEqual({ type: 'territory', at: 'either', in: 'campaign' });
    expect(of[3]).toEqual({ type: 'not', of: { type: 'territory', at: 'end', in: { dep: ['44'] } } });
    expect(rule?.amount).toMatchObject({ cases: [{ when: { type: 'territory', at: 'both', in: 'campaign' } }] });
    expect(loadCampaignDefinition(definition).ok).toBe(true);
    expect(changes).toEqual([
      'Territoire : Rennes Métropole au lieu de Nantes Métropole.',
      'Période : du 01/01/2026 au 31/12/2026 (campagne d’origine : du 01/01/2024 au 31/12/2025).',
      expect.stringMatching(/^Budget : 124\s800,00\s€ au lieu de 500\s000,00\s€, à proportion de la durée \(365 jours sur 731\) et de la population \(50\s%/),
      '2 conditions des règles portaient sur le territoire de la campagne : elles portent désormais sur le vôtre.',
      'La condition « départ et arrivée : {"reg":["52"]} » porte désormais sur votre territoire, qui n’y est pas.',
      'Montants, plafonds, opérateurs et classes de preuve inchangés ; enregistrée sous l’identifiant essai_nantes-aom-243500139.',
    ]);
  });

  it('warns when an exclusion covers the territory, and keeps a condition whose place holds it', () => {
    const { definition, changes } = draftCampaign({ ...rennesInput(nantesLike({ dep: ['35'] })), populationRatio: null });
    const of = (definition.rules[0]?.eligibility as Extract<Predicate, { type: 'all' }>).of;
    expect(of[3]).toEqual({ type: 'not', of: { type: 'territory', at: 'end', in: { dep: ['35'] } } });
    expect(changes).toContain('Attention : les règles excluent les trajets « arrivée : {"dep":["35"]} », ce qui couvre votre territoire ; ajustez-les avant de simuler.');
    expect(changes.find((change) => change.startsWith('Budget'))).toContain('population inconnue');

    const inside = draftCampaign({ ...rennesInput(nantesLike({ dep: ['44'] })), containsTerritory: () => true });
    expect((inside.definition.rules[0]?.eligibility as Extract<Predicate, { type: 'all' }>).of[1]).toEqual({ type: 'territory', at: 'both', in: { reg: ['52'] } });
  });

  it('says the territory is unchanged for the campaign’s own, and leaves a budget-less template without one', () => {
    const own = draftCampaign({ ...rennesInput(nantesLike({ dep: ['44'] })), selector: { aom: ['244400404'] }, territoryName: 'Nantes Métropole', populationRatio: 1 });
    expect(own.changes[0]).toBe('Territoire : Nantes Métropole, celui de la campagne (inchangé).');
    const template = draftCampaign({
      ...rennesInput({ ...nantesLike({ dep: ['44'] }), status: 'template', territory: {}, window: { from: null, to: null }, budget_cents: null }),
      campaignTerritoryName: '',
    });
    expect(template.definition.budget_cents).toBeNull();
    expect(template.changes[0]).toBe('Territoire : Rennes Métropole au lieu de tout le territoire (modèle).');
    expect(template.changes[1]).toBe('Période : du 01/01/2026 au 31/12/2026 (campagne d’origine : sans limite de dates).');
  });
});
