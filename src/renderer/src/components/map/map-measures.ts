import type { MapPlace } from '@shared/types/map';
import { formatCents, formatDecimal, formatPercent } from '@shared/util/format';
import {
  CHOROPLETH_COLOURS,
  EVOLUTION_COLOURS,
  EVOLUTION_THRESHOLDS,
  classIndex,
  geometricThresholds,
  quantileThresholds,
  type ClassScale,
} from './map-classes';

/** What the places' contours are filled with: nothing, or one figure of each place. */
export const CHOROPLETH_MEASURES = ['none', 'perThousand', 'internalShare', 'rpcCents', 'evolution'] as const;
export type ChoroplethMeasure = (typeof CHOROPLETH_MEASURES)[number];
export type PlaceMeasure = Exclude<ChoroplethMeasure, 'none'>;

/** The figure of a place for a measure, null when the place has none (population or previous period unknown). */
export function measureValue(place: MapPlace, measure: PlaceMeasure): number | null {
  switch (measure) {
    case 'perThousand':
      return place.perThousand;
    case 'internalShare':
      return place.internalShare;
    case 'rpcCents':
      return place.rpcCents;
    case 'evolution':
      return place.evolution;
  }
}

/**
 * Classes of a measure over the places: quantiles for the ratios, a geometric progression for the incentives
 * (skewed like the flows), fixed classes around zero for the evolution so that « stable » means the same everywhere.
 */
export function measureScale(places: readonly MapPlace[], measure: PlaceMeasure): ClassScale {
  const values = places.map((place) => measureValue(place, measure)).filter((value): value is number => value !== null);
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 0;
  switch (measure) {
    case 'evolution':
      return { thresholds: [...EVOLUTION_THRESHOLDS], min, max, integer: false, open: true };
    case 'rpcCents': {
      const positive = values.filter((value) => value > 0);
      // Thresholds in whole euros, the unit of the legend.
      const thresholds = geometricThresholds(Math.min(...positive) / 100, max / 100, CHOROPLETH_COLOURS.length, true).map((euros) => euros * 100);
      return { thresholds, min, max, integer: true };
    }
    default:
      return { thresholds: quantileThresholds(values, CHOROPLETH_COLOURS.length), min, max, integer: false };
  }
}

/** Fill colour of class `index`: the diverging palette for the evolution, the sequential one for the other measures. */
export function classColour(measure: PlaceMeasure, scale: ClassScale, index: number): string {
  const palette = measure === 'evolution' ? EVOLUTION_COLOURS : CHOROPLETH_COLOURS;
  // With fewer classes than colours, skip the lightest ones (a lone class stays visible); the evolution always has 5.
  const offset = palette.length - (scale.thresholds.length + 1);
  return palette[Math.min(palette.length - 1, index + offset)] as string;
}

/** Fill colour of a value. */
export function measureColour(measure: PlaceMeasure, scale: ClassScale, value: number): string {
  return classColour(measure, scale, classIndex(scale, value));
}

const smallFormat = new Intl.NumberFormat('fr-FR', { maximumSignificantDigits: 2 });

/** A value of a measure in French, with its unit: « 12,4 », « 0,37 », « 41,2 % », « 1 234,00 € », « +12,5 % ». */
export function formatMeasure(measure: PlaceMeasure, value: number): string {
  switch (measure) {
    case 'perThousand':
      // Two significant digits below 10, as the class thresholds have: 0,37 and 0,4 are different classes.
      return Math.abs(value) < 10 ? smallFormat.format(value) : formatDecimal(value);
    case 'internalShare':
      return formatPercent(value);
    case 'rpcCents':
      return formatCents(value);
    case 'evolution':
      return `${value > 0 ? '+' : ''}${formatPercent(value)}`;
  }
}
