import { distanceToQuadratic, distanceToSegment, toScreen, type Point, type ViewTransform } from './map-geometry';
import type { Scene } from './map-scene';

/** What the pointer is on: a flow (row of `MapResult.flows`) or a place (row of `MapResult.places`). */
export type MapTarget = { readonly kind: 'flow'; readonly index: number } | { readonly kind: 'place'; readonly index: number };

/** Pixels of slack around a line, so that a 1-pixel flow can be pointed at without a steady hand. */
const TOLERANCE = 4;

/** Whether two targets are the same (both null included). */
export function sameTarget(a: MapTarget | null, b: MapTarget | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.index === b.index);
}

/**
 * What lies under the screen point `pointer`, in the reverse order of drawing: internal flows' discs (drawn last),
 * then flows from the biggest (drawn on top) down, then place circles from the smallest. Brute force on screen
 * coordinates: for 5,000 flows it takes well under a millisecond, less than a spatial index would cost to rebuild on
 * every zoom.
 */
export function hitTest(scene: Scene, transform: ViewTransform, pointer: Point): MapTarget | null {
  for (const disc of scene.discs.toReversed()) {
    const [x, y] = toScreen(transform, disc.centre);
    if (Math.hypot(pointer[0] - x, pointer[1] - y) <= disc.radius + 1) return { kind: 'flow', index: disc.index };
  }
  for (const flow of scene.flows.toReversed()) {
    const a = toScreen(transform, flow.a);
    const b = toScreen(transform, flow.b);
    // Cheap rejection on the bounding box before measuring the distance (the arc stays within its control triangle).
    const c = flow.control ? toScreen(transform, flow.control) : null;
    const slack = flow.width / 2 + TOLERANCE;
    const xs = c ? [a[0], b[0], c[0]] : [a[0], b[0]];
    const ys = c ? [a[1], b[1], c[1]] : [a[1], b[1]];
    if (pointer[0] < Math.min(...xs) - slack || pointer[0] > Math.max(...xs) + slack) continue;
    if (pointer[1] < Math.min(...ys) - slack || pointer[1] > Math.max(...ys) + slack) continue;
    const distance = c ? distanceToQuadratic(pointer, a, c, b) : distanceToSegment(pointer, a, b);
    if (distance <= slack) return { kind: 'flow', index: flow.index };
  }
  for (const circle of scene.circles.toReversed()) {
    const [x, y] = toScreen(transform, circle.centre);
    if (Math.hypot(pointer[0] - x, pointer[1] - y) <= circle.radius) return { kind: 'place', index: circle.index };
  }
  return null;
}
