import { geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import type { LonLat } from '@shared/types/map';
import {
  arcControlPoint,
  arrowHead,
  boundsOf,
  composeTransform,
  distanceToQuadratic,
  distanceToSegment,
  fitFrame,
  frameStream,
  geometryPositions,
  project,
  quadraticLength,
  quadraticPoint,
  relativeTransform,
  toScreen,
  trimQuadratic,
  unitProject,
  type Point,
} from './map-geometry';

const NANTES: LonLat = [-1.5536, 47.2184];
const STRASBOURG: LonLat = [7.7521, 48.5734];
const MARSEILLE: LonLat = [5.3698, 43.2965];

const close = (a: Point, b: Point): void => {
  expect(a[0]).toBeCloseTo(b[0], 6);
  expect(a[1]).toBeCloseTo(b[1], 6);
};

describe('projection', () => {
  it('puts the west on the left and the north at the top (y grows downwards)', () => {
    const nantes = unitProject(NANTES);
    const strasbourg = unitProject(STRASBOURG);
    const marseille = unitProject(MARSEILLE);
    expect(nantes[0]).toBeLessThan(strasbourg[0]);
    expect(strasbourg[1]).toBeLessThan(marseille[1]);
  });

  it('fits bounds into the canvas, centred, the same scale on both axes', () => {
    const bounds = boundsOf([NANTES, STRASBOURG, MARSEILLE].map(unitProject));
    if (!bounds) throw new Error('bounds attendues');
    const frame = fitFrame(bounds, 800, 600, 20);
    const points = [NANTES, STRASBOURG, MARSEILLE].map((position) => project(frame, position));
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(19.999);
      expect(x).toBeLessThanOrEqual(780.001);
      expect(y).toBeGreaterThanOrEqual(19.999);
      expect(y).toBeLessThanOrEqual(580.001);
    }
    // The limiting axis touches both paddings.
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    expect(Math.max(Math.max(...xs) - Math.min(...xs) - 760, Math.max(...ys) - Math.min(...ys) - 560)).toBeCloseTo(0, 6);
  });

  it('does not blow one place up to the whole canvas', () => {
    const nantes = unitProject(NANTES);
    const frame = fitFrame([nantes, nantes], 800, 600, 20);
    // About 25 km across the smaller side: some 22 pixels per kilometre, not thousands.
    expect(frame.scale).toBeLessThan(200_000);
    close(project(frame, NANTES), [400, 300]);
  });

  it('draws contours in the frame whatever the winding of their rings', () => {
    const frame = fitFrame([unitProject([-2, 47]), unitProject([-1, 48])], 100, 100, 0);
    const counterclockwise = { type: 'Polygon' as const, coordinates: [[[-2, 47], [-1, 47], [-1, 48], [-2, 48], [-2, 47]]] };
    const path = geoPath(frameStream(frame));
    const area = path.area(counterclockwise);
    // The square, not the rest of the globe.
    expect(area).toBeGreaterThan(1_000);
    expect(area).toBeLessThan(20_000);
    expect(path(counterclockwise)).toMatch(/^M[\d.,-]+L.*Z$/);
  });

  it('lists every position of a multipolygon', () => {
    expect([...geometryPositions([[[[0, 1], [2, 3]]], [[[4, 5]]]])]).toEqual([[0, 1], [2, 3], [4, 5]]);
  });
});

describe('transforms', () => {
  it('moves a picture drawn at one zoom to where another zoom draws it', () => {
    const from = { k: 2, x: 30, y: -40 };
    const to = { k: 3, x: -12, y: 8 };
    const point: Point = [17, 23];
    close(toScreen(relativeTransform(from, to), toScreen(from, point)), toScreen(to, point));
  });

  it('composes the frame and the zoom into one similarity', () => {
    const frame = { scale: 1000, tx: 50, ty: 60 };
    const zoom = { k: 2, x: -100, y: 10 };
    const composed = composeTransform(frame, zoom);
    const unit: Point = [0.3, -0.2];
    const inFrame: Point = [unit[0] * 1000 + 50, unit[1] * 1000 + 60];
    close(toScreen(composed, unit), toScreen(zoom, inFrame));
  });
});

describe('arcs', () => {
  it('bends to the right of the way travelled, so that A→B and B→A do not overlap', () => {
    const a: Point = [0, 0];
    const b: Point = [100, 0];
    // Eastwards on a screen, the right-hand side is down (y grows downwards).
    expect(arcControlPoint(a, b)[1]).toBeGreaterThan(0);
    expect(arcControlPoint(b, a)[1]).toBeLessThan(0);
    expect(arcControlPoint(a, b)[0]).toBe(50);
  });

  it('evaluates and trims the quadratic curve', () => {
    const a: Point = [0, 0];
    const c: Point = [50, 40];
    const b: Point = [100, 0];
    close(quadraticPoint(a, c, b, 0), a);
    close(quadraticPoint(a, c, b, 1), b);
    close(quadraticPoint(a, c, b, 0.5), [50, 20]);
    const trimmed = trimQuadratic(a, c, b, 0.8);
    close(trimmed.end, quadraticPoint(a, c, b, 0.8));
    // The first part of a Bézier curve is again one: its midpoint is the original curve's point at 0.4.
    close(quadraticPoint(a, trimmed.control, trimmed.end, 0.5), quadraticPoint(a, c, b, 0.4));
    expect(quadraticLength(a, [50, 0], b)).toBeCloseTo(100, 6);
  });

  it('points the arrow head at the destination', () => {
    const [tip, left, right] = arrowHead([90, 0], [100, 0], 4);
    expect(tip).toEqual([100, 0]);
    close(left, [90, 4]);
    close(right, [90, -4]);
  });
});

describe('distances', () => {
  it('measures to a segment, its ends included', () => {
    expect(distanceToSegment([50, 5], [0, 0], [100, 0])).toBeCloseTo(5);
    expect(distanceToSegment([-3, 4], [0, 0], [100, 0])).toBeCloseTo(5);
    expect(distanceToSegment([3, 4], [0, 0], [0, 0])).toBeCloseTo(5);
  });

  it('measures to an arc, not to its chord', () => {
    const a: Point = [0, 0];
    const c: Point = [50, 40];
    const b: Point = [100, 0];
    expect(distanceToQuadratic([50, 20], a, c, b)).toBeLessThan(0.5);
    expect(distanceToQuadratic([50, 0], a, c, b)).toBeGreaterThan(15);
  });
});
