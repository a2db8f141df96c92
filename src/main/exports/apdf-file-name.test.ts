import { describe, expect, it } from 'vitest';
import { apdfFileName, parseApdfFileName, sanitizeCampaignName } from './apdf-file-name';

describe('sanitizeCampaignName', () => {
  it.each([
    ['yolo', 'yolo'],
    ['Région Pays de la Loire 2024 (5€/trajet)', 'region_pays_de_la_loire_2024_5e_trajet'],
    ["Covoit'Ouest v2.1", 'covoit_ouest_v2_1'],
    ['Nantes Métropole – été', 'nantes_metropole__ete'],
    ['AOM-44 « Œuvre »', 'aom-44__uvre_'],
  ])('%s → %s', (name, sanitized) => {
    expect(sanitizeCampaignName(name)).toBe(sanitized);
  });

  it('keeps at most 128 characters', () => {
    expect(sanitizeCampaignName('a'.repeat(300))).toHaveLength(128);
  });
});

describe('apdfFileName / parseApdfFileName', () => {
  it('builds the registry name and reads it back', () => {
    const name = apdfFileName({ month: '2022-01', campaignId: '1', operatorId: 2, trips: 111, subsidized: 100, amountCents: 22_200, campaignName: 'yolo' });
    expect(name).toBe('APDF-2022-01-1-2-111-100-22200-yolo.xlsx');
    expect(parseApdfFileName(name)).toEqual({ month: '2022-01', campaignId: '1', operatorId: 2, trips: 111, subsidized: 100, amountCents: 22_200, name: 'yolo' });
  });

  it('reads back names that contain dashes, and ids with `-<digits>` when told the id', () => {
    const name = apdfFileName({ month: '2024-03', campaignId: 'pdll-2024', operatorId: 3, trips: 7, subsidized: 5, amountCents: 1051, campaignName: 'AOM-44 2024-2025' });
    const expected = { campaignId: 'pdll-2024', operatorId: 3, trips: 7, subsidized: 5, amountCents: 1051, name: 'aom-44_2024-2025' };
    expect(parseApdfFileName(name, 'pdll-2024')).toMatchObject(expected);
    // Without the id, the shortest one that leaves four numbers after it is taken.
    expect(parseApdfFileName(name)).toMatchObject({ campaignId: 'pdll', operatorId: 2024 });
    expect(parseApdfFileName(name.replace('pdll-2024', 'pdll_2024'))).toMatchObject({ ...expected, campaignId: 'pdll_2024' });
  });

  it('refuses what is not an APDF name', () => {
    expect(parseApdfFileName('trajets-2024-03.xlsx')).toBeNull();
    expect(parseApdfFileName('APDF-2024-13-1-2-3-4-5-x.xlsx')).toBeNull();
  });

  it('refuses a month, campaign id or figure that would give a wrong name', () => {
    const good = { month: '2024-03', campaignId: 'c', operatorId: 1, trips: 1, subsidized: 1, amountCents: 1, campaignName: 'x' };
    expect(() => apdfFileName({ ...good, month: '2024-3' })).toThrow(/Mois invalide/);
    expect(() => apdfFileName({ ...good, campaignId: '../c' })).toThrow(/Identifiant de campagne/);
    expect(() => apdfFileName({ ...good, amountCents: 1.5 })).toThrow(/Nombre invalide/);
  });
});
