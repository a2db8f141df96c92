import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCampaign } from './compile-campaign';
import { loadCampaignCatalogue, loadCampaignDefinition } from './load-definition';
import { testDefinition } from './testing/trips';

const CATALOGUE = new URL('../../../../resources/campaigns/', import.meta.url);

/** The handler ids of campaigns.md §6: 43 campaigns and 3 templates. */
const HANDLER_IDS = [
  '249', '459', '656', '695', '713', '766', 'occitanie_2022', 'pmgf_2022', 'montpellier_2022', 'cotentin_2023', 'larochelle_2023', 'vitre',
  'metropole_savoie_2022', 'smt_2023', 'pdll_2023', 'pays_basque_2023', 'lannion_2022', 'atmb_2023', 'pmgf_2023', 'grand_poitier_2024',
  'pmgf_late_2023', 'cannes_2024', 'larochelle_2024', 'nantes_metropole_2024', 'pdll_2024', 'smtc_2024_passenger', 'smtc_2024_driver',
  'petr_lunevillois_s1_2023', 'grand_chatellerault_2024', 'terres_touloises_2024', 'lannion_tregor_2024', 'pmgf_x_atmb_2024', 'CCVMM_2024_05',
  'SiouleLimagne_2024_09', 'petr_lunevillois_092024_032025', 'haute_correze_2025', 'ccpoa_202410', 'grand_chatellerault_2025',
  'grand_poitiers_2025', 'la_rochelle_2025', 'pmgf_atmb_2025', 'pays_basque_2025', 'rennes_2025', '1', '2', '3',
];

function readCatalogue() {
  return readdirSync(CATALOGUE).map((fileName) => ({ fileName, json: JSON.parse(readFileSync(new URL(fileName, CATALOGUE), 'utf8')) as unknown }));
}

describe('the catalogue in resources/campaigns', () => {
  it('holds exactly the 43 campaigns and 3 templates of the registry, all valid', () => {
    const { campaigns, errors } = loadCampaignCatalogue(readCatalogue());
    expect(errors).toEqual([]);
    expect(campaigns.map((c) => c.id).sort()).toEqual([...HANDLER_IDS].sort());
    expect(campaigns.filter((c) => c.status === 'template').map((c) => c.id).sort()).toEqual(['1', '2', '3']);
  });

  it('gives every real campaign a window, a budget, a territory and a French description', () => {
    for (const campaign of loadCampaignCatalogue(readCatalogue()).campaigns.filter((c) => c.status === 'campaign')) {
      expect(campaign.window.from, campaign.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(campaign.budget_cents, campaign.id).toBeGreaterThan(0);
      expect(Object.keys(campaign.territory).length, campaign.id).toBeGreaterThan(0);
      expect(campaign.description.length, campaign.id).toBeGreaterThan(80);
      expect(campaign.timezone).toBe('Europe/Paris');
    }
  });

  it('exposes the booster days of Nantes Métropole 2024 and Pays de la Loire 2024 as an empty named list', () => {
    const { campaigns } = loadCampaignCatalogue(readCatalogue());
    for (const id of ['nantes_metropole_2024', 'pdll_2024']) {
      expect(campaigns.find((c) => c.id === id)?.lists.booster_dates).toMatchObject({ kind: 'dates', values: [] });
    }
  });
});

describe('loadCampaignDefinition', () => {
  const base = JSON.parse(JSON.stringify(testDefinition())) as Record<string, unknown>;

  it('reports an unknown operator name with its path', () => {
    const json = { ...base, rules: [{ from: null, eligibility: { type: 'operator', operators: ['KLAXIT', 'KLAKSIT'] }, amount: { type: 'fixed', cents: 1 } }] };
    expect(loadCampaignDefinition(json)).toEqual({
      ok: false,
      issues: [{ path: 'rules[0].eligibility.operators[1]', message: 'opérateur inconnu : « KLAKSIT » (UUID ou constante du registre attendu)' }],
    });
  });

  it('reports versions out of chronological order', () => {
    const rule = (from: string | null) => ({ from, eligibility: { type: 'all', of: [] }, amount: { type: 'fixed', cents: 1 } });
    const loaded = loadCampaignDefinition({ ...base, rules: [rule(null), rule('2024-05-01'), rule('2024-04-30T23:00:00+02:00')] });
    expect(loaded).toEqual({ ok: false, issues: [{ path: 'rules[2].from', message: 'les versions doivent être dans l’ordre chronologique strict' }] });
    const nullLater = loadCampaignDefinition({ ...base, rules: [rule('2024-05-01'), rule(null)] });
    expect(nullLater.ok ? [] : nullLater.issues.map((i) => i.path)).toEqual(['rules[1].from', 'rules[1].from']);
  });

  it('passes structural problems through from the shared schema', () => {
    const loaded = loadCampaignDefinition({ ...base, budget_cents: 12.5 });
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.path)).toEqual(['budget_cents']);
  });
});

describe('loadCampaignCatalogue', () => {
  const json = JSON.parse(JSON.stringify(testDefinition())) as unknown;
  it('requires <id>.json file names and unique ids, and keeps the valid files', () => {
    const { campaigns, errors } = loadCampaignCatalogue([
      { fileName: 'test.json', json },
      { fileName: 'autre.json', json },
      { fileName: 'cassé.json', json: { format: 1 } },
    ]);
    expect(campaigns.map((c) => c.id)).toEqual(['test']);
    expect(errors.map((e) => [e.fileName, e.issues[0]?.path])).toEqual([
      ['autre.json', 'id'],
      ['cassé.json', 'id'],
    ]);
    expect(loadCampaignCatalogue([{ fileName: 'test.json', json }, { fileName: 'test.json', json }]).errors[0]?.issues[0]?.message).toBe(
      'identifiant « test » déjà utilisé',
    );
  });

  it('compiles templates once given a territory, a window and a budget, which stays out of the limits (campaigns.md §5.14)', () => {
    const template = loadCampaignCatalogue(readCatalogue()).campaigns.find((c) => c.id === '2');
    expect(template).toBeDefined();
    const compiled = compileCampaign(template!, { selector: { aom: ['244400404'] }, windowFrom: '2024-01-01', windowTo: '2024-06-30', budgetCents: 1_000_000_000 });
    expect(compiled.budgetCents).toBe(1_000_000_000);
    expect(compiled.limits).toEqual([]);
    // The same definition as a campaign gets the budget as its last limit.
    expect(compileCampaign({ ...template!, status: 'campaign' }, { budgetCents: 1_000_000_000 }).limits.map((l) => l.isBudget)).toEqual([true]);
  });

  it('refuses a template that declares limits, with its path', () => {
    const template = loadCampaignCatalogue(readCatalogue()).campaigns.find((c) => c.id === '3');
    const check = loadCampaignDefinition({ ...template, limits: [{ counter: 'trips', target: 'driver', period: 'day', max: 6 }] });
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.issues.map((issue) => issue.path)).toEqual(['limits']);
  });
});
