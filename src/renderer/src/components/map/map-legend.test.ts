import { describe, expect, it } from 'vitest';
import { fakeMapResult } from '@renderer/api/fake-map';
import { createAppI18n } from '@renderer/i18n';
import { formatInteger } from '@shared/util/format';
import { buildLegend, circleReferences, classLabels, mapTitle } from './map-legend';
import { formatMeasure, measureScale } from './map-measures';
import { buildScene } from './map-scene';

const { t } = createAppI18n().global;
const NNBSP = '\u202f';
const QUERY = { level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-08-01', to: '2026-10-31', direction: 'both' } as const;

describe('classLabels', () => {
  it('says where each class of journeys starts and ends', () => {
    expect(classLabels({ thresholds: [20, 50, 200, 500], min: 6, max: 1_830, integer: true }, formatInteger, t)).toEqual([
      'de 6 à 19',
      'de 20 à 49',
      'de 50 à 199',
      'de 200 à 499',
      `de 500 à 1${NNBSP}830`,
    ]);
    expect(classLabels({ thresholds: [7], min: 6, max: 7, integer: true }, formatInteger, t)).toEqual(['6', '7']);
  });

  it('reads ratios as ranges and fixed classes as open-ended', () => {
    expect(classLabels({ thresholds: [0.5], min: 0.1, max: 0.9, integer: false }, String, t)).toEqual(['de 0.1 à moins de 0.5', 'de 0.5 à 0.9']);
    expect(classLabels({ thresholds: [-0.25, 0.25], min: 0.1, max: 0.2, integer: false, open: true }, String, t)).toEqual([
      'moins de -0.25',
      'de -0.25 à moins de 0.25',
      '0.25 et plus',
    ]);
  });
});

describe('circleReferences', () => {
  it('gives the largest value and two rounded smaller ones', () => {
    expect(circleReferences(9_118)).toEqual([9_118, 2_500, 500]);
    expect(circleReferences(3)).toEqual([3, 1]);
    expect(circleReferences(0)).toEqual([]);
  });
});

describe('buildLegend', () => {
  it('describes the flows, discs, circles, choropleth, overlay, threshold, period and source of a map', () => {
    const result = fakeMapResult({ ...QUERY, days: [1, 2], bands: ['morning'], overlay: { kind: 'flagged' } }, 6);
    const scene = buildScene(result, { lines: 'arcs', circles: 'journeys' });
    const legend = buildLegend(
      { result, scene, circles: 'journeys', choropleth: { measure: 'evolution', scale: measureScale(result.places, 'evolution'), places: result.places }, attribution: 'IGN' },
      t,
    );
    expect(legend.title).toBe('Loire-Atlantique (Département) — flux entre communes');
    expect(legend.period).toBe('Du 01/08/2026 au 31/10/2026');
    expect(legend.filters).toBe('Jours : Lun, Mar ; horaires : Pointe du matin (6 h–9 h)');
    expect(legend.flows?.items).toHaveLength(5);
    expect(legend.discs).toContain('trajets internes');
    expect(legend.circles?.title).toBe('Cercles : Départs et arrivées par lieu');
    const percent = (value: number): string => formatMeasure('evolution', value);
    expect(legend.choropleth?.items.map((item) => item.label)).toEqual([
      `moins de ${percent(-0.25)}`,
      `de ${percent(-0.25)} à moins de ${percent(-0.05)}`,
      `de ${percent(-0.05)} à moins de ${percent(0.05)}`,
      `de ${percent(0.05)} à moins de ${percent(0.25)}`,
      `${percent(0.25)} et plus`,
    ]);
    expect(percent(0.25)).toMatch(/^\+25\s%$/);
    expect(legend.overlay?.label).toBe('En orange : trajets signalés');
    expect(legend.threshold).toBe('Flux et lieux de moins de 6 trajets masqués');
    expect(legend.source).toBe('Source : Registre de preuve de covoiturage, extraits importés ; fonds : IGN');
  });

  it('titles a map of the whole store', () => {
    expect(mapTitle({ territory: null, level: 'dep' }, t)).toBe('Toute la base — flux entre départements');
  });
});
