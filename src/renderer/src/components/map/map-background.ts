import { geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { MapPlace, ShapeFeature } from '@shared/types/map';
import type { ClassScale } from './map-classes';
import type { BackgroundLayers } from './map-draw';
import { frameStream, UNIT_FRAME, type Frame } from './map-geometry';
import { measureColour, measureValue, type PlaceMeasure } from './map-measures';

/** Contours a map can draw behind its flows. */
export interface BackgroundShapes {
  readonly regions: readonly ShapeFeature[];
  readonly departements: readonly ShapeFeature[];
  /** Contours of the places of the map's level, when the store (or the application, for départements) has them. */
  readonly places: readonly ShapeFeature[];
}

/** The choropleth to fill the places' contours with, or null. */
export interface ChoroplethSpec {
  readonly measure: PlaceMeasure;
  readonly scale: ClassScale;
  readonly places: readonly MapPlace[];
}

/**
 * SVG path data of contours projected into the frame (`Path2D` accepts it as is); empty when there are none.
 * The shape checked by the contract is GeoJSON; only its coordinates' nesting is left open there.
 */
export function shapesPathData(features: readonly ShapeFeature[], frame: Frame): string {
  if (features.length === 0) return '';
  const collection: FeatureCollection = { type: 'FeatureCollection', features: features as unknown as Array<Feature<Geometry>> };
  return geoPath(frameStream(frame))(collection) ?? '';
}

/**
 * The places' contours grouped by the colour of their class (one path per colour, so that a choropleth of
 * thousands of communes costs five fills); contours of places without a value stay unfilled.
 */
export function choroplethGroups(features: readonly ShapeFeature[], spec: ChoroplethSpec): Array<{ colour: string; features: ShapeFeature[] }> {
  const values = new Map<string, number>();
  for (const place of spec.places) {
    const value = measureValue(place, spec.measure);
    if (value !== null) values.set(place.code, value);
  }
  const groups = new Map<string, ShapeFeature[]>();
  for (const feature of features) {
    const value = values.get(feature.properties.code);
    if (value === undefined) continue;
    const colour = measureColour(spec.measure, spec.scale, value);
    const group = groups.get(colour) ?? [];
    group.push(feature);
    groups.set(colour, group);
  }
  return [...groups].map(([colour, grouped]) => ({ colour, features: grouped }));
}

function toPath(data: string): Path2D | null {
  return data === '' ? null : new Path2D(data);
}

/**
 * The background layers as `Path2D` objects in unit coordinates (browser only: `Path2D` is a canvas API); built
 * once per answer and display choice, then only re-placed by `setTransform`.
 */
export function buildBackground(shapes: BackgroundShapes, choropleth: ChoroplethSpec | null, frame: Frame = UNIT_FRAME): BackgroundLayers {
  return {
    regions: toPath(shapesPathData(shapes.regions, frame)),
    departements: toPath(shapesPathData(shapes.departements, frame)),
    places: toPath(shapesPathData(shapes.places, frame)),
    choropleth: choropleth
      ? choroplethGroups(shapes.places, choropleth).flatMap(({ colour, features }) => {
          const path = toPath(shapesPathData(features, frame));
          return path ? [{ colour, path }] : [];
        })
      : [],
  };
}
