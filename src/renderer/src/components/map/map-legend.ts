import type { MapResult } from '@shared/types/map';
import { formatDay, formatInteger } from '@shared/util/format';
import { circleRadius, flowStyle, niceNumber, type ClassScale } from './map-classes';
import type { ChoroplethSpec } from './map-background';
import { MAP_COLOURS } from './map-draw';
import { classColour, formatMeasure } from './map-measures';
import { MAX_CIRCLE_RADIUS, type CircleMeasure, type Scene } from './map-scene';
import { HOUR_BANDS, WEEKDAYS } from './map-form';
import type { Translate } from '@renderer/i18n/messages';

/**
 * The legend as data: the page prints it in HTML and the PNG export draws the same texts and swatches, so the two
 * cannot disagree. Texts come translated through `t` (`useMessages`'s, with checked keys).
 */

export interface LegendModel {
  /** What the map shows: territory, level, period (the PNG's title). */
  readonly title: string;
  /** Period, weekdays and hour bands. */
  readonly period: string;
  readonly filters: string;
  readonly flows: { readonly title: string; readonly items: ReadonlyArray<{ label: string; colour: string; width: number }> } | null;
  readonly discs: string | null;
  readonly circles: { readonly title: string; readonly items: ReadonlyArray<{ label: string; radius: number }> } | null;
  readonly choropleth: { readonly title: string; readonly items: ReadonlyArray<{ label: string; colour: string }> } | null;
  readonly overlay: { readonly label: string; readonly colour: string } | null;
  readonly threshold: string;
  readonly source: string;
}

/**
 * One label per class of `scale`: whole numbers read « de 6 à 19 » (the next class starts at 20); other values
 * « de 0,12 à moins de 0,25 »; the last class ends at the largest value, or is open (« +25 % et plus ») when the
 * classes were fixed beforehand.
 */
export function classLabels(scale: ClassScale, format: (value: number) => string, t: Translate): string[] {
  const count = scale.thresholds.length + 1;
  return Array.from({ length: count }, (_, index) => {
    const lower = index === 0 ? scale.min : (scale.thresholds[index - 1] as number);
    const last = index === count - 1;
    const upper = last ? scale.max : (scale.thresholds[index] as number);
    if (scale.open && index === 0) return t('map.legend.classBelow', { to: format(upper) });
    if (scale.open && last) return t('map.legend.classAbove', { from: format(lower) });
    // Ends that print alike (one value, or values rounded alike) make one figure, not « de 6,9 à 6,9 ».
    if (last) return format(lower) === format(upper) ? format(lower) : t('map.legend.classLast', { from: format(lower), to: format(upper) });
    if (scale.integer) {
      return lower === upper - 1 ? format(lower) : t('map.legend.classInteger', { from: format(lower), to: format(upper - 1) });
    }
    return t('map.legend.classRange', { from: format(lower), to: format(upper) });
  });
}

/** Values of the reference circles: the largest, and about a quarter and a twentieth of it, rounded. */
export function circleReferences(max: number): number[] {
  if (!(max > 0)) return [];
  const values = [max, niceNumber(max / 4), niceNumber(max / 20)].map((value) => Math.round(value)).filter((value) => value > 0);
  return [...new Set(values)];
}

/** The days and bands of a result in words (« tous » when nothing is left out). */
function filtersText(result: Pick<MapResult, 'days' | 'bands'>, t: Translate): string {
  // Through WEEKDAYS, in week order: each day a result names has its message (1 = Monday … 7 = Sunday).
  const named = WEEKDAYS.filter((day) => result.days.includes(day));
  const days = result.days.length >= WEEKDAYS.length ? t('map.legend.allDays') : named.map((day) => t(`map.weekdays.${day}.short`)).join(', ');
  const bands = result.bands.length >= HOUR_BANDS.length ? t('map.legend.allBands') : result.bands.map((band) => t(`map.bands.${band}`)).join(', ');
  return t('map.legend.filters', { days, bands });
}

/** The map's title: territory and level, flows between which places. */
export function mapTitle(result: Pick<MapResult, 'territory' | 'level'>, t: Translate): string {
  const level = t(`map.levelsPlural.${result.level}`);
  if (!result.territory) return t('map.titleAll', { level });
  return t('map.titleTerritory', {
    territory: result.territory.name ?? result.territory.code,
    territoryLevel: t(`stats.levels.${result.territory.level}`),
    level,
  });
}

/** Everything the legend says about a drawn map. */
export function buildLegend(
  input: {
    readonly result: MapResult;
    readonly scene: Scene;
    readonly circles: CircleMeasure;
    readonly choropleth: ChoroplethSpec | null;
    readonly attribution: string;
  },
  t: Translate,
): LegendModel {
  const { result, scene, choropleth } = input;
  const flowLabels = classLabels(scene.flowScale, formatInteger, t);
  const flows =
    result.flows.length > 0
      ? { title: t('map.legend.flows'), items: flowLabels.map((label, index) => ({ label, ...flowStyle(scene.flowScale, index) })) }
      : null;
  const circles =
    input.circles !== 'none' && scene.circleMax > 0
      ? {
          title: t('map.legend.circles', { measure: t(`map.display.circleMeasures.${input.circles}`) }),
          items: circleReferences(scene.circleMax).map((value) => ({
            label: formatInteger(value),
            radius: circleRadius(value, scene.circleMax, MAX_CIRCLE_RADIUS),
          })),
        }
      : null;
  const measure = choropleth?.measure;
  const choroplethLegend =
    choropleth && measure
      ? {
          title: t(`map.display.measures.${measure}`),
          items: classLabels(choropleth.scale, (value) => formatMeasure(measure, value), t).map((label, index) => ({
            label,
            colour: classColour(measure, choropleth.scale, index),
          })),
        }
      : null;
  return {
    title: mapTitle(result, t),
    period: t('map.legend.period', { from: formatDay(result.from), to: formatDay(result.to) }),
    filters: filtersText(result, t),
    flows,
    discs: scene.discs.length > 0 ? t('map.legend.discs') : null,
    circles,
    choropleth: choroplethLegend,
    overlay: result.overlay ? { label: t('map.legend.overlay', { label: result.overlay.label }), colour: MAP_COLOURS.overlay } : null,
    threshold: t('map.legend.threshold', { min: formatInteger(result.minCount) }),
    source: t('map.legend.source', { attribution: input.attribution }),
  };
}
