import type { MapResult } from '@shared/types/map';
import { formatCents, formatInteger } from '@shared/util/format';
import type { MapTarget } from './map-hit';
import type { Translate } from '@renderer/i18n/messages';
import { formatMeasure, measureValue, type PlaceMeasure } from './map-measures';

/** What the tooltip and the selection panel say about a flow or a place: a title and lines of figures. */
export interface TargetFigures {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * The figures of a flow (origin → destination, or internal to a place) or of a place (journeys, departures, arrivals,
 * internal journeys, incentives, the choropleth's measure, the overlay's share), in French; null for a row the
 * answer does not have (a selection left over from a previous answer).
 */
export function describeTarget(result: MapResult, target: MapTarget, measure: PlaceMeasure | null, t: Translate): TargetFigures | null {
  const journeys = (count: number): string => t('map.figures.journeys', { count: formatInteger(count) }, count);
  const overlay = (count: number | null): string[] =>
    count !== null && result.overlay ? [t('map.figures.overlay', { count: formatInteger(count), label: result.overlay.label })] : [];
  if (target.kind === 'flow') {
    const flow = result.flows[target.index];
    if (!flow) return null;
    const origin = flow.originName ?? flow.origin;
    const title = flow.internal
      ? t('map.figures.internal', { place: origin })
      : t('map.figures.flow', { origin, destination: flow.destinationName ?? flow.destination });
    return { title, lines: [journeys(flow.journeys), t('map.figures.incentives', { amount: formatCents(flow.rpcCents) }), ...overlay(flow.overlayJourneys)] };
  }
  const place = result.places[target.index];
  if (!place) return null;
  const value = measure ? measureValue(place, measure) : null;
  return {
    title: place.name ? `${place.name} (${place.code})` : place.code,
    lines: [
      journeys(place.journeys),
      t('map.figures.placeSplit', { departures: formatInteger(place.departures), arrivals: formatInteger(place.arrivals), internal: formatInteger(place.internal) }),
      t('map.figures.incentives', { amount: formatCents(place.rpcCents) }),
      ...(measure && value !== null ? [t('map.figures.measure', { measure: t(`map.display.measures.${measure}`), value: formatMeasure(measure, value) })] : []),
      ...overlay(place.overlayJourneys),
    ],
  };
}
