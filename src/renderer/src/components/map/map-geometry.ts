import { geoConicConformal, type GeoStream, type GeoStreamWrapper } from 'd3-geo';
import type { LonLat } from '@shared/types/map';

/**
 * Projection and plane geometry of the map, without the DOM: the canvas, the hit-testing and the PNG rely on it,
 * and the tests check it directly.
 *
 * Places and contours are projected once per answer into unit coordinates (Lambert conformal conic at scale 1).
 * The canvas then maps them to the screen with one scale and one translation, the product of the frame (the fit
 * of the territory to the canvas size) and of the zoom: a resize, a pan or a zoom never projects anything again.
 */

/** A point in pixels or unit coordinates (x to the right, y downwards). */
export type Point = readonly [number, number];

/** Bounds `[[xmin, ymin], [xmax, ymax]]`. */
export type Bounds = readonly [Point, Point];

/** A similarity as d3-zoom gives it: screen = point × k + (x, y). */
export interface ViewTransform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export const IDENTITY: ViewTransform = { k: 1, x: 0, y: 0 };

/** Where the fitted extent sits in the canvas at zoom 1: CSS pixels = unit coordinates × scale + (tx, ty). */
export interface Frame {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/** Unit coordinates as they are: the frame in which scenes and contours are built. */
export const UNIT_FRAME: Frame = { scale: 1, tx: 0, ty: 0 };

/**
 * Lambert conformal conic with the parallels of Lambert-93 (44° N and 49° N) centred on 3° E: the shapes of
 * metropolitan France as the IGN draws them. Scale 1 at the origin; `fitFrame` scales it to the canvas.
 */
const unitProjection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).scale(1).translate([0, 0]);

/** Metropolitan France (with Corsica), the default extent when a map has nothing to fit to. */
export const METROPOLE: readonly LonLat[] = [
  [-5.2, 41.3],
  [9.6, 51.1],
];

/** Smallest extent fitted (unit projection, about 25 km), so that one place alone is not blown up to the canvas. */
const MIN_SPAN = 0.004;

/** A position projected at scale 1 (a radian of the sphere is one unit). */
export function unitProject(position: LonLat): Point {
  const point = unitProjection([position[0], position[1]]);
  return point ? [point[0], point[1]] : [Number.NaN, Number.NaN];
}

/** Bounds of finite points, null when there are none. */
export function boundsOf(points: Iterable<Point>): Bounds | null {
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xmin = Math.min(xmin, x);
    ymin = Math.min(ymin, y);
    xmax = Math.max(xmax, x);
    ymax = Math.max(ymax, y);
  }
  return xmin === Infinity ? null : [[xmin, ymin], [xmax, ymax]];
}

/**
 * The frame that fits `bounds` (unit projection) into a `width` × `height` canvas with `padding` pixels around,
 * centred, the same scale on both axes; bounds smaller than about 25 km are widened first.
 */
export function fitFrame(bounds: Bounds, width: number, height: number, padding: number): Frame {
  const [[x0, y0], [x1, y1]] = bounds;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const spanX = Math.max(x1 - x0, MIN_SPAN);
  const spanY = Math.max(y1 - y0, MIN_SPAN);
  const scale = Math.min(Math.max(1, width - 2 * padding) / spanX, Math.max(1, height - 2 * padding) / spanY);
  return { scale, tx: width / 2 - cx * scale, ty: height / 2 - cy * scale };
}

/** A position in the frame (CSS pixels at zoom 1). */
export function project(frame: Frame, position: LonLat): Point {
  const [x, y] = unitProject(position);
  return [x * frame.scale + frame.tx, y * frame.scale + frame.ty];
}

/**
 * The frame's projection as a d3 stream wrapper, for `geoPath`: a planar transform, without d3's spherical
 * clipping. Contours then draw whatever the winding order of their rings (GeoJSON RFC 7946 winds exterior rings
 * the other way round from what d3's spherical polygons expect, which would fill the whole globe).
 */
export function frameStream(frame: Frame): GeoStreamWrapper {
  return {
    stream(output: GeoStream): GeoStream {
      return {
        point(lon: number, lat: number) {
          const [x, y] = project(frame, [lon, lat]);
          output.point(x, y);
        },
        lineStart: () => output.lineStart(),
        lineEnd: () => output.lineEnd(),
        polygonStart: () => output.polygonStart(),
        polygonEnd: () => output.polygonEnd(),
        sphere: () => output.sphere?.(),
      };
    },
  };
}

/** Every position of a Polygon or MultiPolygon's rings, whatever its nesting. */
export function* geometryPositions(coordinates: unknown): Generator<LonLat> {
  if (!Array.isArray(coordinates)) return;
  if (coordinates.length >= 2 && typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    yield [coordinates[0], coordinates[1]];
    return;
  }
  for (const item of coordinates) yield* geometryPositions(item);
}

/** The single transform from unit coordinates to the screen: the frame, then the zoom on top of it. */
export function composeTransform(frame: Frame, zoom: ViewTransform): ViewTransform {
  return { k: frame.scale * zoom.k, x: frame.tx * zoom.k + zoom.x, y: frame.ty * zoom.k + zoom.y };
}

/**
 * The transform that moves a picture drawn at zoom `from` to where zoom `to` would draw it (same frame): scale
 * `to.k / from.k`, then the translations' difference.
 */
export function relativeTransform(from: ViewTransform, to: ViewTransform): ViewTransform {
  const k = to.k / from.k;
  return { k, x: to.x - from.x * k, y: to.y - from.y * k };
}

/** A point on the screen. */
export function toScreen(transform: ViewTransform, point: Point): Point {
  return [point[0] * transform.k + transform.x, point[1] * transform.k + transform.y];
}

/**
 * Control point of the quadratic arc from `a` to `b`, bent to the right of the way travelled by `bend` × the
 * chord's length: A→B and B→A curve on opposite sides instead of overlapping.
 */
export function arcControlPoint(a: Point, b: Point, bend = 0.18): Point {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  // y points down on a screen: the right-hand normal of (dx, dy) is (−dy, dx).
  return [(a[0] + b[0]) / 2 - dy * bend, (a[1] + b[1]) / 2 + dx * bend];
}

/** The point at parameter `t` of the quadratic Bézier curve a–c–b. */
export function quadraticPoint(a: Point, c: Point, b: Point, t: number): Point {
  const u = 1 - t;
  return [u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]];
}

/**
 * The part [0, t] of the quadratic curve a–c–b (de Casteljau): its control point and its end. A flow line stops
 * where its arrow head begins, so that the line's width does not stick out of the head's point.
 */
export function trimQuadratic(a: Point, c: Point, b: Point, t: number): { control: Point; end: Point } {
  return { control: [a[0] + (c[0] - a[0]) * t, a[1] + (c[1] - a[1]) * t], end: quadraticPoint(a, c, b, t) };
}

/** Rough length of a quadratic curve: the mean of its chord and its control polygon (good to a few per cent). */
export function quadraticLength(a: Point, c: Point, b: Point): number {
  return (Math.hypot(b[0] - a[0], b[1] - a[1]) + Math.hypot(c[0] - a[0], c[1] - a[1]) + Math.hypot(b[0] - c[0], b[1] - c[1])) / 2;
}

/** The three corners of an arrow head pointing at `tip`, its base centred on `base`. */
export function arrowHead(base: Point, tip: Point, halfWidth: number): [Point, Point, Point] {
  const dx = tip[0] - base[0];
  const dy = tip[1] - base[1];
  const length = Math.hypot(dx, dy) || 1;
  const nx = (-dy / length) * halfWidth;
  const ny = (dx / length) * halfWidth;
  return [tip, [base[0] + nx, base[1] + ny], [base[0] - nx, base[1] - ny]];
}

/** Arrow head length and half-width for a line `width` pixels wide: the head stays visible on the thinnest flow. */
export function arrowSize(width: number): { length: number; halfWidth: number } {
  return { length: 5 + 1.6 * width, halfWidth: 2.5 + 0.9 * width };
}

/** Distance from `p` to the segment a–b. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from `p` to the quadratic curve a–c–b, measured on `steps` chords (enough at the bends used here). */
export function distanceToQuadratic(p: Point, a: Point, c: Point, b: Point, steps = 8): number {
  let best = Infinity;
  let previous = a;
  for (let step = 1; step <= steps; step += 1) {
    const next = quadraticPoint(a, c, b, step / steps);
    best = Math.min(best, distanceToSegment(p, previous, next));
    previous = next;
  }
  return best;
}
