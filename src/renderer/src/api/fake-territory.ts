import type { ParsedReq, Res } from '@shared/ipc/contract';
import type { JobRecord } from '@shared/types/jobs';
import type { ComparableCampaign, ObservatoryIndicators, TerritoryMatch, TerritoryRef, TerritorySummary } from '@shared/types/territory';

/**
 * The « Mon territoire », discovery and observatory side of the fake `Api` (home, Campagnes and Observatoire page
 * tests): a few Pays de la Loire territories, a summary of three months with the same months a year before, two
 * comparable campaigns, and the observatory's indicators over twelve months. Stable figures, so tests can assert them.
 */

/** Territories the fake finds by name, as `territory:search` answers them. */
export const FAKE_TERRITORIES: readonly TerritoryMatch[] = [
  { level: 'com', code: '44109', name: 'Nantes', context: 'Loire-Atlantique', population: 320_732, journeys: 7_400 },
  { level: 'aom', code: '244400404', name: 'Nantes Métropole', context: 'Loire-Atlantique', population: 683_000, journeys: 9_100 },
  { level: 'epci', code: '244400404', name: 'Nantes Métropole', context: 'Loire-Atlantique', population: 683_000, journeys: 9_100 },
  { level: 'com', code: '44184', name: 'Saint-Nazaire', context: 'Loire-Atlantique', population: 72_299, journeys: 1_900 },
  { level: 'dep', code: '44', name: 'Loire-Atlantique', context: 'Pays de la Loire', population: 1_460_000, journeys: 30_000 },
  { level: 'reg', code: '52', name: 'Pays de la Loire', context: null, population: 3_900_000, journeys: 40_000 },
];

const normalise = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The fake's name of a territory (null for one it does not know, as the main side for a code it cannot name). */
export function fakeTerritoryName(territory: TerritoryRef): string | null {
  return FAKE_TERRITORIES.find((match) => match.level === territory.level && match.code === territory.code)?.name ?? null;
}

/** The home page's summary of a territory: August–October 2026 against August–October 2025. */
export function fakeTerritorySummary(request: TerritoryRef & { from?: string | undefined; to?: string | undefined }): TerritorySummary {
  const figure = (value: number, yearBefore: number | null) => ({ value, yearBefore });
  return {
    territory: { level: request.level, code: request.code, name: fakeTerritoryName(request) },
    from: request.from ?? '2026-08-01',
    to: request.to ?? '2026-10-31',
    yearBefore: { from: '2025-08-01', to: '2025-10-31' },
    figures: {
      journeys: figure(13_860, 12_375),
      carpools: figure(10_870, 9_800),
      carpoolers: figure(14_320, 13_900),
      distanceKm: figure(291_900, 262_000),
      incentivesCents: figure(2_345_600, 2_000_000),
      operators: figure(4, 3),
      co2Tonnes: figure(41.2, 36.6),
      internalShare: 0.42,
    },
    months: [
      { month: '2026-08', journeys: 3_900 },
      { month: '2026-09', journeys: 5_010 },
      { month: '2026-10', journeys: 4_950 },
    ],
    topFlows: [
      { origin: '44109', originName: 'Nantes', destination: '44162', destinationName: 'Saint-Herblain', journeys: 1_830 },
      { origin: '44109', originName: 'Nantes', destination: '44143', destinationName: 'Rezé', journeys: 1_120 },
      { origin: '44184', originName: 'Saint-Nazaire', destination: '44109', destinationName: 'Nantes', journeys: 640 },
    ],
    operators: [
      { operator: 'BlaBlaCar Daily', journeys: 6_930, share: 0.5 },
      { operator: 'Karos', journeys: 4_158, share: 0.3 },
      { operator: 'Klaxit', journeys: 2_772, share: 0.2 },
    ],
    byHour: Array.from({ length: 24 }, (_, hour) => (hour >= 6 && hour <= 9 ? 1_500 : hour >= 16 && hour <= 19 ? 1_200 : 40)),
    byWeekday: [2_300, 2_400, 2_350, 2_380, 2_200, 500, 350],
    incentives: {
      journeys: 9_800,
      cents: 2_345_600,
      payers: [
        { campaign: 'Pays de la Loire 2024', authority: 'Région Pays de la Loire', journeys: 8_000, cents: 1_900_000 },
        { campaign: 'Nantes Métropole 2024', authority: 'Nantes Métropole', journeys: 1_800, cents: 445_600 },
      ],
    },
    waiting: { importsWithRejectedRows: 2, rejectedRows: 157, flaggedNotReviewed: 41, savedSimulations: 2 },
    store: { from: '2025-01-01', to: '2026-10-31', lastSync: '2026-11-28T16:40:38.000Z' },
    elapsedMs: 8.5,
  };
}

/** Two catalogue campaigns close to any territory: one that paid in the store, a model that never did. */
export function fakeComparableCampaigns(): ComparableCampaign[] {
  return [
    {
      campaignId: 'grand_poitiers_2025',
      name: 'Communauté urbaine du Grand Poitiers (2025)',
      territoryName: 'Grand Poitiers',
      similarity: 0.82,
      reasons: ['population comparable : 200 000 hab.', 'même type de territoire : communauté urbaine', 'trajets de 18 km en moyenne, comme les vôtres'],
      howItPays: '2 € par trajet de 5 à 20 km, puis 0,10 € par km jusqu’à 50 km ; 150 € par conducteur et par mois au plus.',
      paid: { cents: 1_250_000, journeys: 6_200 },
    },
    {
      campaignId: '1',
      name: 'Modèle 1 : 2 € + 0,10 €/km de 20 à 50 km',
      territoryName: null,
      similarity: 0.5,
      reasons: ['modèle à adapter à tout territoire'],
      howItPays: '2 € par trajet, plus 0,10 € par km de 20 à 50 km.',
      paid: null,
    },
  ];
}

/** The observatory over the twelve months to October 2026, the whole store or one territory. */
export function fakeObservatoryIndicators(territory: TerritoryRef | null, period?: { from: string; to: string }): ObservatoryIndicators {
  const months = Array.from({ length: 12 }, (_, index) => {
    const date = new Date(Date.UTC(2025, 10 + index, 1));
    return { month: date.toISOString().slice(0, 7), journeys: 12_000 + index * 300, carpools: 9_400 + index * 240 };
  });
  return {
    territory: territory ? { ...territory, name: fakeTerritoryName(territory) } : null,
    from: period?.from ?? '2025-11-01',
    to: period?.to ?? '2026-10-31',
    minCount: 6,
    journeys: 163_800,
    carpools: 128_640,
    carpoolers: 48_200,
    operatorsSendingProofs: 4,
    operatorsByMonth: months.map(({ month }, index) => ({ month, operators: index < 3 ? 3 : 4 })),
    authoritiesWithCampaign: [
      { authority: 'Région Pays de la Loire', campaigns: 2, journeys: 52_000, cents: 11_400_000 },
      { authority: 'Nantes Métropole', campaigns: 1, journeys: 7_100, cents: 1_560_000 },
    ],
    evolution: {
      firstMonth: '2025-11',
      lastMonth: '2026-10',
      withCampaign: { aoms: 2, first: 8_000, last: 10_000, change: 0.25 },
      withoutCampaign: { aoms: 5, first: 2_000, last: 2_100, change: 0.05 },
    },
    attestationsIssued: 0,
    co2Tonnes: 480.5,
    co2Method: 'CO₂ évité = passagers × kilomètres parcourus × 195 g CO₂e par km (facteur de l’observatoire du registre, voiture thermique moyenne).',
    months,
  };
}

/**
 * The handlers of the `territory:*`, `campaigns:comparable|draft`, `simulations:preflight` and `observatory:*`
 * channels. Reports and sites are jobs of the fake's job list, like the main side's.
 */
export function createFakeTerritory(startJob: (kind: JobRecord['kind'], params?: Record<string, unknown>) => string) {
  return {
    'territory:search': ({ text, limit }: ParsedReq<'territory:search'>): Res<'territory:search'> =>
      FAKE_TERRITORIES.filter((match) => normalise(match.name).includes(normalise(text))).slice(0, limit),
    'territory:summary': (request: ParsedReq<'territory:summary'>): Res<'territory:summary'> => fakeTerritorySummary(request),
    'territory:report': ({ territory, ...rest }: ParsedReq<'territory:report'>): Res<'territory:report'> => ({
      jobId: startJob('territory.report', { territory, ...rest }),
      file: `/donnees/atelier/exports/rapport-${territory.level}-${territory.code}.pdf`,
    }),
    'campaigns:comparable': (): Res<'campaigns:comparable'> => fakeComparableCampaigns(),
    'campaigns:draft': ({ campaignId, territory, from, to }: ParsedReq<'campaigns:draft'>): Res<'campaigns:draft'> => {
      const name = fakeTerritoryName(territory) ?? territory.code;
      return {
        definition: { format: 1, id: `brouillon-${campaignId}`, name: `Brouillon pour ${name}`, status: 'campaign', territory: { [territory.level]: [territory.code] } },
        from: from ?? '2025-11-01',
        to: to ?? '2026-10-31',
        changes: [`territoire : ${name} au lieu du territoire d’origine`, 'période : les douze derniers mois complets de la base'],
      };
    },
    'simulations:preflight': (): Res<'simulations:preflight'> => ({ journeysInPeriod: 30_000, journeysInTerritory: 12_000, warnings: [], suggestedPeriod: null }),
    'observatory:indicators': ({ territory, from, to }: ParsedReq<'observatory:indicators'>): Res<'observatory:indicators'> =>
      fakeObservatoryIndicators(territory, from !== undefined && to !== undefined ? { from, to } : undefined),
    'observatory:publish': (request: ParsedReq<'observatory:publish'>): Res<'observatory:publish'> => ({
      jobId: startJob('observatory.publish', { ...request }),
      dir: '/donnees/atelier/exports/observatoire-2026-12-07',
    }),
  };
}
